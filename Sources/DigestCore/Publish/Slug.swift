/// Slugs: lowercase ASCII, readable, stable, unique; never "..", never "/".
public enum Slug {
    /// "Boix-Adserà, Enric: A Study!" → "boix-adsera-enric-a-study".
    public static func make(_ text: String, maxLength: Int = 72) -> String {
        var out: [UInt8] = []
        for byte in Text.fold(text).utf8 {
            let isAlnum = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            if isAlnum { out.append(byte) } else if out.last != 0x2D, !out.isEmpty { out.append(0x2D) }
        }
        while out.last == 0x2D { out.removeLast() }
        if out.count > maxLength {
            out = Array(out.prefix(maxLength))
            if let cut = out.lastIndex(of: 0x2D), cut > maxLength / 2 { out = Array(out[..<cut]) }
        }
        return out.isEmpty ? "untitled" : String(decoding: out, as: UTF8.self)
    }

    /// Unique slugs for items given as (base slug, tie-break key), in input
    /// order. Colliding items are ordered by their key; the first keeps the
    /// base, the others get "-2", "-3", … (never a slug another item owns).
    public static func unique(_ items: [(base: String, key: String)]) -> [String] {
        let taken = Set(items.map(\.base))
        var used = Set<String>()
        var result = [String](repeating: "", count: items.count)
        let order = items.indices.sorted { (items[$0].base, items[$0].key, $0) < (items[$1].base, items[$1].key, $1) }
        for index in order {
            let base = items[index].base
            var slug = base
            var n = 2
            while used.contains(slug) || (slug != base && taken.contains(slug)) {
                slug = "\(base)-\(n)"; n += 1
            }
            used.insert(slug)
            result[index] = slug
        }
        return result
    }
}
