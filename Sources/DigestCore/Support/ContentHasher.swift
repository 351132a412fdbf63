/// A fast, deterministic 64-bit hash of byte strings, for telling whether
/// inputs changed (not for security): eight bytes per step, each step a
/// multiply and a rotate, every string's length mixed in so that
/// ["ab", "c"] and ["a", "bc"] differ. The same bytes give the same value on
/// every machine (words are read little-endian).
struct ContentHasher {
    private(set) var value: UInt64 = 0x243F_6A88_85A3_08D3

    private static let k0: UInt64 = 0x9E37_79B9_7F4A_7C15
    private static let k1: UInt64 = 0xC2B2_AE3D_27D4_EB4F

    private mutating func mix(_ word: UInt64) {
        var h = value ^ (word &* ContentHasher.k0)
        h = (h << 31 | h >> 33) &* ContentHasher.k1
        value = h ^ (h >> 29)
    }

    mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            let count = raw.count
            var i = 0
            while i + 8 <= count {
                mix(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < count { tail |= UInt64(raw[i]) << shift; shift += 8; i += 1 }
            mix(tail)
            mix(UInt64(count))
        }
    }
}
