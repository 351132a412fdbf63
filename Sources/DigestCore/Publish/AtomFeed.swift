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
    /// `& < > " '` as entities; characters XML 1.0 forbids (C0 controls
    /// but tab, newline and return; U+FFFE, U+FFFF) dropped. Works on the
    /// UTF-8 bytes: text with nothing to change is returned as it is.
    static func escape(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes -> String in
            guard bytes.contains(where: needsWork) else { return text }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                switch byte {
                case 0x26: out += "&amp;".utf8
                case 0x3C: out += "&lt;".utf8
                case 0x3E: out += "&gt;".utf8
                case 0x22: out += "&quot;".utf8
                case 0x27: out += "&apos;".utf8
                case 0x09, 0x0A, 0x0D: out.append(byte)
                case ..<0x20: break
                case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                    i += 2
                default: out.append(byte)
                }
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A byte that escaping changes, or that starts U+FFFE/U+FFFF (EF BF BE/BF).
    private static func needsWork(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0xEF: return true
        case 0x09, 0x0A, 0x0D: return false
        default: return byte < 0x20
        }
    }
}
