/// The search index's inverted lists: for every word of every paper, which
/// papers hold it, split by where the best match is (title, authors,
/// abstract), so each list is ordered best first and needs no score per
/// entry. Papers are numbered newest first (search ids), so within a level
/// the ids ascend and date order needs no extra data.
///
/// Words are cut and folded as `search.js` cuts and folds queries (letters
/// and digits, lowercase, no diacritics), and kept whole: no stop words, so
/// the sharded index finds exactly what a scan of every paper would.
struct SearchPostings {
    enum Level: Int, CaseIterable { case title = 0, authors = 1, abstract = 2 }

    /// Every word, sorted by UTF-16 code units, the order JavaScript uses.
    let terms: [String]
    /// term index × 3 + level → ascending search ids.
    let lists: [[Int32]]

    func list(_ term: Int, _ level: Level) -> [Int32] { lists[term * 3 + level.rawValue] }

    /// `documents[id]` holds paper `id`'s fields (title, author names, abstract).
    init(documents: [(title: String, authors: String, abstract: String)]) {
        // Tokenise in parallel batches, each with its own small vocabulary.
        struct Batch {
            var table = WordTable()
            /// Per document, the (local word, best level) pairs, flattened.
            var entries: [Int32] = [], levels: [UInt8] = [], ends: [Int] = []
        }
        let ranges = stride(from: 0, to: documents.count, by: 512).map { $0..<min(documents.count, $0 + 512) }
        let batches = ParallelMap.map(ranges) { range -> Batch in
            var batch = Batch()
            var best: [UInt8] = []  // local word → best level + 1 in this document; 0 when absent
            var touched: [Int32] = []
            for doc in range {
                let fields = [documents[doc].title, documents[doc].authors, documents[doc].abstract]
                for (level, text) in fields.enumerated() {
                    Terms.forEachWord(text) { word in
                        let id = batch.table.intern(word)
                        if Int(id) == best.count { best.append(0) }
                        if best[Int(id)] == 0 { touched.append(id); best[Int(id)] = UInt8(level + 1) }
                    }
                }
                for id in touched {
                    batch.entries.append(id)
                    batch.levels.append(best[Int(id)] - 1)
                    best[Int(id)] = 0
                }
                touched.removeAll(keepingCapacity: true)
                batch.ends.append(batch.entries.count)
            }
            return batch
        }
        // One serial pass gives global word ids in batch order, then the lists.
        let (table, maps) = WordTable.merge(batches.map(\.table))
        let words = (0..<table.count).map(table.word)
        var lists = [[Int32]](repeating: [], count: words.count * 3)
        var doc: Int32 = 0
        for (b, batch) in batches.enumerated() {
            var start = 0
            for end in batch.ends {
                for k in start..<end {
                    lists[Int(maps[b][Int(batch.entries[k])]) * 3 + Int(batch.levels[k])].append(doc)
                }
                start = end
                doc += 1
            }
        }
        // Sort the words as JavaScript compares strings.
        let order = words.indices.sorted { words[$0].utf16.lexicographicallyPrecedes(words[$1].utf16) }
        terms = order.map { words[$0] }
        var sorted: [[Int32]] = []
        sorted.reserveCapacity(lists.count)
        for old in order { for level in 0..<3 { sorted.append(lists[old * 3 + level]) } }
        self.lists = sorted
    }
}
