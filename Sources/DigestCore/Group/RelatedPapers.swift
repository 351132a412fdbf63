/// Related papers by cosine similarity of TF-IDF vectors, through an
/// inverted index over each paper's strongest terms: only papers sharing a
/// strong term are ever compared, so there is no papers × papers matrix.
/// A paper is never related to itself; ties break by paper id.
enum RelatedPapers {
    static let strongestTerms = 24
    /// Each term's posting list keeps its strongest papers only, so a term
    /// that is strong in very many papers cannot make the pass quadratic.
    static let maxPostings = 256
    static let count = 5
    /// The least similarity (cosine of strongest terms against whole
    /// vectors) a related paper must reach: below it, papers share a word
    /// or two ("weak") and little else, and fewer are shown instead.
    static let minimumSimilarity: Float = 0.10

    static func compute(_ tfidf: TFIDF) -> [[Int]] {
        let n = tfidf.vectors.count
        let strong: [[TFIDF.Entry]] = ParallelMap.map(tfidf.vectors, minimumBatch: 1024, strongest)
        let index = PostingIndex(strong, features: tfidf.featureCount)
        // Scores accumulate in a dense array per batch of papers, reset
        // through the list of papers touched.
        let batches = stride(from: 0, to: n, by: 512).map { $0..<min(n, $0 + 512) }
        return ParallelMap.map(batches) { batch -> [[Int]] in
            var scores = [Float](repeating: 0, count: n)
            // A paper meets at most strongestTerms × maxPostings others.
            var touched = [Int32](repeating: 0, count: strongestTerms * maxPostings)
            return batch.map { paper -> [Int] in
                let me = Int32(paper)
                var met = 0
                // Same sums in the same order as indexing the arrays; the
                // buffers drop the bounds checks, and each paper met is
                // written at the end of `touched` but kept (counted) only
                // the first time, without a branch.
                return scores.withUnsafeMutableBufferPointer { scores in
                    touched.withUnsafeMutableBufferPointer { touched in
                        for entry in strong[paper] {
                            index.withList(entry.feature) { list in
                                for posting in list where posting.paper != me {
                                    let other = Int(posting.paper)
                                    touched[met] = posting.paper
                                    met &+= scores[other] == 0 ? 1 : 0
                                    scores[other] += entry.weight * posting.weight
                                }
                            }
                        }
                        return best(of: UnsafeBufferPointer(rebasing: touched[..<met]), scores: scores)
                    }
                }
            }
        }.flatMap { $0 }
    }

    /// The `count` best-scoring of the papers met (ties by paper id); resets
    /// their scores for the next paper.
    private static func best(of met: UnsafeBufferPointer<Int32>, scores: UnsafeMutableBufferPointer<Float>) -> [Int] {
        func before(_ a: (paper: Int32, score: Float), _ b: (paper: Int32, score: Float)) -> Bool {
            a.score > b.score || (a.score == b.score && a.paper < b.paper)
        }
        var best: [(paper: Int32, score: Float)] = []
        best.reserveCapacity(count + 1)
        for candidate in met {
            let entry = (paper: candidate, score: scores[Int(candidate)])
            scores[Int(candidate)] = 0
            if entry.score < minimumSimilarity { continue }
            if best.count == count, !before(entry, best[count - 1]) { continue }
            var i = best.count
            while i > 0, before(entry, best[i - 1]) { i -= 1 }
            best.insert(entry, at: i)
            if best.count > count { best.removeLast() }
        }
        return best.map { Int($0.paper) }
    }

    /// A vector's `strongestTerms` heaviest entries, heaviest first (ties
    /// by feature), picked in one pass without sorting the whole vector.
    static func strongest(_ vector: [TFIDF.Entry]) -> [TFIDF.Entry] {
        func before(_ a: TFIDF.Entry, _ b: TFIDF.Entry) -> Bool {
            a.weight > b.weight || (a.weight == b.weight && a.feature < b.feature)
        }
        let limit = strongestTerms
        // Insertion into a fixed buffer: once it is full, an entry that
        // beats the last one takes the last slot and moves up from there.
        return withUnsafeTemporaryAllocation(of: TFIDF.Entry.self, capacity: limit) { top in
            var count = 0
            for entry in vector {
                if count == limit, !before(entry, top[limit - 1]) { continue }
                var i = min(count, limit - 1)
                while i > 0, before(entry, top[i - 1]) { top[i] = top[i - 1]; i -= 1 }
                top[i] = entry
                count = min(count + 1, limit)
            }
            return Array(top[0..<count])
        }
    }

    /// The inverted index over the strongest terms, as one flat array: each
    /// feature's papers in paper order, or its `maxPostings` strongest
    /// (heaviest first) when more papers have it.
    struct PostingIndex {
        private var start: [Int]
        private var length: [Int]
        private var postings: [(paper: Int32, weight: Float)]

        init(_ strong: [[TFIDF.Entry]], features: Int) {
            var count = [Int](repeating: 0, count: features)
            for entries in strong { for entry in entries { count[Int(entry.feature)] += 1 } }
            start = [Int](repeating: 0, count: features)
            var total = 0
            for f in 0..<features { start[f] = total; total += count[f] }
            postings = [(paper: Int32, weight: Float)](repeating: (0, 0), count: total)
            var next = start
            for (paper, entries) in strong.enumerated() {
                for entry in entries {
                    postings[next[Int(entry.feature)]] = (Int32(paper), entry.weight)
                    next[Int(entry.feature)] += 1
                }
            }
            length = count
            for f in 0..<features where count[f] > maxPostings {
                let range = start[f]..<start[f] + count[f]
                let kept = postings[range].sorted { ($1.weight, $0.paper) < ($0.weight, $1.paper) }.prefix(maxPostings)
                postings.replaceSubrange(start[f]..<start[f] + maxPostings, with: kept)
                length[f] = maxPostings
            }
        }

        /// A feature's posting list, lent as a buffer.
        func withList<R>(_ feature: Int32, _ body: (UnsafeBufferPointer<(paper: Int32, weight: Float)>) -> R) -> R {
            let from = start[Int(feature)], to = from + length[Int(feature)]
            return postings.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[from..<to])) }
        }
    }
}
