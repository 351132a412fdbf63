/// Cuts the sorted words into shards of about `target` bytes that the
/// search page fetches one at a time.
///
/// A shard ends where neighbouring words share the shortest prefix that a
/// cut near the target allows, so words that share a prefix stay together:
/// a query word used as a prefix ("grok" for grokking) lies in one shard
/// unless its words alone outgrow a shard. The search page still handles a
/// prefix whose words span several shards, by fetching each of them.
enum TermShards {
    /// The index of each shard's first word; `sizes[i]` is word i's size.
    static func cut(terms: [String], sizes: [Int], target: Int) -> [Int] {
        guard !terms.isEmpty else { return [0] }
        var prefixSum = [0]
        prefixSum.reserveCapacity(sizes.count + 1)
        for size in sizes { prefixSum.append(prefixSum[prefixSum.count - 1] + size) }
        var starts = [0]
        var start = 0
        var end = 0
        while end < terms.count {
            end += 1
            guard prefixSum[end] - prefixSum[start] >= target, end < terms.count else { continue }
            // Cut at j (the next shard starts there), at least half full.
            var best = end
            var bestShared = Int.max
            var j = end
            while j > start, prefixSum[j] - prefixSum[start] >= target / 2 {
                let shared = sharedPrefix(terms[j - 1], terms[j])
                if shared < bestShared { best = j; bestShared = shared }
                j -= 1
            }
            starts.append(best)
            start = best
        }
        return starts
    }

    /// Leading UTF-16 code units two words share.
    static func sharedPrefix(_ a: String, _ b: String) -> Int {
        var count = 0
        for (x, y) in zip(a.utf16, b.utf16) {
            guard x == y else { break }
            count += 1
        }
        return count
    }
}
