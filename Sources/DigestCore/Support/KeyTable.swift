/// Dense ids for 64-bit keys, in order of first insertion, and how many
/// times each key was inserted: an open-addressing hash table with a
/// multiplicative hash, several times faster than a `Dictionary<UInt64,
/// Int32>` (no per-lookup seeded hashing) for the tens of millions of
/// lookups TF-IDF makes on a large corpus. A slot holds key, id and count
/// side by side, so an insert touches one cache line: on a large corpus the
/// table is far bigger than the caches, and each line is a trip to memory.
struct KeyTable {
    private struct Slot { var key: UInt64; var id: Int32; var count: Int32 }
    private var slots: [Slot]
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Slot](repeating: Slot(key: 0, id: -1, count: 0), count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// The key's id, and whether this call gave it (the next id, `count`).
    mutating func insert(_ key: UInt64) -> (id: Int32, inserted: Bool) {
        let (id, inserted) = slots.withUnsafeMutableBufferPointer { slots -> (Int32, Bool) in
            var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[index].id >= 0 {
                if slots[index].key == key {
                    slots[index].count += 1
                    return (slots[index].id, false)
                }
                index = (index + 1) & mask
            }
            slots[index] = Slot(key: key, id: Int32(count), count: 1)
            return (Int32(count), true)
        }
        if inserted {
            count += 1
            if count * 2 > slots.count { grow() }
        }
        return (id, inserted)
    }

    /// Every key by id, with the number of times it was inserted.
    func keysAndCounts() -> (keys: [UInt64], counts: [Int32]) {
        var keys = [UInt64](repeating: 0, count: count)
        var counts = [Int32](repeating: 0, count: count)
        for slot in slots where slot.id >= 0 {
            keys[Int(slot.id)] = slot.key
            counts[Int(slot.id)] = slot.count
        }
        return (keys, counts)
    }

    private mutating func grow() {
        let old = slots
        let size = slots.count * 2
        slots = [Slot](repeating: Slot(key: 0, id: -1, count: 0), count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        slots.withUnsafeMutableBufferPointer { slots in
            for slot in old where slot.id >= 0 {
                var index = Int(truncatingIfNeeded: (slot.key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                while slots[index].id >= 0 { index = (index + 1) & mask }
                slots[index] = slot
            }
        }
    }
}
