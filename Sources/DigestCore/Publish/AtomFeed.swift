/// Atom feeds (RFC 4287): one writer for the site's feed, each theme's and
/// author's, and the editions' newsletter. Ids and links are absolute (a
/// feed is read away from the site, so a base URL is required), `updated`
/// comes from the entries' dates, text is escaped for XML.
enum AtomFeed {
    /// One feed: its title, where it is, the page it stands for, and its
    /// entries newest first (only the first `length` are written).
    struct Spec {
        var title: String
        var route: String
        var page: String
        var entries: Entries
        /// Abstracts in full (the site's feed) or their first characters
        /// (a theme's or an author's, of which a large site has thousands).
        var summaryLimit: Int?
    }

    enum Entries {
        /// Papers by id.
        case papers([Int])
        /// The site's editions, each whole, as HTML.
        case editions
    }

    /// Characters of each abstract in a theme's or an author's feed.
    static let shortSummary = 280

    /// What a feed's entries hold beyond the catalog: the lab's notes as
    /// HTML per paper, and each edition's commentary as HTML.
    struct Curation {
        var noteHTML: [String?]
        var editionHTML: [String]
        /// Titles and abstracts as plain text: a feed reader shows no MathML.
        var plainTitles: [String]
        var plainAbstracts: [String?]
    }

    /// The feed as bytes, written straight into one buffer: a large site
    /// has tens of thousands of feeds, so no string is built per field.
    static func render(_ spec: Spec, site: Site, base: String, length: Int, curation: Curation) -> [UInt8] {
        var writer = Writer(base: base)
        switch spec.entries {
        case .papers(let papers):
            let newest = papers.prefix(length)
            let updated = newest.compactMap { site.catalog.papers[$0].date }.max() ?? site.updated
            writer.start(spec, site: site, updated: min(updated.firstDay, site.updated.firstDay))
            for id in newest { writer.paper(id, site: site, summaryLimit: spec.summaryLimit, curation: curation) }
        case .editions:
            let newest = site.curated.editions.indices.prefix(length)
            writer.start(spec, site: site, updated: newest.first.map { site.curated.editions[$0].date } ?? site.updated)
            for e in newest { writer.edition(e, site: site, curation: curation) }
        }
        writer.raw("</feed>\n")
        return writer.out
    }

    /// The feed's bytes, element by element.
    struct Writer {
        let base: String
        var out: [UInt8] = []

        init(base: String) {
            self.base = base
            out.reserveCapacity(16 * 1024)
        }

        mutating func raw(_ text: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
        mutating func text(_ value: String) { XML.escape(value, into: &out) }

        mutating func start(_ spec: Spec, site: Site, updated: DayDate) {
            let pageURL = Route.absolute(spec.page, base: base)
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
            out += updated.firstDay.description.utf8
            raw("T00:00:00Z</updated>\n  <generator>Digest</generator>\n")
        }

        /// An entry's opening: title, id and link (its page), updated.
        mutating func entryStart(title: String, route: String, updated: DayDate) {
            let url = Route.absolute(route, base: base)
            raw("  <entry>\n    <title>")
            text(title)
            raw("</title>\n    <id>")
            text(url)
            raw("</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"")
            text(url)
            raw("\"/>\n    <updated>")
            out += updated.firstDay.description.utf8
            raw("T00:00:00Z</updated>\n")
        }

        mutating func author(_ name: String) {
            raw("    <author><name>")
            text(name)
            raw("</name></author>\n")
        }

        /// HTML as text content, its relative links read from `route`.
        mutating func content(html: String, route: String) {
            raw("    <content type=\"html\" xml:base=\"")
            text(Route.absolute(route, base: base))
            raw("\">")
            text(html)
            raw("</content>\n")
        }

        mutating func paper(_ id: Int, site: Site, summaryLimit: Int?, curation: Curation) {
            let paper = site.catalog.papers[id]
            entryStart(title: curation.plainTitles[id], route: site.paperRoute(id), updated: paper.date ?? site.updated)
            let people = site.creditPeople[id]
            if people.isEmpty { raw("    <author><name>Unknown</name></author>\n") }
            for person in people { author(site.catalog.authors.people[person].name) }
            if let category = paper.category {
                raw("    <category term=\"")
                text(category)
                raw("\"/>\n")
            }
            raw("    <summary type=\"text\">")
            // TeX as plain text; cut by its first characters, without
            // counting all of them.
            let abstract = curation.plainAbstracts[id] ?? paper.abstract
            if let limit = summaryLimit, abstract.utf8.count > limit,
               case let cut = PageData.prefix(abstract, characters: limit), cut.utf8.count < abstract.utf8.count {
                text(cut + "…")
            } else {
                text(abstract)
            }
            raw("</summary>\n")
            // The lab's note, then the abstract, as a reader shows them.
            if let note = curation.noteHTML[id] {
                content(html: "<p><strong>Why we read it</strong></p>\n" + note + "<p>" + HTML.escape(abstract) + "</p>\n",
                        route: site.paperRoute(id))
            }
            raw("  </entry>\n")
        }

        /// An edition whole: its commentary, then each paper linked, with
        /// its authors and the lab's note, so a feed reader or an
        /// RSS-to-email service shows the edition as the page does.
        mutating func edition(_ e: Int, site: Site, curation: Curation) {
            let edition = site.curated.editions[e]
            entryStart(title: edition.title, route: site.editionRoute(e), updated: edition.date)
            author(site.title)
            var html = curation.editionHTML[e]
            if !edition.papers.isEmpty {
                html += "<h2>Papers</h2>\n<ul>\n"
                for id in edition.papers {
                    html += "<li><a href=\"" + HTML.escape(Route.absolute(site.paperRoute(id), base: base)) + "\">"
                        + HTML.escape(curation.plainTitles[id]) + "</a>"
                    let authors = site.authorLine(id)
                    if !authors.isEmpty { html += " — " + HTML.escape(authors) }
                    if let note = curation.noteHTML[id] { html += "\n" + note }
                    html += "</li>\n"
                }
                html += "</ul>\n"
            }
            content(html: html, route: site.editionRoute(e))
            raw("  </entry>\n")
        }
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
