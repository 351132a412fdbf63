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
        let scalars = text.unicodeScalars
        var previous: Unicode.Scalar?
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let scalar = scalars[index]
            if let before = previous, isUpper(scalar), !isSeparator(before), before != " " {
                if let authors = authorList(text[index...]) {
                    let title = text[..<index].trimmingSpaces()
                    guard !title.isEmpty else { return nil }
                    return Split(title: String(title), authors: authors, etAl: etAl)
                }
            }
            previous = scalar
            index = scalars.index(after: index)
        }
        return nil
    }

    /// The names of "Joan Bruna, Benjamin Peherstorfer", or nil when any
    /// part is not a plausible name.
    /// Parts are read one at a time, so a candidate inside the title fails
    /// at its first part without the rest of the line being split.
    static func authorList(_ text: Substring) -> [String]? {
        var names: [String] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        while true {
            let end = bytes[start...].firstIndex(of: 0x2C) ?? bytes.endIndex
            let name = text[start..<end].trimmingSpaces()
            guard isPlausibleName(name) else { return nil }
            names.append(String(name))
            guard end != bytes.endIndex else { break }
            start = bytes.index(after: end)
        }
        return names
    }

    /// Two to six words: capitalised words, initials ("F.", "J.-P.") and
    /// particles ("van", "der"), starting and ending with a capitalised word
    /// or initial.
    static func isPlausibleName(_ name: Substring) -> Bool {
        let words = name.utf8.split(separator: 0x20).map { name[$0.startIndex..<$0.endIndex] }
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
        // "F." or "J.-P.": capital, dot, then again after each hyphen.
        var scalars = word.unicodeScalars.makeIterator()
        while true {
            guard let letter = scalars.next(), isUpper(letter), scalars.next() == "." else { return false }
            switch scalars.next() {
            case nil: return true
            case "-": continue
            default: return false
            }
        }
    }

    /// Prefixes after which a capital may stand inside a name: McDonald, DeVore, O'Neil.
    private static let innerCapitalPrefixes: Set<String> = ["Mc", "Mac", "De", "Di", "Da", "Du", "Le", "La", "Van", "Von", "O", "D"]

    /// "Bruna", "Vanden-Eijnden", "Grégoire", "McDonald", "O'Neil".
    private static func isCapitalisedWord(_ word: Substring) -> Bool {
        let scalars = word.unicodeScalars
        guard let first = scalars.first, isUpper(first) else { return false }
        var previous = first
        var segmentStart = scalars.startIndex
        var index = scalars.index(after: scalars.startIndex)
        while index != scalars.endIndex {
            let scalar = scalars[index]
            if isSeparator(scalar) {
                segmentStart = scalars.index(after: index)
            } else if !isLetter(scalar) {
                return false
            } else if isUpper(scalar) {
                let prefix = String(word[segmentStart..<index])
                guard isSeparator(previous) || innerCapitalPrefixes.contains(prefix) else { return false }
            }
            previous = scalar
            index = scalars.index(after: index)
        }
        return isLetter(previous)
    }

    private static func isSeparator(_ s: Unicode.Scalar) -> Bool { s == "-" || s == "'" || s == "’" }

    private static func isUpper(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? (0x41...0x5A).contains(s.value) : s.properties.isUppercase
    }

    /// Letters, and the combining marks that may follow one.
    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return (0x41...0x5A).contains(s.value) || (0x61...0x7A).contains(s.value) }
        return s.properties.isAlphabetic || s.properties.canonicalCombiningClass != .notReordered
    }
}
