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
    static func mayHaveTeX(_ text: String) -> Bool {
        text.containsByte(0x24) || text.containsByte(0x5C) || text.containsByte(0x7E) || text.contains("--")
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
        guard mayHaveTeX(text) else { return text }
        var out = ""
        for piece in split(text) {
            switch piece {
            case .prose(let prose): out += proseText(prose)
            case .math(let source, let display):
                if let parsed = MathParser.parse(source) {
                    out += MathMLWriter.plainText(parsed.node).replacingOccurrences(of: "  ", with: " ")
                } else {
                    out += delimited(source, display: display)
                }
            }
        }
        return out
    }

    private static func delimited(_ source: String, display: Bool) -> String {
        display ? "$$" + source + "$$" : "$" + source + "$"
    }

    // MARK: Finding the formulas

    /// The text cut into prose and formulas.
    static func split(_ text: String) -> [Piece] {
        let chars = Array(text)
        var pieces: [Piece] = []
        var prose = ""
        var i = 0
        func flush() { if !prose.isEmpty { pieces.append(.prose(prose)); prose = "" } }
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                let next = chars[i + 1]
                if next == "$" { prose += "\\$"; i += 2; continue }
                if next == "(" || next == "[", let end = find(next == "(" ? "\\)" : "\\]", in: chars, from: i + 2) {
                    flush()
                    pieces.append(.math(String(chars[(i + 2)..<end]), display: next == "["))
                    i = end + 2
                    continue
                }
                prose.append(c)
                prose.append(next)
                i += 2
                continue
            }
            if c == "$" {
                if i + 1 < chars.count, chars[i + 1] == "$", let end = find("$$", in: chars, from: i + 2), end > i + 2 {
                    flush()
                    pieces.append(.math(String(chars[(i + 2)..<end]), display: true))
                    i = end + 2
                    continue
                }
                if let end = inlineEnd(chars, from: i) {
                    flush()
                    pieces.append(.math(String(chars[(i + 1)..<end]), display: false))
                    i = end + 1
                    continue
                }
            }
            prose.append(c)
            i += 1
        }
        flush()
        return pieces
    }

    /// Where the `$` at `start` closes: the next `$` (not escaped) after a
    /// character that is not a space, with no digit after it; nil when the
    /// opening `$` is followed by a space or nothing closes it.
    private static func inlineEnd(_ chars: [Character], from start: Int) -> Int? {
        guard start + 1 < chars.count, !chars[start + 1].isWhitespace, chars[start + 1] != "$" else { return nil }
        var j = start + 1
        while j < chars.count {
            if chars[j] == "\\" { j += 2; continue }
            if chars[j] == "$" {
                if !chars[j - 1].isWhitespace, !(j + 1 < chars.count && chars[j + 1].isNumber) { return j }
                return nil
            }
            j += 1
        }
        return nil
    }

    private static func find(_ needle: String, in chars: [Character], from start: Int) -> Int? {
        let target = Array(needle)
        var j = start
        while j + target.count <= chars.count {
            if chars[j] == "\\", target[0] != "\\" { j += 2; continue }
            if Array(chars[j..<(j + target.count)]) == target { return j }
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

    private static func proseTokens(_ prose: String) -> [ProseToken] {
        let chars = Array(prose)
        var tokens: [ProseToken] = []
        var text = ""
        var closers: [String?] = []  // per open brace: the tag it closes, if any
        var i = 0
        func flush() { if !text.isEmpty { tokens.append(.text(text)); text = "" } }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\" where i + 1 < chars.count:
                let next = chars[i + 1]
                if "%&$#_{}".contains(next) { text.append(next); i += 2; continue }
                guard next.isASCII, next.isLetter else { text.append(c); i += 1; continue }
                var j = i + 1
                while j < chars.count, chars[j].isASCII, chars[j].isLetter { j += 1 }
                let name = String(chars[(i + 1)..<j])
                if citations.contains(name) {
                    // Optional [pre][post] notes, then {keys}.
                    var k = j
                    while k < chars.count, chars[k] == "[", let close = chars[k...].firstIndex(of: "]") { k = close + 1 }
                    if k < chars.count, chars[k] == "{", let close = chars[k...].firstIndex(of: "}") {
                        let keys = String(chars[(k + 1)..<close]).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                        // "~\cite": the no-break space stays before the bracket.
                        text += "[" + keys.joined(separator: ", ") + "]"
                        i = close + 1
                        continue
                    }
                }
                if let tag = emphasis[name], j < chars.count, chars[j] == "{", matchingBrace(chars, j) != nil {
                    flush()
                    tokens.append(.open(tag))
                    closers.append(tag)
                    i = j + 1
                    continue
                }
                text += String(chars[i..<j])
                i = j
            case "{":
                // A brace of the text's own ("the set {0, 1}") stays.
                closers.append(nil)
                text.append(c)
                i += 1
            case "}":
                if let closer = closers.popLast(), let tag = closer {
                    flush()
                    tokens.append(.close(tag))
                } else {
                    text.append(c)
                }
                i += 1
            case "~":
                text.append("\u{A0}")
                i += 1
            case "-" where i + 1 < chars.count && chars[i + 1] == "-":
                if i + 2 < chars.count, chars[i + 2] == "-" { text.append("—"); i += 3 } else { text.append("–"); i += 2 }
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

    private static func matchingBrace(_ chars: [Character], _ open: Int) -> Int? {
        var depth = 0
        for j in open..<chars.count {
            if chars[j] == "\\" { continue }
            if chars[j] == "{" { depth += 1 } else if chars[j] == "}" { depth -= 1; if depth == 0 { return j } }
        }
        return nil
    }

    private static func proseHTML(_ prose: String, stats: inout Stats) -> String {
        guard prose.containsByte(0x5C) || prose.containsByte(0x7E) || prose.contains("--") || prose.containsByte(0x7B) else {
            return HTML.escape(prose)
        }
        return proseTokens(prose).map { token in
            switch token {
            case .text(let text): return HTML.escape(text)
            case .open(let tag): return tag == "span" ? "<span class=\"smallcaps\">" : "<\(tag)>"
            case .close(let tag): return "</\(tag)>"
            }
        }.joined()
    }

    private static func proseText(_ prose: String) -> String {
        guard prose.containsByte(0x5C) || prose.containsByte(0x7E) || prose.contains("--") || prose.containsByte(0x7B) else { return prose }
        return proseTokens(prose).map { if case .text(let text) = $0 { return text } else { return "" } }.joined()
    }
}

import Foundation
