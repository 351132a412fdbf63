/// Papers as words: folded, split at everything but letters and digits,
/// interned to integer ids so later passes (themes, TF-IDF, clustering,
/// related papers) compare numbers, not strings.
struct Terms: Sendable {
    /// Word id → word.
    let words: [String]
    private let table: WordTable
    /// Per paper: word ids of the title, of the abstract, of the author names.
    private(set) var title: [[Int32]] = []
    private(set) var abstract: [[Int32]] = []
    private(set) var authors: [[Int32]] = []

    /// Papers are tokenised and interned in batches in parallel, each batch
    /// with its own small vocabulary; one serial pass then maps each batch's
    /// distinct words to global ids, in batch order, so ids do not depend on
    /// the number of threads. Author words carry a leading "@".
    init(papers: [Paper]) {
        struct Batch { var table = WordTable(); var papers: [([Int32], [Int32], [Int32])] = [] }
        let ranges = stride(from: 0, to: papers.count, by: 512).map { $0..<min(papers.count, $0 + 512) }
        let batches = ParallelMap.map(ranges) { range -> Batch in
            var batch = Batch()
            var marked: [UInt8] = [0x40]
            for paper in papers[range] {
                var t: [Int32] = [], a: [Int32] = [], n: [Int32] = []
                Terms.forEachWord(paper.title) { t.append(batch.table.intern($0)) }
                Terms.forEachWord(paper.abstract) { a.append(batch.table.intern($0)) }
                for author in paper.authors {
                    Terms.forEachWord(author) { word in
                        marked.removeSubrange(1...)
                        marked.append(contentsOf: word)
                        n.append(marked.withUnsafeBufferPointer { batch.table.intern($0) })
                    }
                }
                batch.papers.append((t, a, n))
            }
            return batch
        }
        let (table, maps) = WordTable.merge(batches.map(\.table))
        let remapped = ParallelMap.map(Array(batches.indices)) { b in
            batches[b].papers.map { t, a, n in (t.map { maps[b][Int($0)] }, a.map { maps[b][Int($0)] }, n.map { maps[b][Int($0)] }) }
        }
        title.reserveCapacity(papers.count)
        for batch in remapped {
            for (t, a, n) in batch { title.append(t); abstract.append(a); authors.append(n) }
        }
        words = (0..<table.count).map(table.word)
        self.table = table
    }

    func id(_ word: String) -> Int32? { table.find(word) }

    /// Calls `body` with word `id`'s UTF-8 bytes.
    func withBytes<R>(of id: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { table.withBytes(of: id, body) }

    /// Folded words of a text.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        forEachWord(text) { out.append(String(decoding: $0, as: UTF8.self)) }
        return out
    }

    /// Calls `body` with the UTF-8 bytes of each folded word of a text
    /// (letters and digits, lowercase, no diacritics), the same words as
    /// `Text.words`. ASCII letters and digits are folded byte by byte; only
    /// a run that holds non-ASCII bytes (a name with accents) goes through
    /// Unicode folding. ASCII punctuation and spaces end words on both
    /// paths, so cutting runs there changes nothing.
    static func forEachWord(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { word in
                var length = 0, runStart = 0, hasUnicode = false
                func flush(upTo end: Int) {
                    if hasUnicode {
                        let run = String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<end]), as: UTF8.self)
                        for piece in Text.words(run) { var piece = String(piece); piece.withUTF8(body) }
                    } else if length > 0 {
                        body(UnsafeBufferPointer(rebasing: word[0..<length]))
                    }
                    length = 0
                    hasUnicode = false
                }
                for (i, byte) in bytes.enumerated() {
                    let lower = byte | 0x20
                    if (byte >= 0x30 && byte <= 0x39) || (lower >= 0x61 && lower <= 0x7A) {
                        if length == 0, !hasUnicode { runStart = i }
                        word[length] = byte >= 0x41 && byte <= 0x5A ? lower : byte
                        length += 1
                    } else if byte >= 0x80 {
                        if length == 0, !hasUnicode { runStart = i }
                        hasUnicode = true
                    } else if length > 0 || hasUnicode {
                        flush(upTo: i)
                    }
                }
                if length > 0 || hasUnicode { flush(upTo: bytes.count) }
            }
        }
    }
}
