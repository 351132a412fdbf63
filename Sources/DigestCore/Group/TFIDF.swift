import Foundation

/// TF-IDF vectors over title and abstract (unigrams and bigrams of the
/// words that are not stop words; title words count twice), optionally with
/// author names as features. Document-frequency cut-offs scale with the
/// corpus: a feature must occur in at least max(2, N/5000) papers and in at
/// most half of them (from 20 papers on; a smaller corpus keeps every
/// shared feature). Vectors are sparse, sorted by feature, L2-normalised.
public struct TFIDF: Sendable {
    public struct Entry: Sendable { public var feature: Int32; public var weight: Float }

    public var vectors: [[Entry]]
    /// Feature id → readable term ("edge stability", "grokking").
    public var featureNames: [String]
    public var documentFrequency: [Int32]
    /// Features that come from author names, not from the text.
    public var isAuthorFeature: [Bool]

    public init(terms: Terms, papers: Int, includeAuthors: Bool) {
        var featureIds: [UInt64: Int32] = [:]
        var names: [String] = []
        var authorFeatures = Set<Int32>()
        var counts: [[Int32: Float]] = []
        counts.reserveCapacity(papers)
        let stop = terms.words.map { StopWords.all.contains($0) || $0.count < 2 || $0.allSatisfy(\.isNumber) }
        func feature(_ key: UInt64, _ name: @autoclosure () -> String) -> Int32 {
            if let id = featureIds[key] { return id }
            let id = Int32(names.count)
            featureIds[key] = id
            names.append(name())
            return id
        }
        for paper in 0..<papers {
            var bag: [Int32: Float] = [:]
            for (words, weight) in [(terms.title[paper], Float(2)), (terms.abstract[paper], Float(1))] {
                var previous: Int32 = -1
                for word in words {
                    if stop[Int(word)] { previous = -1; continue }
                    bag[feature(UInt64(word) << 32 | 0xFFFF_FFFF, terms.words[Int(word)]), default: 0] += weight
                    if previous >= 0 {
                        let key = UInt64(previous) << 32 | UInt64(word)
                        bag[feature(key, terms.words[Int(previous)] + " " + terms.words[Int(word)]), default: 0] += weight
                    }
                    previous = word
                }
            }
            if includeAuthors {
                for word in terms.authors[paper] where terms.words[Int(word)].count > 2 {
                    let id = feature(UInt64(word) << 32 | 0xFFFF_FFFE, terms.words[Int(word)])
                    authorFeatures.insert(id)
                    bag[id, default: 0] += 1
                }
            }
            counts.append(bag)
        }
        var df = [Int32](repeating: 0, count: names.count)
        for bag in counts { for feature in bag.keys { df[Int(feature)] += 1 } }
        let minDF = max(2, papers / 5000)
        let maxDF = papers < 20 ? papers : max(minDF, papers / 2)
        let idf = df.map { Float(log(Double(papers + 1) / Double($0 + 1)) + 1) }
        vectors = counts.map { bag in
            var entries = bag.compactMap { feature, count -> Entry? in
                let d = Int(df[Int(feature)])
                guard d >= minDF, d <= maxDF else { return nil }
                return Entry(feature: feature, weight: (1 + log(count)) * idf[Int(feature)])
            }
            // Sorted before summing: dictionary order varies between runs,
            // and float sums in another order differ in the last bit.
            entries.sort { $0.feature < $1.feature }
            let norm = entries.reduce(Float(0)) { $0 + $1.weight * $1.weight }.squareRoot()
            if norm > 0 { for i in entries.indices { entries[i].weight /= norm } }
            return entries
        }
        featureNames = names
        documentFrequency = df
        isAuthorFeature = names.indices.map { authorFeatures.contains(Int32($0)) }
    }

    /// The same vectors over the text only (author features dropped, renormalised).
    public func textOnly() -> TFIDF {
        var copy = self
        copy.vectors = vectors.map { vector in
            var entries = vector.filter { !isAuthorFeature[Int($0.feature)] }
            let norm = entries.reduce(Float(0)) { $0 + $1.weight * $1.weight }.squareRoot()
            if norm > 0 { for i in entries.indices { entries[i].weight /= norm } }
            return entries
        }
        return copy
    }
}
