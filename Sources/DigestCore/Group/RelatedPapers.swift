/// Related papers by cosine similarity of TF-IDF vectors, through an
/// inverted index over each paper's strongest terms: only papers sharing a
/// strong term are ever compared, so there is no papers × papers matrix.
/// A paper is never related to itself; ties break by paper id.
public enum RelatedPapers {
    public static let strongestTerms = 24
    /// Each term's posting list keeps its strongest papers only, so a term
    /// that is strong in very many papers cannot make the pass quadratic.
    public static let maxPostings = 256
    public static let count = 5

    public static func compute(_ tfidf: TFIDF) -> [[Int]] {
        let n = tfidf.vectors.count
        // Each paper's strongest terms, and the inverted index over them.
        let strong: [[TFIDF.Entry]] = ParallelMap.map(tfidf.vectors, minimumBatch: 1024) { vector in
            Array(vector.sorted { ($1.weight, $0.feature) < ($0.weight, $1.feature) }.prefix(strongestTerms))
        }
        var postings = [[(paper: Int32, weight: Float)]](repeating: [], count: tfidf.featureCount)
        for (paper, entries) in strong.enumerated() {
            for entry in entries { postings[Int(entry.feature)].append((Int32(paper), entry.weight)) }
        }
        for f in postings.indices where postings[f].count > maxPostings {
            postings[f] = Array(postings[f].sorted { ($1.weight, $0.paper) < ($0.weight, $1.paper) }.prefix(maxPostings))
        }
        // Scores accumulate in a dense array per batch of papers, reset
        // through the list of papers touched.
        let batches = stride(from: 0, to: n, by: 512).map { $0..<min(n, $0 + 512) }
        return ParallelMap.map(batches) { batch -> [[Int]] in
            var scores = [Float](repeating: 0, count: n)
            var touched: [Int32] = []
            return batch.map { paper -> [Int] in
                for entry in strong[paper] {
                    for posting in postings[Int(entry.feature)] where posting.paper != Int32(paper) {
                        if scores[Int(posting.paper)] == 0 { touched.append(posting.paper) }
                        scores[Int(posting.paper)] += entry.weight * posting.weight
                    }
                }
                var best: [(paper: Int32, score: Float)] = []
                for candidate in touched {
                    let score = scores[Int(candidate)]
                    scores[Int(candidate)] = 0
                    if best.count < count || (score, -candidate) > (best[best.count - 1].score, -best[best.count - 1].paper) {
                        best.append((candidate, score))
                        best.sort { ($1.score, $0.paper) < ($0.score, $1.paper) }
                        if best.count > count { best.removeLast() }
                    }
                }
                touched.removeAll(keepingCapacity: true)
                return best.map { Int($0.paper) }
            }
        }.flatMap { $0 }
    }
}
