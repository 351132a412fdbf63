/// HTML escaping: the default for every `{{value}}` in a template.
enum HTML {
    /// Appends `text` to `out` with `& < > " '` written as entities; the
    /// runs between them are copied whole.
    static func escape(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var i = 0
            while i < bytes.count {
                // Eight bytes at a time while none of them is one of the five.
                if i + 8 <= bytes.count, !HTML.hasSpecial(UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    i += 8
                    continue
                }
                // The five are all below 0x40: one shift and mask per byte.
                let byte = bytes[i]
                i += 1
                guard byte < 0x40, HTML.specialMask >> UInt64(byte) & 1 != 0 else { continue }
                let entity: StaticString
                switch byte {
                case 0x26: entity = "&amp;"
                case 0x3C: entity = "&lt;"
                case 0x3E: entity = "&gt;"
                case 0x22: entity = "&quot;"
                case 0x27: entity = "&#39;"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i - 1]))
                out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                runStart = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    /// Whether any of the eight bytes of `word` is one of `& < > " '`:
    /// a byte equal to c is a zero byte of `word ^ c…c`, found exactly by
    /// the classic test (low seven bits plus 0x7F, or the top bit, reach
    /// bit 7 for every byte but zero).
    static func hasSpecial(_ word: UInt64) -> Bool {
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        func hasByte(_ c: UInt64) -> UInt64 {
            let t = word ^ (c &* 0x0101_0101_0101_0101)
            return ~(((t & lows) &+ lows) | t | lows)
        }
        return hasByte(0x26) | hasByte(0x3C) | hasByte(0x3E) | hasByte(0x22) | hasByte(0x27) != 0
    }

    /// Bit n set for byte n in `& < > " '`.
    private static let specialMask: UInt64 = 1 << 0x26 | 1 << 0x3C | 1 << 0x3E | 1 << 0x22 | 1 << 0x27

    static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
