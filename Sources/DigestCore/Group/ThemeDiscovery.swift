import Foundation

/// Themes found automatically for papers no curated theme takes: spherical
/// k-means over TF-IDF vectors, seeded by k-means++ from a fixed seed, with
/// k from the number of papers; each cluster is labelled by its most
/// distinctive terms (centroid weight above the corpus mean). Iterations
/// stop when fewer than 0.2% of the papers change cluster. Beyond
/// `sampleLimit` papers, the clusters are fitted on an evenly spaced sample
/// and every paper then joins its nearest centroid.
enum ThemeDiscovery {
    struct Cluster: Sendable, Equatable {
        var label: [String]
        var papers: [Int]
    }

    static let minimumSize = 3
    static let maxFeatures = 20_000
    static let iterations = 12
    /// Papers k-means is fitted on; more are assigned to the fitted centroids.
    static let sampleLimit = 8_000

    /// k grows with the square root of the papers, from 1 to 30.
    static func k(for papers: Int) -> Int { max(1, min(30, Int((Double(papers) / 6).squareRoot().rounded()))) }

    static func cluster(_ papers: [Int], tfidf: TFIDF, seed: UInt64 = 42, sampleLimit: Int = sampleLimit) -> [Cluster] {
        guard papers.count >= minimumSize * 2 else { return [] }
        // Compact feature space: the most frequent features of these papers.
        var df = [Int32](repeating: 0, count: tfidf.featureCount)
        for paper in papers { for entry in tfidf.vectors[paper] { df[Int(entry.feature)] += 1 } }
        let kept = df.indices.filter { df[$0] >= 2 }.sorted { (df[$1], $0) < (df[$0], $1) }.prefix(maxFeatures).sorted()
        var index = [Int32](repeating: -1, count: tfidf.featureCount)
        var names: [String] = []
        for feature in kept { index[feature] = Int32(names.count); names.append(tfidf.name(of: Int32(feature))) }
        let vectors: [[(Int, Float)]] = ParallelMap.map(papers, minimumBatch: 1024) { paper in
            let entries = tfidf.vectors[paper].compactMap { e in index[Int(e.feature)] >= 0 ? (Int(index[Int(e.feature)]), e.weight) : nil }
            let norm = entries.reduce(Float(0)) { $0 + $1.1 * $1.1 }.squareRoot()
            return norm > 0 ? entries.map { ($0.0, $0.1 / norm) } : entries
        }
        let dimension = names.count
        guard dimension > 0 else { return [] }
        let k = min(self.k(for: papers.count), papers.count / minimumSize)
        // Large corpora are fitted on an evenly spaced sample, then every
        // paper goes to its nearest centroid.
        let sampled = vectors.count > sampleLimit
        let fit = sampled ? (0..<sampleLimit).map { vectors[$0 * vectors.count / sampleLimit] } : vectors
        var random = SplitMix64(seed: seed)
        var centroids = seedCentroids(fit, k: k, dimension: dimension, random: &random)
        var assignment = [Int](repeating: -1, count: fit.count)
        for _ in 0..<iterations {
            let byFeature = FeatureMajor(centroids, dimension: dimension)
            let next = ParallelMap.map(Array(fit.indices), minimumBatch: 1024) { i in byFeature.nearest(fit[i]) }
            // Converged when fewer than 0.2% of the papers change cluster.
            let moved = zip(next, assignment).filter { $0 != $1 }.count
            assignment = next
            centroids = recompute(fit, assignment, k: k, dimension: dimension)
            if moved * 500 <= fit.count { break }
        }
        if sampled {
            let byFeature = FeatureMajor(centroids, dimension: dimension)
            assignment = ParallelMap.map(Array(vectors.indices), minimumBatch: 1024) { i in byFeature.nearest(vectors[i]) }
            centroids = recompute(vectors, assignment, k: k, dimension: dimension)
        }
        var mean = [Float](repeating: 0, count: dimension)
        for vector in vectors { for (f, w) in vector { mean[f] += w / Float(vectors.count) } }
        var clusters: [Cluster] = []
        for c in 0..<k {
            let members = vectors.indices.filter { assignment[$0] == c }.map { papers[$0] }
            guard members.count >= minimumSize else { continue }
            clusters.append(Cluster(label: label(centroids[c], mean: mean, names: names), papers: members))
        }
        return clusters.sorted { ($1.papers.count, $0.label.joined()) < ($0.papers.count, $1.label.joined()) }
    }

    private static func dot(_ vector: [(Int, Float)], _ centroid: [Float]) -> Float {
        vector.reduce(Float(0)) { $0 + $1.1 * centroid[$1.0] }
    }

    /// Centroids laid out feature by feature (centroid c's weight for f in
    /// `weights[f * lanes + c / 8][c % 8]`), so a sparse vector meets every
    /// centroid in one pass over its entries, reading k adjacent floats per
    /// entry instead of k scattered ones, eight at a time.
    struct FeatureMajor {
        let k: Int
        /// Groups of eight centroids per feature; the last group is padded
        /// with zero weights.
        let lanes: Int
        let weights: [SIMD8<Float>]

        init(_ centroids: [[Float]], dimension: Int) {
            k = centroids.count
            lanes = (k + 7) / 8
            var weights = [SIMD8<Float>](repeating: .zero, count: dimension * lanes)
            for (c, centroid) in centroids.enumerated() {
                for f in centroid.indices where centroid[f] != 0 { weights[f * lanes + c / 8][c % 8] = centroid[f] }
            }
            self.weights = weights
        }

