/// Related papers by cosine similarity of TF-IDF vectors, through an
/// inverted index over each paper's strongest terms: only papers sharing a
/// strong term are ever compared, so there is no papers × papers matrix.
/// A paper is never related to itself; ties break by paper id.
public enum RelatedPapers {
    public static let strongestTerms = 24
    public static let count = 5

    public static func compute(_ tfidf: TFIDF) -> [[Int]] {
        let n = tfidf.vectors.count
        // Each paper's strongest terms, and the inverted index over them.
        let strong: [[TFIDF.Entry]] = tfidf.vectors.map { vector in
            Array(vector.sorted { ($1.weight, $0.feature) < ($0.weight, $1.feature) }.prefix(strongestTerms))
        }
        var postings: [Int32: [(paper: Int32, weight: Float)]] = [:]
        for (paper, entries) in strong.enumerated() {
            for entry in entries { postings[entry.feature, default: []].append((Int32(paper), entry.weight)) }
        }
        return ParallelMap.map(Array(0..<n), minimumBatch: 512) { paper -> [Int] in
            var scores: [Int32: Float] = [:]
            for entry in strong[paper] {
                for posting in postings[entry.feature] ?? [] where posting.paper != Int32(paper) {
                    scores[posting.paper, default: 0] += entry.weight * posting.weight
                }
            }
            return scores.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(count).map { Int($0.key) }
        }
    }
}
