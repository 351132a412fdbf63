/// Stage 3, group: themes (curated, then discovered for the rest), each
/// paper's themes best first, and related papers.
struct Grouping: Sendable {
    /// A theme the curator wrote: its slug (from the file name), title and
    /// keyword phrases.
    struct CuratedTheme: Sendable {
        var slug: String
        var title: String
        var keywords: [String]
        init(slug: String, title: String, keywords: [String]) {
            self.slug = slug
            self.title = title
            self.keywords = keywords
        }
    }

    struct Theme: Sendable {
        var slug: String
        var title: String
        /// Curated: the curator's phrases; discovered: the cluster's terms.
        var keywords: [String]
        var discovered: Bool
        /// Best match first, then newest.
        var papers: [Int]
    }

    var themes: [Theme]
    /// Per paper: indices into `themes`, best first.
    var paperThemes: [[Int]]
    var related: [[Int]]
    /// The papers' words, cut once: the features above are made of them,
    /// and the search index reuses them for titles and abstracts.
    let terms: Terms

    init(catalog: Catalog, curated: [CuratedTheme]) {
        let papers = catalog.papers
        let terms = Terms(papers: papers)
        let matcher = ThemeMatcher(keywords: curated.map(\.keywords), id: terms.id)
        // A note's `themes` replaces the matching for its paper: the
        // curator's themes, first in each, and no discovered one.
        let themeOfSlug = Dictionary(curated.enumerated().map { ($1.slug, $0) }) { a, _ in a }
        let chosen = papers.map { $0.note?.themes.map { $0.compactMap { themeOfSlug[$0] } } }
        let matches = ParallelMap.map(Array(papers.indices), minimumBatch: 256) { p in
            chosen[p].map { $0.map { ThemeMatcher.Match(theme: $0, score: Int.max) } }
                ?? matcher.match(title: terms.title[p], abstract: terms.abstract[p])
        }
        let tfidf = TFIDF(terms: terms, papers: papers.count, includeAuthors: true)
        let newestFirst: (Int, Int) -> Bool = { a, b in
            let da = papers[a].date, db = papers[b].date
            if da != db { return (da ?? DayDate(year: 1, month: 1, day: 1)!) > (db ?? DayDate(year: 1, month: 1, day: 1)!) }
            return a < b
        }

        var themes: [Theme] = curated.map {
            Theme(slug: $0.slug, title: $0.title, keywords: $0.keywords, discovered: false, papers: [])
        }
        var paperThemes = matches.map { $0.map(\.theme) }
        for t in themes.indices {
            let members = papers.indices.compactMap { p in matches[p].first { $0.theme == t }.map { (p, $0.score) } }
            themes[t].papers = members.sorted { a, b in a.1 != b.1 ? a.1 > b.1 : newestFirst(a.0, b.0) }.map(\.0)
        }

        let unthemed = papers.indices.filter { paperThemes[$0].isEmpty && chosen[$0] == nil }
        let topical = tfidf.textOnly()
        let taken = Set(themes.map(\.slug))
        for cluster in ThemeDiscovery.cluster(unthemed, tfidf: topical) {
            let title = Grouping.title(of: cluster, papers: papers)
            var slug = "discovered-" + Slug.make(title, maxLength: 48)
            var n = 2
            while taken.contains(slug) || themes.contains(where: { $0.slug == slug }) { slug = "discovered-\(Slug.make(title, maxLength: 48))-\(n)"; n += 1 }
            let index = themes.count
            for p in cluster.papers { paperThemes[p].append(index) }
            themes.append(Theme(slug: slug, title: title, keywords: cluster.label, discovered: true,
                                papers: cluster.papers.sorted(by: newestFirst)))
        }
        self.themes = themes
        self.paperThemes = paperThemes
        self.related = RelatedPapers.compute(tfidf)
        self.terms = terms
    }
}

extension Grouping {
    /// A discovered theme's name: its two most distinctive phrases (word
    /// pairs first), acronyms in capitals as the papers write them ("SGD
    /// noise, Mean field"), the first letter capitalised.
    static func title(of cluster: ThemeDiscovery.Cluster, papers: [Paper]) -> String {
        let phrases = cluster.label.prefix(2).map { phrase in
            phrase.split(separator: " ").map { word in
                isAcronym(String(word), in: cluster.papers.prefix(200).map { papers[$0] }) ? word.uppercased() : String(word)
            }.joined(separator: " ")
        }
        return phrases.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: ", ")
    }

    /// True when the papers write `word` (lowercase here) in capitals more
    /// often than not, in their titles and the start of their abstracts.
    static func isAcronym(_ word: String, in papers: [Paper]) -> Bool {
        let target = Array(word.utf8)
        guard (2...6).contains(target.count), target.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A || $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        var capitals = 0, others = 0
        for paper in papers {
            for text in [paper.title, String(paper.abstract.utf8.prefix(600)) ?? ""] {
                let bytes = Array(text.utf8)
                var i = 0
                while i < bytes.count {
                    func isWordByte(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x30 && b <= 0x39 }
                    guard isWordByte(bytes[i]) else { i += 1; continue }
                    var j = i
                    while j < bytes.count, isWordByte(bytes[j]) { j += 1 }
                    // Plurals of acronyms ("LLMs") count as the acronym.
                    var token = bytes[i..<j]
                    if token.count == target.count + 1, token.last == 0x73 { token = token.dropLast() }
                    if token.count == target.count, zip(token, target).allSatisfy({ ($0 | 0x20) == $1 }) {
                        if token.allSatisfy({ !($0 >= 0x61 && $0 <= 0x7A) }) { capitals += 1 } else { others += 1 }
                    }
                    i = j
                }
            }
        }
        return capitals > others
    }
}

extension SiteContent {
    /// The curated themes as grouping takes them.
    var curatedThemes: [Grouping.CuratedTheme] {
        themes.map { Grouping.CuratedTheme(slug: $0.slug, title: $0.title, keywords: $0.keywords) }
    }
}
