/// Keyword lists as readers should see them: one of each word however
/// spelled ("optimization" and "optimisation", "network" and "networks").
enum Keywords {
    static func distinct(_ keywords: [String]) -> [String] {
        var seen = Set<String>()
        return keywords.filter { seen.insert(key($0)).inserted }
    }

    /// British spellings as American ones, a plural "s" dropped, per word.
    static func key(_ phrase: String) -> String {
        phrase.lowercased().split(separator: " ").map { word -> String in
            var w = String(word)
            for (british, american) in [("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ise", "ize"),
                                        ("yse", "yze"), ("our", "or"), ("tre", "ter")] where w.hasSuffix(british) {
                w = String(w.dropLast(british.count)) + american
                break
            }
            if w.hasSuffix("izations") { w.removeLast() }
            if w.count > 3, w.hasSuffix("s"), !w.hasSuffix("ss") { w.removeLast() }
            return w
        }.joined(separator: " ")
    }
}