        /// The most similar centroid; the first one on a tie. Each
        /// similarity sums the vector's entries in order, as `dot` does:
        /// eight centroids are summed at once, each in its own lane, with
        /// the same multiplications and additions as one at a time.
        func nearest(_ vector: [(Int, Float)]) -> Int {
            guard k > 0 else { return 0 }
            return withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: lanes) { sims in
                sims.initialize(repeating: .zero)
                weights.withUnsafeBufferPointer { m in
                    for (f, w) in vector {
                        let row = f * lanes
                        for lane in 0..<lanes { sims[lane] += w * m[row + lane] }
                    }
                }
                var best = 0, bestSimilarity = sims[0][0]
                for c in 1..<k where sims[c / 8][c % 8] > bestSimilarity {
                    best = c
                    bestSimilarity = sims[c / 8][c % 8]
                }
                return best
            }
        }
    }

    /// k-means++: each next seed drawn with probability ∝ its cosine distance² to the nearest seed.
    private static func seedCentroids(_ vectors: [[(Int, Float)]], k: Int, dimension: Int, random: inout SplitMix64) -> [[Float]] {
        func dense(_ vector: [(Int, Float)]) -> [Float] {
            var out = [Float](repeating: 0, count: dimension)
            for (f, w) in vector { out[f] = w }
            return out
        }
        var centroids = [dense(vectors[Int(random.next() % UInt64(vectors.count))])]
        var distance = ParallelMap.map(vectors, minimumBatch: 512) { max(0, 1 - dot($0, centroids[0])) }
        while centroids.count < k {
            let total = distance.reduce(0) { $0 + Double($1 * $1) }
            var target = Double(random.next() % 1_000_000_007) / 1_000_000_007 * total
            var chosen = vectors.count - 1
            for (i, d) in distance.enumerated() {
                target -= Double(d * d)
                if target <= 0 { chosen = i; break }
            }
            centroids.append(dense(vectors[chosen]))
            let newest = centroids[centroids.count - 1], previous = distance
            distance = ParallelMap.map(Array(vectors.indices), minimumBatch: 512) { i in
                min(previous[i], max(0, 1 - dot(vectors[i], newest)))
            }
        }
        return centroids
    }

    private static func recompute(_ vectors: [[(Int, Float)]], _ assignment: [Int], k: Int, dimension: Int) -> [[Float]] {
        // One flat array of k rows, summed in paper order.
        var flat = [Float](repeating: 0, count: k * dimension)
        flat.withUnsafeMutableBufferPointer { sums in
            for (i, vector) in vectors.enumerated() {
                let row = assignment[i] * dimension
                for (f, w) in vector { sums[row + f] += w }
            }
        }
        let sums = (0..<k).map { Array(flat[$0 * dimension..<($0 + 1) * dimension]) }
        return sums.map { sum in
            let norm = sum.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? sum.map { $0 / norm } : sum
        }
    }

    /// The three most distinctive terms: weight in the cluster times how
    /// concentrated the term is there (cluster weight over corpus mean);
    /// two-word phrases, easier to read, count 1.5 times. A word already
    /// inside a chosen phrase is skipped.
    static func label(_ centroid: [Float], mean: [Float], names: [String]) -> [String] {
        var scored: [(feature: Int, score: Float)] = []
        for f in centroid.indices where centroid[f] > 0 {
            let phrase: Float = names[f].containsByte(0x20) ? 1.5 : 1
            scored.append((f, phrase * centroid[f] * centroid[f] / (mean[f] + 1e-6)))
        }
        // Highest score first, ties by name.
        func before(_ a: (feature: Int, score: Float), _ b: (feature: Int, score: Float)) -> Bool {
            a.score != b.score ? a.score > b.score : names[a.feature] < names[b.feature]
        }
        // Phrases first: the best two word pairs that share no word, then
        // single words to make three, none repeating a chosen word.
        func choose(_ ranked: [(feature: Int, score: Float)]) -> [String] {
            var chosen: [String] = []
            func take(_ phrases: Bool, upTo limit: Int) {
                for (feature, _) in ranked where chosen.count < limit && names[feature].containsByte(0x20) == phrases {
                    let words = Set(names[feature].split(separator: " "))
                    if chosen.contains(where: { !Set($0.split(separator: " ")).isDisjoint(with: words) }) { continue }
                    chosen.append(names[feature])
                }
            }
            take(true, upTo: 2)
            take(false, upTo: 3)
            return chosen
        }
        // The three nearly always come from the first few: rank those in one
        // pass, and sort everything only when they do not suffice.
        let head = 32
        var top: [(feature: Int, score: Float)] = []
        for candidate in scored where top.count < head || before(candidate, top[top.count - 1]) {
            var i = top.count
            while i > 0, before(candidate, top[i - 1]) { i -= 1 }
            top.insert(candidate, at: i)
            if top.count > head { top.removeLast() }
        }
        let chosen = choose(top)
        // Two phrases and a word from the head are what the whole ranking
        // gives too; with fewer, a phrase further down might be missing.
        if (chosen.count == 3 && chosen.filter({ $0.containsByte(0x20) }).count == 2) || scored.count <= head { return chosen }
        return choose(scored.sorted(by: before))
    }
}
