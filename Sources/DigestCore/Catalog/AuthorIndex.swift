/// The people of the catalog. One person, whatever the spelling: "Last,
/// First" and "First Last", with or without diacritics, share a key; the
/// display name is the best-spelled variant (accents kept).
public struct AuthorIndex: Sendable {
    public struct Person: Sendable {
        var key: String
        public var name: String
        /// Paper ids, ascending.
        public var papers: [Int]
        /// Paper ids on which this person is credited by inference only.
        var inferredOn: Set<Int>
    }

    /// Sorted by key.
    public var people: [Person]
    /// Per paper, per credit with a name: the person's index in `people`.
    var paperPeople: [[Int]]
    private var indexByKey: [String: Int]

    init(papers: [Paper]) {
        struct Tally {
            var key: String
            /// The first spelling seen and its count; the rare others apart,
            /// so most people need no dictionary.
            var spelling: String, spellingCount = 0
            var otherSpellings: [String: Int] = [:]
            var papers: [Int] = []
            var inferred: Set<Int> = []
            var spellings: [String: Int] { otherSpellings.merging([spelling: spellingCount]) { $0 + $1 } }
        }
        var tallies: [Tally] = []
        var tallyOfKey: [String: Int] = [:]
        // Credits → tally, in first-seen order; renumbered by key below.
        var creditTallies: [[Int]] = []
        creditTallies.reserveCapacity(papers.count)
        // Papers by index throughout: a `Paper` copied is a dozen retains.
        let creditKeys = ParallelMap.map(Array(papers.indices), minimumBatch: 2048) { p in
            papers[p].credits.map { PersonName.key($0.name) }
        }
        for index in papers.indices {
            let credits = papers[index].credits, id = papers[index].id
            var found: [Int] = []
            found.reserveCapacity(credits.count)
            for (credit, key) in zip(credits, creditKeys[index]) {
                guard !key.isEmpty else { continue }
                let t: Int
                if let known = tallyOfKey[key] { t = known } else {
                    t = tallies.count
                    tallyOfKey[key] = t
                    tallies.append(Tally(key: key, spelling: credit.name))
                }
                if credit.name == tallies[t].spelling {
                    tallies[t].spellingCount += 1
                } else {
                    tallies[t].otherSpellings[credit.name, default: 0] += 1
                }
                if tallies[t].papers.last != id { tallies[t].papers.append(id) }
                if credit.inferred { tallies[t].inferred.insert(id) }
                found.append(t)
            }
            creditTallies.append(found)
        }
        let byKey = tallies.indices.sorted { tallies[$0].key < tallies[$1].key }
        var position = [Int](repeating: 0, count: tallies.count)
        for (index, t) in byKey.enumerated() { position[t] = index }
        people = byKey.map { t in
            Person(key: tallies[t].key, name: AuthorIndex.bestSpelling(tallies[t].spellings),
                   papers: tallies[t].papers, inferredOn: tallies[t].inferred)
        }
        paperPeople = creditTallies.map { $0.map { position[$0] } }
        indexByKey = tallyOfKey.mapValues { position[$0] }
    }

    func person(named name: String) -> Person? {
        indexByKey[PersonName.key(name)].map { people[$0] }
    }

    func index(ofKey key: String) -> Int? { indexByKey[key] }

    /// Accents kept over plain ASCII, then the commonest, then the longest.
    static func bestSpelling(_ spellings: [String: Int]) -> String {
        func accents(_ s: String) -> Int { s.unicodeScalars.filter { $0.value >= 0x80 }.count }
        return spellings.max { a, b in
            (accents(a.key), a.value, a.key.count, b.key) < (accents(b.key), b.value, b.key.count, a.key)
        }!.key
    }
}
