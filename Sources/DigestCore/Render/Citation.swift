/// A paper's citation: a BibTeX entry (shown on its page, served as
/// `papers/SLUG.bib`, and gathered in `digest.bib`), the scholarly
/// metadata tags Google Scholar reads, and its links to arXiv and the DOI.
enum Citation {
    /// Citation keys for every paper: first author's last name, year, first
    /// title word ("lovelace2024sharpness"), ASCII, unique ("…a", "…b").
    static func keys(_ site: Site) -> [String] {
        let papers = site.catalog.papers
        let bases = ParallelMap.map(Array(papers.indices), minimumBatch: 1024) { id -> String in
            let people = site.creditPeople[id]
            let last = people.first.map { site.catalog.authors.people[$0].name.split(separator: " ").last.map(String.init) ?? "" } ?? "anon"
            let word = papers[id].title.split(separator: " ").lazy
                .map { $0.lowercased().filter { $0.isLetter || $0.isNumber } }
                .first { $0.count > 3 && !StopWords.all.contains($0) } ?? "paper"
            let year = papers[id].date.map { String($0.year) } ?? "nd"
            return (Slug.make(last) + year + Slug.make(word)).replacingOccurrences(of: "-", with: "")
        }
        var groups: [String: [Int]] = [:]
        for (id, base) in bases.enumerated() { groups[base, default: []].append(id) }
        var keys = bases
        for (base, members) in groups where members.count > 1 {
            for (n, id) in members.enumerated() { keys[id] = base + suffix(n) }
        }
        return keys
    }

    /// a, b, …, z, aa, ab, …
    private static func suffix(_ n: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return n < 26 ? String(letters[n]) : suffix(n / 26 - 1) + String(letters[n % 26])
    }

    /// The paper's BibTeX entry: `@misc` with the arXiv fields (as arXiv's
    /// own export writes them), or `@article` when a journal is known.
    static func bibtex(_ id: Int, key: String, site: Site) -> String {
        let paper = site.catalog.papers[id]
        var fields: [(String, String)] = [("title", escape(paper.title))]
        let names = site.creditPeople[id].map { site.catalog.authors.people[$0].name }
        if !names.isEmpty {
            var list = names.map { $0.contains(",") || $0.lowercased().split(separator: " ").contains("and") ? "{\(escape($0))}" : escape($0) }
            if !paper.authorsComplete { list.append("others") }
            fields.append(("author", list.joined(separator: " and ")))
        }
        if let journal = paper.journalRef { fields.append(("journal", escape(journal))) }
        if let date = paper.date {
            fields.append(("year", String(date.year)))
            if date.precision >= .month { fields.append(("month", monthMacros[date.month - 1])) }
        }
        if let arxiv = paper.arxivID {
            fields.append(("eprint", arxiv))
            fields.append(("archivePrefix", "arXiv"))
            if let primary = paper.categories.first(where: { ArxivCategories.names[$0] != nil }) { fields.append(("primaryClass", primary)) }
        }
        if let doi = paper.doi { fields.append(("doi", escape(doi))) }
        let url = paper.arxivID.map(Route.arxivAbstract) ?? paper.url.flatMap { $0.hasPrefix("http") ? $0 : nil } ?? paper.doi.map(Route.doi)
        if let url { fields.append(("url", escape(url))) }
        var out = "@\(paper.journalRef == nil ? "misc" : "article"){\(key),\n"
        for (name, value) in fields { out += name == "month" ? "  month = \(value),\n" : "  \(name) = {\(value)},\n" }
        return out + "}\n"
    }

    /// BibTeX's month macros, written bare.
    static let monthMacros = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Text for a braced BibTeX value: the characters TeX treats specially
    /// are escaped, so any title reads back as it was.
    static func escape(_ text: String) -> String {
        // Nearly all text has none of the nine: returned as it is.
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x7B || $0 == 0x7D || $0 == 0x25 || $0 == 0x26 || $0 == 0x24
                                          || $0 == 0x23 || $0 == 0x5F || $0 == 0x7E || $0 == 0x5E }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "\\": out += "\\textbackslash{}"
            case "{", "}", "%", "&", "$", "#", "_": out += "\\" + String(c)
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            default: out.append(c)
            }
        }
        return out
    }

    /// Where a reader goes for the paper: arXiv's abstract page, PDF and
    /// HTML version, the DOI; arXiv's title search only with neither.
    static func links(_ paper: Paper) -> [(label: String, url: String)] {
        var links: [(String, String)] = []
        if let id = paper.arxivID {
            links.append(("arXiv abstract", Route.arxivAbstract(id)))
            links.append(("PDF", Route.arxivPDF(id)))
            links.append(("HTML", Route.arxivHTML(id)))
        }
        if let doi = paper.doi { links.append(("DOI", Route.doi(doi))) }
        if links.isEmpty, let url = paper.url, url.hasPrefix("https://") || url.hasPrefix("http://") { links.append(("Source", url)) }
        if links.isEmpty { links.append(("Search arXiv for this title", Route.arxivSearch(title: paper.title))) }
        return links
    }
}
