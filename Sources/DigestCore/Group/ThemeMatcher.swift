/// Curated theme assignment: a paper joins a theme when the theme's keyword
/// phrases occur in it as whole words (case and diacritics folded, a
/// plural "s" allowed). A title match weighs 3, an abstract match 1,
/// and a theme needs a score of 3: one passing mention in an abstract is not
/// enough. A paper keeps its 3 best themes, best first, ties by theme order.
///
/// Matching runs on interned word ids (see `Terms`): the phrases are
/// translated once into the corpus's ids, and each paper is one pass over
/// its ids.
struct ThemeMatcher: Sendable {
    static let titleWeight = 3
    static let threshold = 3
    static let maxThemes = 3

    struct Match: Sendable, Equatable {
        var theme: Int
        var score: Int
    }

    /// A phrase word matches its own id or its plural's ("-s"); -1 where
    /// that form never occurs in the corpus.
    struct Word: Sendable { var plain: Int32; var plural: Int32 }
    struct Phrase: Sendable { var words: [Word]; var theme: Int }
    /// Phrases by the ids of their first word (both forms).
    private var byFirstWord: [Int32: [Phrase]] = [:]
    /// One bit per word id, set where a phrase starts with that word: most
    /// words start none, and a bit is cheaper to test than a hash lookup.
    private var startsPhrase: [UInt64] = []

    /// `id` gives a word's id in the corpus, nil when it never occurs.
    init(keywords: [[String]], id: (String) -> Int32?) {
        for (theme, phrases) in keywords.enumerated() {
            for phrase in phrases {
                let words = Terms.tokens(phrase).map { Word(plain: id($0) ?? -1, plural: id($0 + "s") ?? -1) }
                // A phrase with a word the corpus never uses cannot match.
                guard let first = words.first, !words.contains(where: { $0.plain < 0 && $0.plural < 0 }) else { continue }
                for form in Set([first.plain, first.plural]) where form >= 0 {
                    byFirstWord[form, default: []].append(Phrase(words: words, theme: theme))
                }
            }
        }
        if let last = byFirstWord.keys.max() {
            startsPhrase = [UInt64](repeating: 0, count: Int(last) / 64 + 1)
            for word in byFirstWord.keys { startsPhrase[Int(word) / 64] |= 1 << UInt64(word % 64) }
        }
    }

    /// Themes for a paper's title and abstract word ids, best first.
    func match(title: [Int32], abstract: [Int32]) -> [Match] {
        var scores: [Int: Int] = [:]
        count(title, weight: ThemeMatcher.titleWeight, into: &scores)
        count(abstract, weight: 1, into: &scores)
        return scores.filter { $0.value >= ThemeMatcher.threshold }
            .map { Match(theme: $0.key, score: $0.value) }
            .sorted { ($1.score, $0.theme) < ($0.score, $1.theme) }
            .prefix(ThemeMatcher.maxThemes).map { $0 }
    }

    /// The same, for texts: a small vocabulary is built from them (tests, tools).
    static func match(keywords: [[String]], title: String, abstract: String) -> [Match] {
        var ids: [String: Int32] = [:]
        var words: [String] = []
        func intern(_ word: String) -> Int32 {
            if let id = ids[word] { return id }
            ids[word] = Int32(words.count); words.append(word); return Int32(words.count - 1)
        }
        let t = Terms.tokens(title).map(intern), a = Terms.tokens(abstract).map(intern)
        return ThemeMatcher(keywords: keywords, id: { ids[$0] }).match(title: t, abstract: a)
    }

    private func count(_ words: [Int32], weight: Int, into scores: inout [Int: Int]) {
        for start in words.indices {
            let word = Int(words[start])
            guard word / 64 < startsPhrase.count, startsPhrase[word / 64] >> UInt64(word % 64) & 1 != 0,
                  let phrases = byFirstWord[words[start]] else { continue }
            for phrase in phrases where matches(phrase.words, words, at: start) {
                scores[phrase.theme, default: 0] += weight
            }
        }
    }

    private func matches(_ phrase: [Word], _ words: [Int32], at start: Int) -> Bool {
        guard start + phrase.count <= words.count else { return false }
        for (offset, word) in phrase.enumerated() {
            let token = words[start + offset]
            if token != word.plain && token != word.plural { return false }
        }
        return true
    }
}
