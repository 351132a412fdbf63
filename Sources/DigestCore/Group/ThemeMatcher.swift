/// Curated theme assignment: a paper joins a theme when the theme's keyword
/// phrases occur in it as whole words (case and diacritics folded, a
/// trailing plural "s" allowed). A title match weighs 3, an abstract match 1,
/// and a theme needs a score of 3: one passing mention in an abstract is not
/// enough. A paper keeps its 3 best themes, best first, ties by theme order.
public struct ThemeMatcher: Sendable {
    public static let titleWeight = 3
    public static let threshold = 3
    public static let maxThemes = 3

    struct Phrase: Sendable { var words: [String]; var theme: Int }
    private var byFirstWord: [String: [Phrase]] = [:]

    public init(keywords: [[String]]) {
        for (theme, phrases) in keywords.enumerated() {
            for phrase in phrases {
                let words = Terms.tokens(phrase)
                guard let first = words.first else { continue }
                byFirstWord[first, default: []].append(Phrase(words: words, theme: theme))
            }
        }
    }

    public struct Match: Sendable, Equatable {
        public var theme: Int
        public var score: Int
    }

    /// Themes for a paper's title and abstract words, best first.
    public func match(title: [String], abstract: [String]) -> [Match] {
        var scores: [Int: Int] = [:]
        count(title, weight: ThemeMatcher.titleWeight, into: &scores)
        count(abstract, weight: 1, into: &scores)
        return scores.filter { $0.value >= ThemeMatcher.threshold }
            .map { Match(theme: $0.key, score: $0.value) }
            .sorted { ($1.score, $0.theme) < ($0.score, $1.theme) }
            .prefix(ThemeMatcher.maxThemes).map { $0 }
    }

    private func count(_ words: [String], weight: Int, into scores: inout [Int: Int]) {
        for start in words.indices {
            guard let phrases = byFirstWord[words[start]] ?? byFirstWord[ThemeMatcher.singular(words[start])] else { continue }
            for phrase in phrases where matches(phrase.words, words, at: start) {
                scores[phrase.theme, default: 0] += weight
            }
        }
    }

    private func matches(_ phrase: [String], _ words: [String], at start: Int) -> Bool {
        guard start + phrase.count <= words.count else { return false }
        for (offset, word) in phrase.enumerated() {
            let token = words[start + offset]
            if token != word && ThemeMatcher.singular(token) != word { return false }
        }
        return true
    }

    static func singular(_ word: String) -> String {
        word.count > 3 && word.hasSuffix("s") && !word.hasSuffix("ss") ? String(word.dropLast()) : word
    }
}
