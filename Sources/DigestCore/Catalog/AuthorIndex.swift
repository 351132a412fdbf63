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

    init(papers: [Paper]) {
        // Papers by index throughout: a `Paper` copied is a dozen retains.
        // Folding names into keys is the costly part, so it runs on every
        // core, each paper's keys written one after another into one byte
        // array, each ended by a 0 (a key holds letters, digits and
        // spaces only). Counting is then one pass that interns each key's
        // bytes (`WordTable`: nothing allocated for a person already met),
        // so ids follow first credit and nothing depends on the cores.
        let keyBytes = ParallelMap.map(Array(papers.indices), minimumBatch: 2048) { p -> [UInt8] in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(papers[p].credits.count * 20)
            for slot in papers[p].credits.indices {
                PersonName.appendKey(papers[p].credits[slot].name, to: &bytes)
                bytes.append(0)
            }
            return bytes
        }
        var table = WordTable(capacity: papers.count)
        var tallies: [Tally] = []
        // Every named credit's person, paper after paper; paper p's are
        // `creditIDs[firstCredit[p]..<firstCredit[p + 1]]`.
        var creditIDs: [Int32] = []
        var firstCredit = [0]
        firstCredit.reserveCapacity(papers.count + 1)
        for index in papers.indices {
            keyBytes[index].withUnsafeBufferPointer { bytes in
                var start = 0, slot = 0
                for end in bytes.indices where bytes[end] == 0 {
                    defer { start = end + 1; slot += 1 }
                    guard end > start else { continue }
                    let id = table.intern(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    if id == tallies.count { tallies.append(Tally(key: table.word(Int(id)), spelling: papers[index].credits[slot].name)) }
                    tallies[Int(id)].count(papers[index].credits[slot], on: papers[index].id)
                    creditIDs.append(id)
                }
            }
            firstCredit.append(creditIDs.count)
        }
        // People sorted by key, and the spelling chosen by count, so
        // neither depends on the order in which people were met.
        let order = tallies.indices.sorted { tallies[$0].key < tallies[$1].key }
        var rank = [Int](repeating: 0, count: tallies.count)
        for (position, id) in order.enumerated() { rank[id] = position }
        people = order.map { id in
            Person(key: tallies[id].key, name: tallies[id].bestSpelling, papers: tallies[id].papers, inferredOn: tallies[id].inferred)
        }
        paperPeople = papers.indices.map { p in creditIDs[firstCredit[p]..<firstCredit[p + 1]].map { rank[Int($0)] } }
    }

    /// One person's credits as counted.
    private struct Tally {
        var key: String
        /// The first spelling seen and its count; the rare others apart,
        /// so most people need no dictionary.
        var spelling: String, spellingCount = 0
        var otherSpellings: [String: Int] = [:]
        var papers: [Int] = []
        var inferred: Set<Int> = []

        var bestSpelling: String {
            otherSpellings.isEmpty ? spelling : AuthorIndex.bestSpelling(otherSpellings.merging([spelling: spellingCount]) { $0 + $1 })
        }

        mutating func count(_ credit: Credit, on paper: Int) {
            if credit.name == spelling { spellingCount += 1 } else { otherSpellings[credit.name, default: 0] += 1 }
            if papers.last != paper { papers.append(paper) }
            if credit.inferred { inferred.insert(paper) }
        }
    }

    func person(named name: String) -> Person? {
        index(ofKey: PersonName.key(name)).map { people[$0] }
    }

    /// The person with this key, by binary search over `people`.
    func index(ofKey key: String) -> Int? {
        var low = 0, high = people.count
        while low < high {
            let middle = (low + high) / 2
            if people[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low < people.count && people[low].key == key ? low : nil
    }

    /// Accents kept over plain ASCII, then the commonest, then the longest.
    static func bestSpelling(_ spellings: [String: Int]) -> String {
        func accents(_ s: String) -> Int { s.unicodeScalars.filter { $0.value >= 0x80 }.count }
        return spellings.max { a, b in
            (accents(a.key), a.value, a.key.count, b.key) < (accents(b.key), b.value, b.key.count, a.key)
        }!.key
    }
}
