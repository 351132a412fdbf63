import Foundation

/// TF-IDF vectors over title and abstract (unigrams and bigrams of the
/// words that are not stop words; title words count twice), optionally with
/// author names as features. Document-frequency cut-offs scale with the
/// corpus: a feature must occur in at least max(2, N/5000) papers and in at
/// most half of them (from 20 papers on; a smaller corpus keeps every
/// shared feature). Vectors are sparse, sorted by feature, L2-normalised.
///
/// Each paper's bag of features is built in parallel as a sorted array of
/// 64-bit keys (a word id, or two for a bigram); one serial pass then gives
/// each distinct key a feature id and counts document frequencies.
struct TFIDF: Sendable {
    struct Entry: Sendable { var feature: Int32; var weight: Float }

    var vectors: [[Entry]]
    /// Feature id → its key: `word << 32 | unigramMark`, `word << 32 | authorMark`
    /// or `first << 32 | second` for a bigram.
    var featureKeys: [UInt64]
    var documentFrequency: [Int32]
    private let words: [String]

    static let unigramMark: UInt64 = 0xFFFF_FFFF
    static let authorMark: UInt64 = 0xFFFF_FFFE

    var featureCount: Int { featureKeys.count }

    /// "edge stability", "grokking", or an author's name word.
    func name(of feature: Int32) -> String {
        let key = featureKeys[Int(feature)]
        let first = words[Int(key >> 32)]
        let low = key & 0xFFFF_FFFF
        return low == TFIDF.unigramMark || low == TFIDF.authorMark ? first : first + " " + words[Int(low)]
    }

    func isAuthorFeature(_ feature: Int32) -> Bool { featureKeys[Int(feature)] & 0xFFFF_FFFF == TFIDF.authorMark }

    init(terms: Terms, papers: Int, includeAuthors: Bool) {
        words = terms.words
        let stop = terms.words.map { StopWords.all.contains($0) || $0.count < 2 || $0.allSatisfy(\.isNumber) }
        let nameWord = terms.words.map { $0.count > 2 }  // "@" and at least two letters
        // 1. Bags, in parallel: sorted (key, count) runs.
        // Title keys count 2 each, abstract and author keys 1: each group is
        // sorted as plain integers, then the two runs are merged.
        let bags: [[(key: UInt64, count: Float)]] = ParallelMap.map(Array(0..<papers), minimumBatch: 256) { paper in
            var title: [UInt64] = [], rest: [UInt64] = []
            title.reserveCapacity(2 * terms.title[paper].count)
            rest.reserveCapacity(2 * terms.abstract[paper].count + terms.authors[paper].count)
            func add(_ tokens: [Int32], to keys: inout [UInt64]) {
                var previous: Int32 = -1
                for word in tokens {
                    if stop[Int(word)] { previous = -1; continue }
                    keys.append(UInt64(word) << 32 | TFIDF.unigramMark)
                    if previous >= 0 { keys.append(UInt64(previous) << 32 | UInt64(word)) }
                    previous = word
                }
            }
            add(terms.title[paper], to: &title)
            add(terms.abstract[paper], to: &rest)
            if includeAuthors {
                for word in terms.authors[paper] where nameWord[Int(word)] {
                    rest.append(UInt64(word) << 32 | TFIDF.authorMark)
                }
            }
            return TFIDF.merge(sorted: title.sorted(), weight: 2, with: rest.sorted(), weight: 1)
        }
        // 2. Feature ids and document frequencies, in one serial pass.
        // Each bag holds a key once, so the table's insert counts are the
        // document frequencies.
        var featureIds = KeyTable(capacity: papers * 16)
        var ids: [[Int32]] = []
        ids.reserveCapacity(papers)
        for bag in bags {
            var row = [Int32](repeating: 0, count: bag.count)
            for i in bag.indices { row[i] = featureIds.insert(bag[i].key).id }
            ids.append(row)
        }
        let (keys, df) = featureIds.keysAndCounts()
        // 3. Weights, in parallel.
        let minDF = max(2, papers / 5000)
        let maxDF = papers < 20 ? papers : max(minDF, papers / 2)
        let logN = log(Double(papers + 1))
        // Inverse document frequency per feature; 0 marks a feature cut off.
        let idf = df.map { df -> Float in
            let d = Int(df)
            return d >= minDF && d <= maxDF ? Float(logN - log(Double(d + 1)) + 1) : 0
        }
        // Counts are sums of whole weights (1 or 2), so 1 + log(count) comes
        // from a table for all but rare counts; the same floats either way.
        let logTable = (0..<64).map { 1 + log(Float($0)) }
        vectors = ParallelMap.map(Array(0..<papers), minimumBatch: 256) { paper in
            var entries: [Entry] = []
            entries.reserveCapacity(bags[paper].count)
            for (item, feature) in zip(bags[paper], ids[paper]) {
                let idf = idf[Int(feature)]
                guard idf > 0 else { continue }
                let whole = Int(item.count)
                let tf = whole < 64 && Float(whole) == item.count ? logTable[whole] : 1 + log(item.count)
                entries.append(Entry(feature: feature, weight: tf * idf))
            }
            entries.sort { $0.feature < $1.feature }
            let norm = entries.reduce(Float(0)) { $0 + $1.weight * $1.weight }.squareRoot()
            if norm > 0 { for i in entries.indices { entries[i].weight /= norm } }
            return entries
        }
        featureKeys = keys
        documentFrequency = df
    }

    /// Two sorted runs of keys as one sorted run of distinct keys, each
    /// with its weighted count (the counts are small whole numbers, exact
    /// in a Float whatever the order they are added in).
    static func merge(sorted a: [UInt64], weight wa: Float, with b: [UInt64], weight wb: Float) -> [(key: UInt64, count: Float)] {
        var merged: [(key: UInt64, count: Float)] = []
        merged.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            let key = j == b.count || (i < a.count && a[i] <= b[j]) ? a[i] : b[j]
            var count: Float = 0
            while i < a.count, a[i] == key { count += wa; i += 1 }
            while j < b.count, b[j] == key { count += wb; j += 1 }
            merged.append((key, count))
        }
        return merged
    }

    /// The same vectors over the text only (author features dropped, renormalised).
    func textOnly() -> TFIDF {
        var copy = self
        copy.vectors = ParallelMap.map(vectors, minimumBatch: 1024) { vector in
            var entries = vector.filter { !isAuthorFeature($0.feature) }
            let norm = entries.reduce(Float(0)) { $0 + $1.weight * $1.weight }.squareRoot()
            if norm > 0 { for i in entries.indices { entries[i].weight /= norm } }
            return entries
        }
        return copy
    }
}
