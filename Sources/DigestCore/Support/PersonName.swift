/// Person names: the particles that stay lowercase inside a name, and the
/// identity key under which spellings of one person meet.
enum PersonName {
    /// Lowercase words that may stand inside a name: "Joris van der Hoeven".
    static let particles: Set<String> = [
        "van", "von", "der", "den", "de", "del", "della", "di", "da", "du",
        "dos", "das", "le", "la", "ten", "ter", "bin", "al", "y",
    ]

    /// "First Last" for "Last, First"; other names unchanged.
    static func displayOrder(_ name: String) -> String {
        let parts = name.split(separator: ",", maxSplits: 1)
        guard parts.count == 2 else { return Text.clean(name) }
        return Text.clean("\(parts[1]) \(parts[0])")
    }

    /// Case, diacritics, punctuation and order ("Last, First") ignored:
    /// "Zdeborová, Lenka" and "lenka zdeborova" give the same key.
    static func key(_ name: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(name.utf8.count)
        appendKey(name, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `key(name)`'s bytes to `out`: the key of "First Last"
    /// for "Last, First" (the key of what `displayOrder` gives), made on
    /// the bytes of the two parts.
    static func appendKey(_ name: String, to out: inout [UInt8]) {
        // Leading commas do not count (as in `displayOrder`'s split).
        let body = name.utf8.firstIndex { $0 != 0x2C } ?? name.utf8.endIndex
        guard let comma = name.utf8[body...].firstIndex(of: 0x2C) else { return Text.appendKey(name, to: &out) }
        let start = out.count
        Text.appendKey(name[name.utf8.index(after: comma)...], to: &out)
        let space = out.count
        out.append(0x20)
        Text.appendKey(name[body..<comma], to: &out)
        // One part without a key: no space between.
        if space == start || out.count == space + 1 { out.remove(at: space) }
    }
}
