import Glibc

/// Dense ids for words given as UTF-8 bytes, in order of first insertion:
/// an open-addressing hash table over one shared byte buffer, so interning
/// a word that is already known allocates nothing. Tokenising a large
/// corpus looks words up tens of millions of times; making a `String` per
/// occurrence and hashing it into a `Dictionary` was most of that cost.
struct WordTable {
    /// Every word's bytes, one after another; word `i` is
    /// `bytes[starts[i]..<starts[i + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Slot → word id, or -1 when empty.
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { hashes.count }

    /// The word's id, giving it the next id (`count`) when it is new.
    mutating func intern(_ word: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = WordTable.hash(word)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash, equals(Int(id), word) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(hashes.count)
        slots[slot] = id
        hashes.append(hash)
        bytes.append(contentsOf: word)
        starts.append(bytes.count)
        if hashes.count * 2 > slots.count { grow() }
        return id
    }

    /// The word's id, or nil when it was never interned.
    func find(_ word: String) -> Int32? {
        var word = word
        return word.withUTF8 { word in
            let hash = WordTable.hash(word)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let id = slots[slot]
                if id < 0 { return nil }
                if hashes[Int(id)] == hash, equals(Int(id), word) { return id }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Word `id` as a string.
    func word(_ id: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[starts[id]..<starts[id + 1]]), as: UTF8.self) }
    }

    /// Calls `body` with word `id`'s bytes.
    func withBytes<R>(of id: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[starts[Int(id)]..<starts[Int(id) + 1]])) }
    }

    /// Calls `body` with each word's bytes, in id order.
    func forEachWord(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { all in
            for id in 0..<count { body(UnsafeBufferPointer(rebasing: all[starts[id]..<starts[id + 1]])) }
        }
    }

    /// One table of the words of several, in table order then id order
    /// (so the ids do not depend on how the work was split), and for each
    /// table its ids' new values.
    static func merge(_ tables: [WordTable]) -> (table: WordTable, maps: [[Int32]]) {
        var merged = WordTable(capacity: (tables.first?.count ?? 256) * 4)
        let maps = tables.map { table in
            var map: [Int32] = []
            map.reserveCapacity(table.count)
            table.forEachWord { map.append(merged.intern($0)) }
            return map
        }
        return (merged, maps)
    }

    private func equals(_ id: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id]
        guard starts[id + 1] - start == word.count else { return false }
        guard let other = word.baseAddress, word.count > 0 else { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, other, word.count) == 0 }
    }

    /// Eight bytes a step (most words take one or two), each step a
    /// multiply and a shift, then a final mix so the low bits (the slot)
    /// spread. Only the table's speed depends on it: ids follow insertion.
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(word.count)
        let raw = UnsafeRawBufferPointer(word)
        var i = 0
        while i + 8 <= word.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        while i < word.count { tail = tail << 8 | UInt64(word[i]); i += 1 }
        h = (h ^ tail) &* k
        let mixed = (h ^ (h >> 29)) &* k
        return mixed ^ (mixed >> 32)
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }
}
