/// Papers found by what the curator wrote about them: an arXiv id, a DOI,
/// or the exact title (case, spacing and punctuation folded).
struct PaperLookup: Sendable {
    private var byArxiv: [String: Int] = [:]
    private var byDOI: [String: Int] = [:]
    private var byTitle: [String: Int] = [:]
    private let titles: [String]
    /// The title keys: folded words joined by single spaces.
    private let keys: [String]

    init(papers: [Paper]) {
        titles = papers.map(\.title)
        keys = papers.map(\.titleKey)
        for paper in papers {
            if let id = paper.arxivID, byArxiv[id] == nil { byArxiv[id] = paper.id }
            if let doi = paper.doi?.lowercased(), byDOI[doi] == nil { byDOI[doi] = paper.id }
            if byTitle[paper.titleKey] == nil { byTitle[paper.titleKey] = paper.id }
        }
    }

    /// The paper `text` names, if any.
    func find(_ text: String) -> Int? {
        if let id = ArxivID.parse(text) { return byArxiv[id] }
        if let doi = DOI.parse(text) { return byDOI[doi.lowercased()] }
        let key = Text.key(text)
        return key.isEmpty ? nil : byTitle[key]
    }

    /// The titles sharing the most words with references that matched
    /// nothing, for "did you mean". One pass over the title keys indexes
    /// only the words those references hold; words in more than a
    /// twentieth of the titles ("of", "the") are not followed.
    struct Closest {
        private var papersOfWord: [String: [Int]] = [:]
        private let titles: [String]
        private let lengths: [Int]
        private let commonLimit: Int

        init(_ lookup: PaperLookup, references: [String]) {
            titles = lookup.titles
            commonLimit = max(50, lookup.keys.count / 20)
            let wanted = Set(references.flatMap { Text.key($0).split(separator: " ").map(String.init) })
            var lengths: [Int] = []
            lengths.reserveCapacity(lookup.keys.count)
            for (id, key) in lookup.keys.enumerated() {
                var count = 0
                for word in key.split(separator: " ") {
                    count += 1
                    guard wanted.contains(String(word)) else { continue }
                    if papersOfWord[String(word), default: []].last != id { papersOfWord[String(word), default: []].append(id) }
                }
                lengths.append(count)
            }
            self.lengths = lengths
        }

        func title(near text: String) -> String? {
            let words = Set(Text.key(text).split(separator: " ").map(String.init))
            var shared: [Int: Int] = [:]
            for word in words {
                guard let papers = papersOfWord[word], papers.count <= commonLimit else { continue }
                for id in papers { shared[id, default: 0] += 1 }
            }
            // Most words in common relative to both lengths; ties by id.
            func score(_ id: Int) -> Double { Double(shared[id]!) / Double(words.count + lengths[id] - shared[id]!) }
            return shared.keys.max { (score($0), -$0) < (score($1), -$1) }.map { titles[$0] }
        }
    }
}

/// Stage 2, the curator's part: each note matched to its paper, its
/// corrections applied (they win over every listing), hidden papers
/// removed and the rest renumbered. A note that matches no paper is a
/// warning (listings come and go) naming the closest title; two notes on
/// one paper are an error naming both files.
enum Curation {
    static func apply(_ notes: [PaperNote], to papers: [Paper]) -> (papers: [Paper], hidden: Int, diagnostics: [Diagnostic]) {
        guard !notes.isEmpty else { return (papers, 0, []) }
        var papers = papers
        var diagnostics: [Diagnostic] = []
        let lookup = PaperLookup(papers: papers)
        let found = notes.map { lookup.find($0.paper.text) }
        let orphans = notes.indices.filter { found[$0] == nil }
        let closest = orphans.isEmpty ? nil : PaperLookup.Closest(lookup, references: orphans.map { notes[$0].paper.text })
        var noteFile: [Int: String] = [:]
        for (note, id) in zip(notes, found) {
            guard let id else {
                let hint = closest?.title(near: note.paper.text).map { "; the closest title is \"\($0)\"" } ?? ""
                diagnostics.append(Diagnostic(file: note.file, line: note.paper.line,
                    "note on \"\(note.paper.text)\" matches no paper\(hint); the note is not shown"))
                continue
            }
            if let first = noteFile[id] {
                diagnostics.append(.error(file: note.file, line: note.paper.line,
                    "a second note on \"\(papers[id].title)\", already noted in \(first); merge the two files"))
                continue
            }
            noteFile[id] = note.file
            papers[id].apply(note)
        }
        let kept = papers.filter { $0.note?.hide != true }
        let hidden = papers.count - kept.count
        guard hidden > 0 else { return (papers, 0, diagnostics) }
        var renumbered = kept
        for index in renumbered.indices { renumbered[index].id = index }
        return (renumbered, hidden, diagnostics)
    }
}

extension Paper {
    /// The note and its corrections, which win over every listing.
    mutating func apply(_ note: PaperNote) {
        self.note = note
        if let title = note.title { self.title = title }
        if let authors = note.authors {
            credits = authors.map { Credit($0) }
            authorsComplete = true
            authorCount = authors.count
        }
        if let date = note.date {
            self.date = date
            dateYearInferred = false
        }
        if let category = note.category {
            let code = ArxivCategories.code(category)
            self.category = code
            categories = [code] + categories.filter { $0 != code }
        }
    }
}
