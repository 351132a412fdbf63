/// Splits an author feed's glued line, "…Evolution EquationsJoan Bruna, Eric
/// Vanden-Eijnden", into the title and the author list.
///
/// One case change is not enough: titles end in acronyms ("GNNs"), digits,
/// "?" or ")", and names hold inner capitals ("McDonald") or particles
/// ("van der"). So every glue point (a capital right after a letter, digit or
/// punctuation) is a candidate, and the leftmost one whose whole suffix reads
/// as a list of plausible names wins: any candidate left of the true one
/// drags a piece of the title into the first name, which then fails.
enum TitleAuthorSplitter {
    struct Split: Equatable {
        var title: String
        var authors: [String]
        var etAl: Bool
    }

    static func split(_ line: Substring) -> Split? {
        var text = Text.clean(line)
        var etAl = false
        for marker in [" et al.", " et al", ", et al."] where text.hasSuffix(marker) {
            text.removeLast(marker.count)
            etAl = true
            break
        }
        let chars = Array(text)
        guard chars.count >= 4 else { return nil }
        for i in 1..<chars.count {
            let before = chars[i - 1]
            guard !before.isWhitespace, before != "-", before != "'", before != "’" else { continue }
            guard chars[i].isUppercase else { continue }
            let suffix = String(chars[i...])
            guard let authors = authorList(suffix) else { continue }
            let title = String(chars[..<i]).trimmingSpaces()
            guard !title.isEmpty else { return nil }
            return Split(title: String(title), authors: authors, etAl: etAl)
        }
        return nil
    }

    /// The names of "Joan Bruna, Benjamin Peherstorfer", or nil when any
    /// part is not a plausible name.
    static func authorList(_ text: String) -> [String]? {
        var names: [String] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingSpaces()
            guard isPlausibleName(name) else { return nil }
            names.append(String(name))
        }
        return names.isEmpty ? nil : names
    }

    /// Two to six words: capitalised words, initials ("F.", "J.-P.") and
    /// particles ("van", "der"), starting and ending with a capitalised word
    /// or initial.
    static func isPlausibleName(_ name: Substring) -> Bool {
        let words = name.split(separator: " ")
        guard (2...6).contains(words.count) else { return false }
        for (index, word) in words.enumerated() {
            let isEdge = index == 0 || index == words.count - 1
            if isInitial(word) { if index == words.count - 1 { return false }; continue }
            if !isEdge, PersonName.particles.contains(String(word)) { continue }
            guard isCapitalisedWord(word) else { return false }
        }
        return true
    }

    private static func isInitial(_ word: Substring) -> Bool {
        // "F." or "J.-P."
        let pieces = word.split(separator: "-", omittingEmptySubsequences: false)
        return pieces.allSatisfy { piece in
            piece.count == 2 && piece.first!.isUppercase && piece.last == "."
        }
    }

    /// Prefixes after which a capital may stand inside a name: McDonald, DeVore, O'Neil.
    private static let innerCapitalPrefixes: Set<String> = ["Mc", "Mac", "De", "Di", "Da", "Du", "Le", "La", "Van", "Von", "O", "D"]

    /// "Bruna", "Vanden-Eijnden", "Grégoire", "McDonald", "O'Neil".
    private static func isCapitalisedWord(_ word: Substring) -> Bool {
        guard let first = word.first, first.isUppercase, first.isLetter else { return false }
        var previous = first
        var segmentStart = word.startIndex
        for index in word.indices.dropFirst() {
            let char = word[index]
            if char == "-" || char == "'" || char == "’" {
                segmentStart = word.index(after: index)
            } else if !char.isLetter {
                return false
            } else if char.isUppercase {
                let afterSeparator = previous == "-" || previous == "'" || previous == "’"
                let prefix = String(word[segmentStart..<index])
                guard afterSeparator || innerCapitalPrefixes.contains(prefix) else { return false }
            }
            previous = char
        }
        return previous.isLetter
    }
}
