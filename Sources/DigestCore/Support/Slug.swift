/// Slugs: lowercase ASCII, readable, stable, unique; never "..", never "/".
enum Slug {
    /// "Boix-Adserà, Enric: A Study!" → "boix-adsera-enric-a-study".
    static func make(_ text: String, maxLength: Int = 72) -> String {
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

    /// Names a page of a folder may not take: `papers/index.html` is the
    /// list of papers, so a paper titled "Index" is `index-2`.
    static let reserved: Set<String> = ["index"]

    /// Unique slugs for items given as (base slug, tie-break key), in input
    /// order. Colliding items are ordered by their key; the first keeps the
    /// base, the others get "-2", "-3", … (never a slug another item owns).
    /// A reserved base is kept by none.
    ///
    /// Only colliding items need sorting: "-n" slugs made for different
    /// bases never meet (a base of its own is never handed out), so each
    /// group of equal bases is numbered on its own.
    static func unique(_ items: [(base: String, key: String)]) -> [String] {
        var groups: [String: [Int]] = [:]
        groups.reserveCapacity(items.count)
        for (index, item) in items.enumerated() { groups[item.base, default: []].append(index) }
        var result = items.map(\.base)
        for (base, members) in groups where members.count > 1 || reserved.contains(base) {
            let ordered = members.sorted { (items[$0].key, $0) < (items[$1].key, $1) }
            var n = 2
            for index in reserved.contains(base) ? ordered[...] : ordered.dropFirst() {
                var slug: String
                repeat { slug = "\(base)-\(n)"; n += 1 } while groups[slug] != nil
                result[index] = slug
            }
        }
        return result
    }
}
