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
        // By index: a `Paper` copied is a dozen retains.
        byTitle.reserveCapacity(papers.count)
        for index in papers.indices {
            if let id = papers[index].arxivID, byArxiv[id] == nil { byArxiv[id] = papers[index].id }
            if let doi = papers[index].doi?.lowercased(), byDOI[doi] == nil { byDOI[doi] = papers[index].id }
            if byTitle[papers[index].titleKey] == nil { byTitle[papers[index].titleKey] = papers[index].id }
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
            // Every word of every title key is looked at: by its bytes and
            // a hash computed on the way (FNV-1a), so no string is made or
            // hashed for the words not wanted, which are nearly all.
            let referenceKeys = references.map { Text.key($0) }
            var wanted: [UInt64: [[UInt8]]] = [:]
            for key in referenceKeys {
                for word in key.split(separator: " ") {
                    let bytes = Array(word.utf8)
                    if wanted[Closest.hash(bytes[...]), default: []].contains(bytes) == false { wanted[Closest.hash(bytes[...]), default: []].append(bytes) }
                }
            }
            var found: [[UInt8]: [Int]] = [:]
            var lengths: [Int] = []
            lengths.reserveCapacity(lookup.keys.count)
            for (id, key) in lookup.keys.enumerated() {
                var copy = key
                lengths.append(copy.withUTF8 { bytes -> Int in
                    var count = 0, start = 0
                    var hash: UInt64 = Closest.offsetBasis
                    for i in 0...bytes.count {
                        if i == bytes.count || bytes[i] == 0x20 {
                            if i > start {
                                count += 1
                                if let candidates = wanted[hash],
                                   let word = candidates.first(where: { $0.elementsEqual(bytes[start..<i]) }),
                                   found[word]?.last != id {
                                    found[word, default: []].append(id)
                                }
                            }
                            start = i + 1
                            hash = Closest.offsetBasis
                        } else {
                            hash = (hash ^ UInt64(bytes[i])) &* Closest.prime
                        }
                    }
                    return count
                })
            }
            for (word, papers) in found { papersOfWord[String(decoding: word, as: UTF8.self)] = papers }
            self.lengths = lengths
        }

        static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
        static let prime: UInt64 = 0x100_0000_01B3

        static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
            bytes.reduce(offsetBasis) { ($0 ^ UInt64($1)) &* prime }
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
        guard papers.contains(where: { $0.note?.hide == true }) else { return (papers, 0, diagnostics) }
        let kept = papers.filter { $0.note?.hide != true }
        let hidden = papers.count - kept.count
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
