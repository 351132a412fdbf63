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
        let ordered = entries.enumerated().sorted { a, b in
            a.element.source != b.element.source ? a.element.source < b.element.source : a.offset < b.offset
        }
        for (_, entry) in ordered {
            let key = Text.key(entry.title)
            if let index = byKey[key] {
                papers[index].merge(entry)
            } else {
                byKey[key] = papers.count
                papers.append(Paper(id: papers.count, entry: entry))
            }
        }
        self.papers = papers
        self.authors = AuthorIndex(papers: papers)
    }
}
