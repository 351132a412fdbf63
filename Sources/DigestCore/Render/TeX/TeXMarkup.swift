/// Text with TeX in it (a title, an abstract) as readers should see it.
///
/// - Mathematics: inline `$…$` and `\(…\)`, display `$$…$$` and `\[…\]`
///   become MathML (`MathParser`, `MathMLWriter`). A `$` opens a formula
///   only when a character other than a space follows it, and closes one
///   only after such a character and when no digit follows, so "costs $5
///   and $10" stays prose. A formula that is never closed (a cut
///   abstract) stays text, as do formulas whose braces do not balance.
/// - Prose: `\cite{a,b}`, `\citep`, `\citet` and `\parencite` as "[a, b]";
///   `~` as a no-break space; `--` and `---` as dashes; `\emph{…}`,
///   `\textit{…}` and `\textbf{…}` as emphasis; `\%` `\&` `\$` `\#` `\_`
///   as their characters. Anything else stays as written.
///
/// `html` escapes every character of the text; `plain` gives Unicode text
/// for places that cannot hold markup.
enum TeXMarkup {
    /// Unknown commands met while converting, for `--verbose`.
    struct Stats: Sendable {
        var formulas = 0
        var unknown: [String: Int] = [:]
    }

    /// One piece of the text: prose, or a formula with its source.
    enum Piece: Equatable {
        case prose(String)
        case math(String, display: Bool)
    }

    /// True when `text` may hold TeX: a `$`, a backslash, `~` or `--`.
    /// Every title and abstract is asked, so: a memchr for each sign.
    static func mayHaveTeX(_ text: String) -> Bool {
        ByteScan.containsAny(of: [0x24, 0x5C, 0x7E], orDoubleDash: true, in: text)
    }

    /// Prose that needs more than escaping: a backslash, `~`, `--` or a brace.
    private static func proseHasTeX(_ text: String) -> Bool {
        mayHaveTeX(text) || text.containsByte(0x7B)
    }

    static func html(_ text: String) -> String {
        var stats = Stats()
        return html(text, stats: &stats)
    }

    static func html(_ text: String, stats: inout Stats) -> String {
        guard mayHaveTeX(text) else { return HTML.escape(text) }
        var out = ""
        for piece in split(text) {
            switch piece {
            case .prose(let prose): out += proseHTML(prose, stats: &stats)
            case .math(let source, let display):
                if let parsed = MathParser.parse(source) {
                    stats.formulas += 1
                    for command in parsed.unknown { stats.unknown[command, default: 0] += 1 }
                    out += MathMLWriter.math(parsed.node, source: source, display: display)
                } else {
                    out += HTML.escape(delimited(source, display: display))
                }
            }
        }
        return out
    }

    static func plain(_ text: String) -> String {
        var stats = Stats()
        return plain(text, stats: &stats)
    }

    /// Both forms at once, each formula parsed once: for the abstracts,
    /// whose HTML and plain text are both wanted.
    static func both(_ text: String, stats: inout Stats) -> (html: String, plain: String) {
        guard mayHaveTeX(text) else { return (HTML.escape(text), text) }
        var html = "", plain = ""
        for piece in split(text) {
            switch piece {
            case .prose(let prose):
                html += proseHTML(prose, stats: &stats)
                plain += proseText(prose)
            case .math(let source, let display):
                if let parsed = MathParser.parse(source) {
                    stats.formulas += 1
                    for command in parsed.unknown { stats.unknown[command, default: 0] += 1 }
                    html += MathMLWriter.math(parsed.node, source: source, display: display)
                    plain += collapseSpaces(MathMLWriter.plainText(parsed.node))
                } else {
                    html += HTML.escape(delimited(source, display: display))
                    plain += delimited(source, display: display)
                }
            }
        }
        return (html, plain)
    }

