/// The people of the catalog. One person, whatever the spelling: "Last,
/// First" and "First Last", with or without diacritics, share a key; the
/// display name is the best-spelled variant (accents kept).
public struct AuthorIndex: Sendable {
    public struct Person: Sendable {
        public var key: String
        public var name: String
        /// Paper ids, ascending.
        public var papers: [Int]
        /// Paper ids on which this person is credited by inference only.
        public var inferredOn: Set<Int>
    }

    /// Sorted by key.
    public var people: [Person]
    private var indexByKey: [String: Int]

    public init(papers: [Paper]) {
        struct Tally { var spellings: [String: Int] = [:]; var papers: [Int] = []; var inferred: Set<Int> = [] }
        var tallies: [String: Tally] = [:]
        for paper in papers {
            for credit in paper.credits {
                let key = PersonName.key(credit.name)
                guard !key.isEmpty else { continue }
                tallies[key, default: Tally()].spellings[credit.name, default: 0] += 1
                if tallies[key]!.papers.last != paper.id { tallies[key]!.papers.append(paper.id) }
                if credit.inferred { tallies[key]!.inferred.insert(paper.id) }
            }
        }
        people = tallies.keys.sorted().map { key in
            let tally = tallies[key]!
            return Person(key: key, name: AuthorIndex.bestSpelling(tally.spellings),
                          papers: tally.papers, inferredOn: tally.inferred)
        }
        indexByKey = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1.key, $0) })
    }

    public func person(named name: String) -> Person? {
        indexByKey[PersonName.key(name)].map { people[$0] }
    }

    public func index(ofKey key: String) -> Int? { indexByKey[key] }

    /// Accents kept over plain ASCII, then the commonest, then the longest.
    static func bestSpelling(_ spellings: [String: Int]) -> String {
        func accents(_ s: String) -> Int { s.unicodeScalars.filter { $0.value >= 0x80 }.count }
        return spellings.max { a, b in
            (accents(a.key), a.value, a.key.count, b.key) < (accents(b.key), b.value, b.key.count, a.key)
        }!.key
    }
}
