/// Stage 2, catalog: the papers of every listing, one record per paper.
///
/// Two listings show the same paper when their titles agree ignoring case,
/// punctuation and diacritics, and their authors do not contradict it:
/// when both name authors, they share at least one. Same-titled papers
/// with no author in common stay apart, with a warning. A title with no
/// letter or digit ("???", emoji only) has no words to compare, so such
/// papers meet only when their title, authors and abstract are the same.
/// Records keep the order in which papers first appear (listing files by
/// name, then line).
public struct Catalog: Sendable {
    public var papers: [Paper]
    public var authors: AuthorIndex
    /// Warnings about merging (same-titled papers kept apart) and notes
    /// (one that matches no paper); errors: two notes on one paper.
    var diagnostics: [Diagnostic] = []
    /// Papers that notes hide: gone from the catalog, counted here.
    var hidden = 0

    /// `people` rewrites credits first: spellings of one person to one
    /// name, and a spelling that is two people told apart by a co-author.
    /// `notes` are applied to the merged papers (see `Curation`).
    init(entries: [ListingEntry], people: PeopleRules = PeopleRules(), notes: [PaperNote] = []) {
        let entries = Catalog.applying(people, to: entries)
        // By index: mapping the entries themselves would copy each one.
        let keys = ParallelMap.map(Array(entries.indices), minimumBatch: 2048) { Catalog.key(of: $0, in: entries) }
        // Until a second source joins it, a paper is its first entry: the
        // papers are made at the end, on every core, and here only those
        // that merge (a paper made is a dozen strings and arrays copied).
        var first: [Int] = []
        var merged: [Int: Paper] = [:]
        var byKey: [String: Int] = [:]
        // The rare same-titled papers kept apart, after the first.
        var apart: [String: [Int]] = [:]
        var diagnostics: [Diagnostic] = []
        first.reserveCapacity(entries.count)
        byKey.reserveCapacity(entries.count)
        // arXiv id and DOI first: two sources with the same id are one
        // paper whatever their titles say.
        var byArxiv: [String: Int] = [:]
        var byDOI: [String: Int] = [:]
        byArxiv.reserveCapacity(entries.count)
        byDOI.reserveCapacity(entries.count)
        func identity(_ paper: Int) -> Identity {
            merged[paper].map(Identity.init(paper:)) ?? Identity(entry: entries[first[paper]])
        }
        func register(_ paper: Int) {
            let known = identity(paper)
            if let id = known.arxivID, byArxiv[id] == nil { byArxiv[id] = paper }
            if let doi = known.doi?.lowercased(), byDOI[doi] == nil { byDOI[doi] = paper }
        }
        func join(_ paper: Int, _ index: Int) {
            merged[paper, default: Paper(id: paper, key: keys[first[paper]], entry: entries[first[paper]])].merge(entries[index])
            register(paper)
        }
        func open(_ index: Int) {
            first.append(index)
            register(first.count - 1)
        }
        for index in Catalog.sourceOrder(entries) {
            let key = keys[index]
            if let same = entries[index].arxivID.flatMap({ byArxiv[$0] }) ?? entries[index].doi.flatMap({ byDOI[$0.lowercased()] }) {
                join(same, index)
                if byKey[key] == nil { byKey[key] = same }
            } else if let known = byKey[key] {
                if Catalog.mayBeOnePaper(identity(known), entries[index]) {
                    join(known, index)
                } else if let other = apart[key]?.first(where: { Catalog.mayBeOnePaper(identity($0), entries[index]) }) {
                    join(other, index)
                } else {
                    let shown = entries[first[known]].source
                    diagnostics.append(Diagnostic(file: entries[index].source.path, line: entries[index].source.line,
                        "\"\(entries[index].title)\" has the title of the paper at \(shown.fileName):\(shown.line) "
                        + "but \(Catalog.difference(identity(known), entries[index])); kept as a separate paper"))
                    apart[key, default: []].append(first.count)
                    open(index)
                }
            } else {
                byKey[key] = first.count
                open(index)
            }
        }
        let papers = ParallelMap.map(Array(first.indices), minimumBatch: 1024) { paper in
            merged[paper] ?? Paper(id: paper, key: keys[first[paper]], entry: entries[first[paper]])
        }
        let curated = Curation.apply(notes, to: papers)
        self.papers = curated.papers
        self.hidden = curated.hidden
        self.authors = AuthorIndex(papers: curated.papers)
        self.diagnostics = diagnostics + curated.diagnostics
    }