    static func plain(_ text: String, stats: inout Stats) -> String {
        guard mayHaveTeX(text) else { return text }
        var out = ""
        for piece in split(text) {
            switch piece {
            case .prose(let prose): out += proseText(prose)
            case .math(let source, let display):
                if let parsed = MathParser.parse(source) {
                    stats.formulas += 1
                    for command in parsed.unknown { stats.unknown[command, default: 0] += 1 }
                    out += collapseSpaces(MathMLWriter.plainText(parsed.node))
                } else {
                    out += delimited(source, display: display)
                }
            }
        }
        return out
    }

    /// Runs of spaces as one (relations are written with a space each side).
    private static func collapseSpaces(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previousSpace = false
        for scalar in text.unicodeScalars {
            if scalar == " " { if previousSpace { continue }; previousSpace = true } else { previousSpace = false }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    private static func delimited(_ source: String, display: Bool) -> String {
        display ? "$$" + source + "$$" : "$" + source + "$"
    }

    // MARK: Finding the formulas

    /// The text cut into prose and formulas. Works on the UTF-8 bytes: the
    /// delimiters are ASCII, and a multi-byte character never holds one.
    static func split(_ text: String) -> [Piece] {
        let bytes = Array(text.utf8)
        var pieces: [Piece] = []
        var proseStart = 0
        var i = 0
        func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        func flush(_ end: Int) { if end > proseStart { pieces.append(.prose(string(proseStart..<end))) } }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x5C, i + 1 < bytes.count {
                let next = bytes[i + 1]
                if next == 0x28 || next == 0x5B,  // \( or \[
                   let end = find(next == 0x28 ? [0x5C, 0x29] : [0x5C, 0x5D], in: bytes, from: i + 2) {
                    flush(i)
                    pieces.append(.math(string((i + 2)..<end), display: next == 0x5B))
                    i = end + 2
                    proseStart = i
                    continue
                }
                i += 2  // an escaped character (\$ among them) stays prose
                continue
            }
            if b == 0x24 {
                if i + 1 < bytes.count, bytes[i + 1] == 0x24, let end = find([0x24, 0x24], in: bytes, from: i + 2), end > i + 2 {
                    flush(i)
                    pieces.append(.math(string((i + 2)..<end), display: true))
                    i = end + 2
                    proseStart = i
                    continue
                }
                // Inline: a character other than a space after the opening
                // "$"; the closing one after such a character, no digit after.
                if i + 1 < bytes.count, !isSpace(bytes[i + 1]), bytes[i + 1] != 0x24 {
                    var j = i + 1
                    var end: Int?
                    while j < bytes.count {
                        if bytes[j] == 0x5C { j += 2; continue }
                        if bytes[j] == 0x24 {
                            if !isSpace(bytes[j - 1]), !(j + 1 < bytes.count && bytes[j + 1] >= 0x30 && bytes[j + 1] <= 0x39) { end = j }
                            break
                        }
                        j += 1
                    }
                    if let end {
                        flush(i)
                        pieces.append(.math(string((i + 1)..<end), display: false))
                        i = end + 1
                        proseStart = i
                        continue
                    }
                }
            }
            i += 1
        }
        flush(bytes.count)
        return pieces
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var j = start
        while j + needle.count <= bytes.count {
            if bytes[j] == 0x5C, needle[0] != 0x5C { j += 2; continue }
            if bytes[j] == needle[0], bytes[j + 1] == needle[1] { return j }
            j += 1
        }
        return nil
    }

    // MARK: Prose

    /// Commands of prose whose argument is shown with a tag.
    private static let emphasis: [String: String] = ["emph": "em", "textit": "em", "textbf": "strong", "textsc": "span", "texttt": "code"]
    private static let citations: Set<String> = ["cite", "citep", "citet", "parencite", "textcite", "autocite", "citealp", "citealt"]

    /// Prose pieces with their TeX turned into HTML (`html`) or text.
    private enum ProseToken { case text(String), open(String), close(String) }

    /// On the UTF-8 bytes: every character the rules look at is ASCII, and
    /// the text between them is copied as it is.
    private static func proseTokens(_ prose: String) -> [ProseToken] {
        let bytes = Array(prose.utf8)
        var tokens: [ProseToken] = []
        var text: [UInt8] = []
        var closers: [String?] = []  // per open brace: the tag it closes, if any
        var i = 0
        func flush() { if !text.isEmpty { tokens.append(.text(String(decoding: text, as: UTF8.self))); text.removeAll() } }
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        func firstIndex(of byte: UInt8, from start: Int) -> Int? { bytes[start...].firstIndex(of: byte) }
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case 0x5C where i + 1 < bytes.count:  // backslash
                let next = bytes[i + 1]
                if Array("%&$#_{}".utf8).contains(next) { text.append(next); i += 2; continue }
                guard isLetter(next) else { text.append(c); i += 1; continue }
                var j = i + 1
                while j < bytes.count, isLetter(bytes[j]) { j += 1 }
                let name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
                if citations.contains(name) {
                    // Optional [pre][post] notes, then {keys}.
                    var k = j
                    while k < bytes.count, bytes[k] == 0x5B, let close = firstIndex(of: 0x5D, from: k) { k = close + 1 }
                    if k < bytes.count, bytes[k] == 0x7B, let close = firstIndex(of: 0x7D, from: k) {
                        let keys = String(decoding: bytes[(k + 1)..<close], as: UTF8.self).split(separator: ",").map { String($0.trimmingSpaces()) }
                        // "~\cite": the no-break space stays before the bracket.
                        text += Array(("[" + keys.joined(separator: ", ") + "]").utf8)
                        i = close + 1
                        continue
                    }
                }
                if let tag = emphasis[name], j < bytes.count, bytes[j] == 0x7B, matchingBrace(bytes, j) != nil {
                    flush()
                    tokens.append(.open(tag))
                    closers.append(tag)
                    i = j + 1
                    continue
                }
                text += bytes[i..<j]
                i = j
            case 0x7B:
                // A brace of the text's own ("the set {0, 1}") stays.
                closers.append(nil)
                text.append(c)
                i += 1
            case 0x7D:
                if let closer = closers.popLast(), let tag = closer {
                    flush()
                    tokens.append(.close(tag))
                } else {
                    text.append(c)
                }
                i += 1
            case 0x7E:
                text += [0xC2, 0xA0]  // no-break space
                i += 1
            case 0x2D where i + 1 < bytes.count && bytes[i + 1] == 0x2D:
                if i + 2 < bytes.count, bytes[i + 2] == 0x2D { text += Array("—".utf8); i += 3 } else { text += Array("–".utf8); i += 2 }
            default:
                text.append(c)
                i += 1
            }
        }
        flush()
        // Tags left open (their brace was matched, so none should be).
        for closer in closers.reversed() { if let tag = closer { tokens.append(.close(tag)) } }
        return tokens
    }

    private static func matchingBrace(_ bytes: [UInt8], _ open: Int) -> Int? {
        var depth = 0
        var j = open
        while j < bytes.count {
            if bytes[j] == 0x5C { j += 2; continue }
            if bytes[j] == 0x7B { depth += 1 } else if bytes[j] == 0x7D { depth -= 1; if depth == 0 { return j } }
            j += 1
        }
        return nil
    }

    private static func proseHTML(_ prose: String, stats: inout Stats) -> String {
        guard proseHasTeX(prose) else { return HTML.escape(prose) }
        return proseTokens(prose).map { token in
            switch token {
            case .text(let text): return HTML.escape(text)
            case .open(let tag): return tag == "span" ? "<span class=\"smallcaps\">" : "<\(tag)>"
            case .close(let tag): return "</\(tag)>"
            }
        }.joined()
    }

    private static func proseText(_ prose: String) -> String {
        guard proseHasTeX(prose) else { return prose }
        return proseTokens(prose).map { if case .text(let text) = $0 { return text } else { return "" } }.joined()
    }
}

import Foundation
