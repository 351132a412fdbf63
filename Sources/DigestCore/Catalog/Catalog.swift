/// Stage 2, catalog: the papers of every listing, one record per paper.
///
/// Two listings show the same paper when their titles agree ignoring case,
/// punctuation and diacritics. Records keep the order in which papers first
/// appear (listing files by name, then line).
public struct Catalog: Sendable {
    public var papers: [Paper]
    public var authors: AuthorIndex

    public init(entries: [ListingEntry]) {
        var papers: [Paper] = []
        var byKey: [String: Int] = [:]
        papers.reserveCapacity(entries.count)
        byKey.reserveCapacity(entries.count)
        // By index: mapping the entries themselves would copy each one.
        let keys = ParallelMap.map(Array(entries.indices), minimumBatch: 2048) { Text.key(entries[$0].title) }
        for index in Catalog.sourceOrder(entries) {
            let entry = entries[index]
            let key = keys[index]
            if let known = byKey[key] {
                papers[known].merge(entry)
            } else {
                byKey[key] = papers.count
                papers.append(Paper(id: papers.count, key: key, entry: entry))
            }
        }
        self.papers = papers
        self.authors = AuthorIndex(papers: papers)
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
