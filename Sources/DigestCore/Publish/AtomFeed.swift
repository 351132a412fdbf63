/// Atom feeds (RFC 4287): one writer for the site's feed and each theme's
/// and author's. Ids and links are absolute (a feed is read away from the
/// site, so a base URL is required), `updated` comes from the papers'
/// dates, text is escaped for XML.
enum AtomFeed {
    /// One feed: its title, where it is, the page it stands for, and its
    /// papers newest first (only the first `length` are written).
    struct Spec {
        var title: String
        var route: String
        var page: String
        var papers: [Int]
        /// Abstracts in full (the site's feed) or their first characters
        /// (a theme's or an author's, of which a large site has thousands).
        var summaryLimit: Int?
    }

    /// Characters of each abstract in a theme's or an author's feed.
    static let shortSummary = 280

    /// The feed as bytes, written straight into one buffer: a large site
    /// has tens of thousands of feeds, so no string is built per field.
    static func render(_ spec: Spec, site: Site, base: String, length: Int) -> [UInt8] {
        let pageURL = Route.absolute(spec.page, base: base)
        let newest = spec.papers.prefix(length)
        let updated = newest.compactMap { site.catalog.papers[$0].date }.max() ?? site.updated
        var out: [UInt8] = []
        out.reserveCapacity(1024 + newest.count * 1024)
        func raw(_ text: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
        func text(_ value: String) { XML.escape(value, into: &out) }
        raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>")
        text(spec.title)
        raw("</title>\n  <subtitle>")
        text(site.description)
        raw("</subtitle>\n  <id>")
        text(pageURL)
        raw("</id>\n  <link rel=\"alternate\" type=\"text/html\" href=\"")
        text(pageURL)
        raw("\"/>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"")
        text(Route.absolute(spec.route, base: base))
        raw("\"/>\n  <updated>")
        out += min(updated.firstDay, site.updated.firstDay).description.utf8
        raw("T00:00:00Z</updated>\n  <generator>Digest</generator>\n")
        for id in newest {
            let paper = site.catalog.papers[id]
            let url = Route.absolute(site.paperRoute(id), base: base)
            raw("  <entry>\n    <title>")
            text(paper.title)
            raw("</title>\n    <id>")
            text(url)
            raw("</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"")
            text(url)
            raw("\"/>\n    <updated>")
            out += (paper.date ?? site.updated).firstDay.description.utf8
            raw("T00:00:00Z</updated>\n")
            let people = site.creditPeople[id]
            if people.isEmpty { raw("    <author><name>Unknown</name></author>\n") }
            for person in people {
                raw("    <author><name>")
                text(site.catalog.authors.people[person].name)
                raw("</name></author>\n")
            }
            if let category = paper.category {
                raw("    <category term=\"")
                text(category)
                raw("\"/>\n")
            }
            raw("    <summary type=\"text\">")
            // Cut by its first characters, without counting all of them.
            if let limit = spec.summaryLimit, paper.abstract.utf8.count > limit,
               case let cut = PageData.prefix(paper.abstract, characters: limit), cut.utf8.count < paper.abstract.utf8.count {
                text(cut + "…")
            } else {
                text(paper.abstract)
            }
            raw("</summary>\n  </entry>\n")
        }
        raw("</feed>\n")
        return out
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

    /// `escape(text)` appended to `out`.
    static func escape(_ text: String, into out: inout [UInt8]) {
        var copy = text
        copy.withUTF8 { bytes in
            guard bytes.contains(where: needsWork) else { out.append(contentsOf: bytes); return }
            out += escape(text).utf8
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
