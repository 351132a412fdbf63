import Foundation

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

    init(papers: [Paper], shares: Int = ProcessInfo.processInfo.activeProcessorCount) {
        // Papers by index throughout: a `Paper` copied is a dozen retains.
        let creditKeys = ParallelMap.map(Array(papers.indices), minimumBatch: 2048) { p in
            papers[p].credits.map { PersonName.key($0.name) }
        }
        // People are tallied on every core, each core taking the keys of
        // one hash share and going through the papers in order, so each
        // person's papers come out ascending. People are then sorted by
        // key and the spelling is chosen by count, so neither depends on
        // which core saw whom first.
        let tallied = ParallelMap.map(Array(0..<shares)) { share -> [String: Tally] in
            var tallies: [String: Tally] = [:]
            for index in papers.indices {
                let id = papers[index].id
                for (slot, key) in creditKeys[index].enumerated()
                where !key.isEmpty && (shares == 1 || Int(UInt(bitPattern: key.hashValue) % UInt(shares)) == share) {
                    let credit = papers[index].credits[slot]
                    tallies[key, default: Tally(spelling: credit.name)].count(credit, on: id)
                }
            }
            return tallies
        }
        people = tallied.flatMap { $0 }.sorted { $0.key < $1.key }.map { key, tally in
            Person(key: key, name: AuthorIndex.bestSpelling(tally.spellings), papers: tally.papers, inferredOn: tally.inferred)
        }
        var indexByKey: [String: Int] = [:]
        indexByKey.reserveCapacity(people.count)
        for (index, person) in people.enumerated() { indexByKey[person.key] = index }
        self.indexByKey = indexByKey
        paperPeople = ParallelMap.map(creditKeys, minimumBatch: 2048) { keys in keys.compactMap { indexByKey[$0] } }
    }

    /// One person's credits as counted.
    private struct Tally {
        /// The first spelling seen and its count; the rare others apart,
        /// so most people need no dictionary.
        var spelling: String, spellingCount = 0
        var otherSpellings: [String: Int] = [:]
        var papers: [Int] = []
        var inferred: Set<Int> = []
        var spellings: [String: Int] { otherSpellings.merging([spelling: spellingCount]) { $0 + $1 } }

        mutating func count(_ credit: Credit, on paper: Int) {
            if credit.name == spelling { spellingCount += 1 } else { otherSpellings[credit.name, default: 0] += 1 }
            if papers.last != paper { papers.append(paper) }
            if credit.inferred { inferred.insert(paper) }
        }
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
