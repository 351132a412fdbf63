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

    public init(papers: [Paper]) {
        let tokenized = ParallelMap.map(papers, minimumBatch: 256) { paper in
            (Terms.tokens(paper.title), Terms.tokens(paper.abstract), paper.authors.flatMap { Terms.tokens($0) })
        }
        title.reserveCapacity(papers.count)
        for (t, a, n) in tokenized {
            title.append(t.map { intern($0) })
            abstract.append(a.map { intern($0) })
            authors.append(n.map { intern("@" + $0) })
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
