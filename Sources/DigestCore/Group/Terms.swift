/// Papers as words: folded, split at everything but letters and digits,
/// interned to integer ids so later passes (themes, TF-IDF, clustering,
/// related papers) compare numbers, not strings.
public struct Terms: Sendable {
    /// Word id → word.
    public private(set) var words: [String] = []
    private var ids: [String: Int32] = [:]
    /// Per paper: word ids of the title, of the abstract, of the author names.
    public private(set) var title: [[Int32]] = []
    public private(set) var abstract: [[Int32]] = []
    public private(set) var authors: [[Int32]] = []

    /// Papers are tokenised and interned in batches in parallel, each batch
    /// with its own small vocabulary; one serial pass then maps each batch's
    /// distinct words to global ids, in batch order, so ids do not depend on
    /// the number of threads.
    public init(papers: [Paper]) {
        struct Batch { var words: [String] = []; var ids: [String: Int32] = [:]; var papers: [([Int32], [Int32], [Int32])] = [] }
        let ranges = stride(from: 0, to: papers.count, by: 512).map { $0..<min(papers.count, $0 + 512) }
        let batches = ParallelMap.map(ranges) { range -> Batch in
            var batch = Batch()
            func local(_ word: String) -> Int32 {
                if let id = batch.ids[word] { return id }
                let id = Int32(batch.words.count)
                batch.ids[word] = id
                batch.words.append(word)
                return id
            }
            for paper in papers[range] {
                batch.papers.append((Terms.tokens(paper.title).map(local), Terms.tokens(paper.abstract).map(local),
                                     paper.authors.flatMap { Terms.tokens($0) }.map { local("@" + $0) }))
            }
            return batch
        }
        let maps = batches.map { batch in batch.words.map { intern($0) } }
        let remapped = ParallelMap.map(Array(batches.indices)) { b in
            batches[b].papers.map { t, a, n in (t.map { maps[b][Int($0)] }, a.map { maps[b][Int($0)] }, n.map { maps[b][Int($0)] }) }
        }
        title.reserveCapacity(papers.count)
        for batch in remapped {
            for (t, a, n) in batch { title.append(t); abstract.append(a); authors.append(n) }
        }
    }

    public func id(_ word: String) -> Int32? { ids[word] }

    private mutating func intern(_ word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(words.count)
        ids[word] = id
        words.append(word)
        return id
    }

    /// Folded words of a text; ASCII takes a byte-level path.
    public static func tokens(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes -> [String] in
            var out: [String] = []
            var word: [UInt8] = []
            for byte in bytes {
                if byte >= 0x80 { return Text.words(String(decoding: bytes, as: UTF8.self)).map(String.init) }
                let lower = byte | 0x20
                if (byte >= 0x30 && byte <= 0x39) || (lower >= 0x61 && lower <= 0x7A) {
                    word.append(byte >= 0x41 && byte <= 0x5A ? lower : byte)
                } else if !word.isEmpty {
                    out.append(String(decoding: word, as: UTF8.self)); word.removeAll(keepingCapacity: true)
                }
            }
            if !word.isEmpty { out.append(String(decoding: word, as: UTF8.self)) }
            return out
        }
    }
}
