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

    /// Appends `key(name)`'s bytes to `out`.
    static func appendKey(_ name: String, to out: inout [UInt8]) {
        // Printable ASCII without a comma needs no reordering or clean-up:
        // the key drops case, punctuation and spaces anyway.
        var plain = true
        for byte in name.utf8 where byte < 0x20 || byte >= 0x7F || byte == 0x2C { plain = false; break }
        if plain { Text.appendKey(name, to: &out) } else { Text.appendKey(displayOrder(name), to: &out) }
    }
}