    /// The entries with `rules` applied to their credits: `same_person`
    /// first (so a split rule matches every spelling), then `split_person`.
    static func applying(_ rules: PeopleRules, to entries: [ListingEntry]) -> [ListingEntry] {
        guard !rules.isEmpty else { return entries }
        var canonical: [String: String] = [:]
        for names in rules.same { for name in names { canonical[PersonName.key(name)] = names[0] } }
        let splits = rules.split.map { (name: PersonName.key(canonical[PersonName.key($0.name)] ?? $0.name),
                                        coauthor: PersonName.key(canonical[PersonName.key($0.coauthor)] ?? $0.coauthor), becomes: $0.becomes) }
        return entries.map { entry in
            var entry = entry
            for index in entry.credits.indices {
                if let name = canonical[PersonName.key(entry.credits[index].name)] { entry.credits[index].name = name }
            }
            let keys = entry.credits.map { PersonName.key($0.name) }
            for split in splits where keys.contains(split.name) && keys.contains(split.coauthor) {
                for index in keys.indices where keys[index] == split.name { entry.credits[index].name = split.becomes }
            }
            return entry
        }
    }

    /// The "same title" key: the title's folded words; for a title without
    /// any, the exact title with the authors and abstract.
    /// (Entry `index` of `entries`, read in place, not copied.)
    static func key(of index: Int, in entries: [ListingEntry]) -> String {
        let words = Text.key(entries[index].title)
        if !words.isEmpty { return words }
        return "\u{1}" + entries[index].title + "\u{1}" + entries[index].credits.map { PersonName.key($0.name) }.joined(separator: ";")
            + "\u{1}" + entries[index].abstract
    }

    /// What merging asks of a paper: its ids and credits (those of its
    /// first entry until another source joins it).
    struct Identity {
        var arxivID: String?
        var doi: String?
        var credits: [Credit]
        init(paper: Paper) { (arxivID, doi, credits) = (paper.arxivID, paper.doi, paper.credits) }
        init(entry: ListingEntry) { (arxivID, doi, credits) = (entry.arxivID, entry.doi, entry.credits) }
    }

    /// Why two same-titled records are not one paper, for the warning.
    static func difference(_ paper: Identity, _ entry: ListingEntry) -> String {
        if let a = paper.arxivID, let b = entry.arxivID, a != b { return "another arXiv id (\(b), not \(a))" }
        if let a = paper.doi, let b = entry.doi, a.lowercased() != b.lowercased() { return "another DOI (\(b), not \(a))" }
        return "no author in common"
    }

    /// False when both carry different arXiv ids or DOIs, or both name
    /// their authors and no person is on both lists.
    static func mayBeOnePaper(_ paper: Identity, _ entry: ListingEntry) -> Bool {
        if let a = paper.arxivID, let b = entry.arxivID, a != b { return false }
        if let a = paper.doi?.lowercased(), let b = entry.doi?.lowercased(), a != b { return false }
        if paper.credits.isEmpty || entry.credits.isEmpty { return true }
        let known = Set(paper.credits.map { PersonName.key($0.name) })
        return entry.credits.contains { known.contains(PersonName.key($0.name)) }
    }

    /// Entry positions ordered by source (file name, path, line), ties in
    /// input order. Entries arrive file by file, so each file is ranked
    /// once and the sort compares integers (and is skipped when the
    /// entries are in order already, as the reader gives them).
    static func sourceOrder(_ entries: [ListingEntry]) -> [Int] {
        var files: [SourceRef] = []
        var fileOf = [Int](repeating: 0, count: entries.count)
        for index in entries.indices {
            let source = entries[index].source
            if files.last?.path != source.path {
                if let known = files.firstIndex(where: { $0.path == source.path }) {
                    fileOf[index] = known
                    continue
                }
                files.append(source)
            }
            fileOf[index] = files.count - 1
        }
        let rankOfFile = files.indices.sorted { (files[$0].fileName, files[$0].path) < (files[$1].fileName, files[$1].path) }
            .enumerated().reduce(into: [Int](repeating: 0, count: files.count)) { $0[$1.element] = $1.offset }
        let rank = fileOf.map { rankOfFile[$0] }
        func before(_ a: Int, _ b: Int) -> Bool {
            (rank[a], entries[a].source.line, a) < (rank[b], entries[b].source.line, b)
        }
        let order = Array(entries.indices)
        if zip(order, order.dropFirst()).allSatisfy({ before($0, $1) }) { return order }
        return order.sorted(by: before)
    }
}
