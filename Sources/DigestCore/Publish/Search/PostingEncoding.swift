/// How one posting list (ascending search ids) is written in a term shard,
/// whichever is shorter:
///
/// - a JSON array of gaps, `[5,1,12]` for ids 5, 6, 18 (sparse lists);
/// - a string of base64 bits, bit `i % 8` of byte `i / 8` set when id `i`
///   is in the list, trailing zero bytes dropped (dense lists: a word in
///   most abstracts costs N/6 characters however common it is).
enum PostingEncoding {
    /// The encoded length in bytes, without writing anything.
    static func size(_ ids: ArraySlice<Int32>) -> Int {
        min(gapsSize(ids), bitsSize(ids))
    }

    static func append(_ ids: ArraySlice<Int32>, to out: inout [UInt8]) {
        if bitsSize(ids) < gapsSize(ids) { appendBits(ids, to: &out) } else { appendGaps(ids, to: &out) }
    }

    static func gapsSize(_ ids: ArraySlice<Int32>) -> Int {
        var size = 2 + max(0, ids.count - 1)
        var previous: Int32 = 0
        for id in ids {
            size += digits(Int(id - previous))
            previous = id
        }
        return size
    }

    static func bitsSize(_ ids: ArraySlice<Int32>) -> Int {
        guard let last = ids.last else { return 2 }
        let bytes = Int(last) / 8 + 1
        return 2 + (bytes + 2) / 3 * 4
    }

    static func appendGaps(_ ids: ArraySlice<Int32>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        var previous: Int32 = 0
        for (index, id) in ids.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendInt(Int(id - previous), to: &out)
            previous = id
        }
        out.append(UInt8(ascii: "]"))
    }

    static func appendBits(_ ids: ArraySlice<Int32>, to out: inout [UInt8]) {
        var bits = [UInt8](repeating: 0, count: Int(ids.last ?? 0) / 8 + 1)
        for id in ids { bits[Int(id) >> 3] |= 1 << UInt8(id & 7) }
        out.append(UInt8(ascii: "\""))
        appendBase64(bits, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func appendBase64(_ bytes: [UInt8], to out: inout [UInt8]) {
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(triple >> 18 & 63)])
            out.append(alphabet[Int(triple >> 12 & 63)])
            out.append(i + 1 < bytes.count ? alphabet[Int(triple >> 6 & 63)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(triple & 63)] : UInt8(ascii: "="))
            i += 3
        }
    }

    static func appendInt(_ value: Int, to out: inout [UInt8]) {
        if value < 10 { out.append(UInt8(48 + value)); return }
        var digits: [UInt8] = []
        var v = value
        while v > 0 { digits.append(UInt8(48 + v % 10)); v /= 10 }
        out.append(contentsOf: digits.reversed())
    }

    static func digits(_ value: Int) -> Int {
        var count = 1
        var v = value
        while v >= 10 { v /= 10; count += 1 }
        return count
    }
}
