/// Dense ids for 64-bit keys, in order of first insertion: an open-addressing
/// hash table with a multiplicative hash, several times faster than a
/// `Dictionary<UInt64, Int32>` (no per-lookup seeded hashing) for the tens of
/// millions of lookups TF-IDF makes on a large corpus.
struct KeyTable {
    private var keys: [UInt64]
    private var ids: [Int32]
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = [UInt64](repeating: 0, count: size)
        ids = [Int32](repeating: -1, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// The key's id, and whether this call gave it (the next id, `count`).
    mutating func insert(_ key: UInt64) -> (id: Int32, inserted: Bool) {
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let id = ids[slot]
            if id < 0 { break }
            if keys[slot] == key { return (id, false) }
            slot = (slot + 1) & mask
        }
        let id = Int32(count)
        keys[slot] = key
        ids[slot] = id
        count += 1
        if count * 2 > ids.count { grow() }
        return (id, true)
    }

    private mutating func grow() {
        let oldKeys = keys, oldIDs = ids
        let size = ids.count * 2
        keys = [UInt64](repeating: 0, count: size)
        ids = [Int32](repeating: -1, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        for (key, id) in zip(oldKeys, oldIDs) where id >= 0 {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while ids[slot] >= 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            ids[slot] = id
        }
    }
}
