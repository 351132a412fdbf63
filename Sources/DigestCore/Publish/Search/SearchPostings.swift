/// The search index's inverted lists: for every word of every paper, which
/// papers hold it, split by where the best match is (title, authors,
/// abstract, the lab's note), so each list is ordered best first and needs no score per
/// entry. Papers are numbered newest first (search ids), so within a level
/// the ids ascend and date order needs no extra data.
///
/// Words are cut and folded as `search.js` cuts and folds queries (letters
/// and digits, lowercase, no diacritics), and kept whole: no stop words, so
/// the sharded index finds exactly what a scan of every paper would.
struct SearchPostings {
    enum Level: Int, CaseIterable { case title = 0, authors = 1, abstract = 2, note = 3 }
    static let levels = Level.allCases.count

    /// Every word, sorted by UTF-16 code units, the order JavaScript uses.
    let terms: [String]
    /// All lists end to end; list `term × levels + level` (ascending search ids)
    /// is `ids[starts[list]..<starts[list + 1]]`.
    private let ids: [Int32]
    private let starts: [Int]

    func list(_ term: Int, _ level: Level) -> ArraySlice<Int32> {
        let list = term * SearchPostings.levels + level.rawValue
        return ids[starts[list]..<starts[list + 1]]
    }

    /// A paper to index: its title and abstract as the ids of their words
    /// in `Terms` (cut once, for grouping), its authors' names and the
    /// lab's note as text.
    struct Document {
        var title: [Int32]
        var authors: String
        var abstract: [Int32]
        var note: String = ""
        /// More words at the abstract's level: the names of the symbols
        /// its formulas write as characters ("gamma" for γ).
        var symbols: String = ""
    }

    /// `documents[id]` is the paper with search id `id`.
    init(words vocabulary: Terms, documents: [Document]) {
        // Index in parallel batches, each with its own small vocabulary: a
        // title or abstract word joins it by its bytes the first time the
        // batch meets it, then by a table from `Terms` ids.
        struct Batch {
            var table = WordTable()
            /// Per document, the (local word, best level) pairs, flattened.
            var entries: [Int32] = [], levels: [UInt8] = [], ends: [Int] = []
            /// Terms id → local word, or -1.
            var local: [Int32]
            /// Local word → best level + 1 in this document; 0 when absent.
            var best: [UInt8] = []
            var touched: [Int32] = []

            mutating func add(_ id: Int32, level: UInt8) {
                if Int(id) == best.count { best.append(0) }
                if best[Int(id)] == 0 { touched.append(id); best[Int(id)] = level + 1 }
            }

            mutating func add(_ words: [Int32], level: UInt8, from vocabulary: Terms) {
                for word in words {
                    var id = local[Int(word)]
                    if id < 0 {
                        id = vocabulary.withBytes(of: word) { table.intern($0) }
                        local[Int(word)] = id
                    }
                    add(id, level: level)
                }
            }

            /// Ends a document: its words, each at its best level.
            mutating func close() {
                for id in touched {
                    entries.append(id)
                    levels.append(best[Int(id)] - 1)
                    best[Int(id)] = 0
                }
                touched.removeAll(keepingCapacity: true)
                ends.append(entries.count)
            }
        }
        let size = max(512, documents.count / 32)
        let ranges = stride(from: 0, to: documents.count, by: size).map { $0..<min(documents.count, $0 + size) }
        let batches = ParallelMap.map(ranges) { range -> Batch in
            var batch = Batch(local: [Int32](repeating: -1, count: vocabulary.words.count))
            for doc in range {
                batch.add(documents[doc].title, level: 0, from: vocabulary)
                Terms.forEachWord(documents[doc].authors) { batch.add(batch.table.intern($0), level: 1) }
                batch.add(documents[doc].abstract, level: 2, from: vocabulary)
                Terms.forEachWord(documents[doc].symbols) { batch.add(batch.table.intern($0), level: 2) }
                Terms.forEachWord(documents[doc].note) { batch.add(batch.table.intern($0), level: 3) }
                batch.close()
            }
            return batch
        }
        // Global word ids in batch order; then the lists, counted first
        // and filled in document order into one array, already sorted.
        let (table, maps) = WordTable.merge(batches.map(\.table))
        let words = (0..<table.count).map(table.word)
        // Sort the words as JavaScript compares strings.
        let order = words.indices.sorted { SearchPostings.precedesInUTF16(words[$0], words[$1]) }
        var rank = [Int](repeating: 0, count: words.count)
        for (position, word) in order.enumerated() { rank[word] = position }
        terms = order.map { words[$0] }
        // Each entry's list: the word's rank × 3 + its level.
        let listOf: [[Int32]] = ParallelMap.map(Array(batches.indices)) { b -> [Int32] in
            let batch = batches[b], map = maps[b]
            return batch.entries.indices.map { k -> Int32 in
                let word = Int(map[Int(batch.entries[k])])
                return Int32(rank[word] * SearchPostings.levels + Int(batch.levels[k]))
            }
        }
        var starts = [Int](repeating: 0, count: words.count * SearchPostings.levels + 1)
        for lists in listOf { for list in lists { starts[Int(list) + 1] += 1 } }
        for i in 1..<starts.count { starts[i] += starts[i - 1] }
        var next = starts
        var ids = [Int32](repeating: 0, count: starts[starts.count - 1])
        var doc: Int32 = 0
        for (b, batch) in batches.enumerated() {
            var start = 0
            for end in batch.ends {
                for k in start..<end {
                    let list = Int(listOf[b][k])
                    ids[next[list]] = doc
                    next[list] += 1
                }
                start = end
                doc += 1
            }
        }
        self.ids = ids
        self.starts = starts
    }

    /// `a < b` as JavaScript compares strings (by UTF-16 code units). Up to
    /// the first differing byte of two ASCII prefixes, UTF-8 bytes give the
    /// same answer, so UTF-16 is only walked when that byte is not ASCII.
    static func precedesInUTF16(_ a: String, _ b: String) -> Bool {
        var x = a.utf8.makeIterator(), y = b.utf8.makeIterator()
        while true {
            switch (x.next(), y.next()) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case let (p?, q?) where p == q: continue
            case let (p?, q?) where p < 0x80 && q < 0x80: return p < q
            default: return a.utf16.lexicographicallyPrecedes(b.utf16)
            }
        }
    }
}
