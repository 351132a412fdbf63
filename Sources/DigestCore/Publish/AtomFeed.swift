/// The Atom feed (RFC 4287) of the newest papers: ids and links are
/// absolute, `updated` comes from the papers' dates, text is escaped.
enum AtomFeed {
    static let size = 50

    static func render(_ site: Site) -> String {
        let base = site.baseURL
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>\(XML.escape(site.content.title))</title>
              <subtitle>\(XML.escape(site.content.description))</subtitle>
              <id>\(XML.escape(Route.absolute(Route.home, base: base)))</id>
              <link rel="alternate" type="text/html" href="\(XML.escape(Route.absolute(Route.home, base: base)))"/>
              <link rel="self" type="application/atom+xml" href="\(XML.escape(Route.absolute(Route.feed, base: base)))"/>
              <updated>\(site.updated.description)T00:00:00Z</updated>
              <generator>Digest</generator>

            """
        for id in site.newestFirst.prefix(size) {
            let paper = site.catalog.papers[id]
            let url = Route.absolute(site.paperRoute(id), base: base)
            let day = (paper.date ?? site.updated).description + "T00:00:00Z"
            xml += "  <entry>\n"
            xml += "    <title>\(XML.escape(paper.title))</title>\n"
            xml += "    <id>\(XML.escape(url))</id>\n"
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(XML.escape(url))\"/>\n"
            xml += "    <updated>\(day)</updated>\n"
            let names = site.creditPeople[id].map { site.catalog.authors.people[$0].name }
            for name in names.isEmpty ? ["Unknown"] : names {
                xml += "    <author><name>\(XML.escape(name))</name></author>\n"
            }
            if let category = paper.category { xml += "    <category term=\"\(XML.escape(category))\"/>\n" }
            xml += "    <summary type=\"text\">\(XML.escape(paper.abstract))</summary>\n"
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }
}

enum XML {
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // Characters XML 1.0 forbids are dropped.
                if scalar.value < 0x20, scalar != "\n", scalar != "\t", scalar != "\r" { continue }
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
