/// A formula's TeX as a small tree, which `MathMLWriter` writes as MathML
/// and `plainText` as Unicode text.
indirect enum MathNode: Equatable {
    case row([MathNode])
    /// `<mi>`: a letter (italic when single), a named function (upright).
    case identifier(String, upright: Bool)
    case number(String)
    /// `<mo>`; `largeOp` for ∑ ∫ …, `limits` for operators that take their
    /// scripts below and above in display math.
    case op(String, largeOp: Bool = false, limits: Bool = false, stretchy: Bool? = nil, fence: Bool = false)
    case text(String)
    case space(String)
    case fraction(MathNode, MathNode, line: Bool)
    case root(MathNode, index: MathNode?)
    /// `under` puts the scripts below and above (limits); else beside.
    case scripts(MathNode, sub: MathNode?, sup: MathNode?, under: Bool)
    case accent(MathNode, mark: String, stretchy: Bool, under: Bool)
    /// `\left( … \right)`: fences that stretch with their content.
    case fenced(open: String, MathNode, close: String)
    /// A command this converter does not know, kept as its source.
    case unknown(String)
}

/// TeX math to `MathNode`s: tokens (commands, characters, groups), then
/// atoms with their sub- and superscripts. Never fails: an unknown command
/// becomes `.unknown` with its source, so no text is lost; `parse` returns
/// nil only when the braces do not balance, and the formula then stays
/// text.
struct MathParser {
    private let tokens: [String]
    private var position = 0
    /// Unknown commands met, for `--verbose`.
    private(set) var unknown: [String] = []

    /// Commands this converter knows but that only change spacing or size:
    /// they are left out.
    static let ignored: Set<String> = ["displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle", "limits", "nolimits",
                                       "nonumber", "notag", "label", "allowbreak", "left.", "right.", "middle", "big", "Big",
                                       "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
                                       "bigm", "Bigm", "mathopen", "mathclose", "mathord", "mathrel", "mathbin", "mathop"]

    /// Brackets written without `\\left`/`\\right`: they keep their size.
    static let plainFences: Set<String> = ["(", ")", "[", "]", "|"]

    static func parse(_ source: String) -> (node: MathNode, unknown: [String])? {
        guard let tokens = tokenize(source) else { return nil }
        var parser = MathParser(tokens: tokens)
        let node = parser.row(until: nil)
        return (node, parser.unknown)
    }

    private init(tokens: [String]) { self.tokens = tokens }

    /// Commands (`\alpha`, `\,`), single characters, "{" "}", and " " for
    /// a run of white space (kept for `\text{…}`); nil when the braces do
    /// not balance.
    static func tokenize(_ source: String) -> [String]? {
        // On the UTF-8 bytes: commands and the characters with a meaning
        // are ASCII; any other character is one token with the combining
        // marks after it (U+0300–U+036F: lead bytes CC and CD).
        var tokens: [String] = []
        let bytes = Array(source.utf8)
        var i = 0
        var depth = 0
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        /// The end of the character at `j` (a lead byte and its continuations).
        func characterEnd(_ j: Int) -> Int {
            var k = j + 1
            while k < bytes.count, bytes[k] & 0xC0 == 0x80 { k += 1 }
            return k
        }
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x5C {
                guard i + 1 < bytes.count else { tokens.append("\\"); break }
                if isLetter(bytes[i + 1]) {
                    var j = i + 1
                    while j < bytes.count, isLetter(bytes[j]) { j += 1 }
                    tokens.append(String(decoding: bytes[i..<j], as: UTF8.self))
                    i = j
                } else {
                    let end = characterEnd(i + 1)
                    tokens.append(String(decoding: bytes[i..<end], as: UTF8.self))
                    i = end
                }
                continue
            }
            if c == 0x7B { depth += 1 } else if c == 0x7D { depth -= 1; if depth < 0 { return nil } }
            if isSpace(c) {
                if tokens.last != " " { tokens.append(" ") }
                i += 1
                continue
            }
            var end = characterEnd(i)
            while end + 1 < bytes.count, bytes[end] == 0xCC || bytes[end] == 0xCD { end = characterEnd(end) }
            tokens.append(String(decoding: bytes[i..<end], as: UTF8.self))
            i = end
        }
        return depth == 0 ? tokens : nil
    }

    private var atEnd: Bool { position >= tokens.count }
    private var current: String? { atEnd ? nil : tokens[position] }

    /// White space separates tokens and means nothing else in math.
    private mutating func skipSpaces() {
        while current == " " { position += 1 }
    }

    private mutating func next() -> String? {
        defer { position += 1 }
        return current
    }

    /// Atoms up to `end` (consumed) or the end of the tokens.
    private mutating func row(until end: String?) -> MathNode {
        var items: [MathNode] = []
        while case _ = skipSpaces(), let token = current {
            if token == end { position += 1; break }
            if token == "}" { position += 1; continue }  // an extra closer inside \left…\right
            if token == "^" || token == "_" || token == "'" {
                // Scripts with nothing before them attach to an empty base.
                items.append(scripted(.row([])))
                continue
            }
            guard let atom = atom() else { continue }
            items.append(scripted(atom))
        }
        return items.count == 1 ? items[0] : .row(items)
    }

    /// `base` with the `_`, `^` and primes that follow it.
    private mutating func scripted(_ base: MathNode) -> MathNode {
        var sub: MathNode?, sup: MathNode?
        var primes = 0
        while case _ = skipSpaces(), let token = current {
            if token == "'" { primes += 1; position += 1; continue }
            if token == "_", sub == nil { position += 1; sub = argument(); continue }
            if token == "^", sup == nil { position += 1; sup = argument(); continue }
            break
        }
        if primes > 0 {
            let mark = MathNode.op(String(repeating: "′", count: primes))
            sup = sup.map { .row([mark, $0]) } ?? mark
        }
        guard sub != nil || sup != nil else { return base }
        return .scripts(base, sub: sub, sup: sup, under: Self.takesLimits(base))
    }

    private static func takesLimits(_ node: MathNode) -> Bool {
        if case .op(_, _, let limits, _, _) = node { return limits }
        if case .accent(_, _, _, true) = node { return true }
        if case .accent(_, let mark, _, false) = node, mark == "⏞" { return true }
        return false
    }

    /// One argument: a group, or one token as an atom.
    private mutating func argument() -> MathNode {
        skipSpaces()
        guard let token = current else { return .row([]) }
        if token == "{" {
            position += 1
            return row(until: "}")
        }
        return atom() ?? .row([])
    }

    /// An optional `[…]` argument, as its tokens' row.
    private mutating func optionalArgument() -> MathNode? {
        skipSpaces()
        guard current == "[" else { return nil }
        position += 1
        var items: [MathNode] = []
        // `atom` always takes a token, so the loop moves on.
        while case _ = skipSpaces(), let token = current, token != "]" {
            if let atom = atom() { items.append(scripted(atom)) }
        }
        position += 1
        return items.count == 1 ? items[0] : .row(items)
    }

    /// The raw text of a `{…}` argument (for `\text`, `\operatorname`).
    private mutating func rawArgument() -> String {
        skipSpaces()
        guard current == "{" else { return next() ?? "" }
        position += 1
        var depth = 1
        var text = ""
        while let token = next() {
            if token == "{" { depth += 1 } else if token == "}" { depth -= 1; if depth == 0 { break } }
            text += token
        }
        return text
    }

    private mutating func atom() -> MathNode? {
        skipSpaces()
        guard let token = next() else { return nil }
        if token == "{" { return row(until: "}") }
        if token.hasPrefix("\\") { return command(String(token.dropFirst())) }
        func isDigit(_ token: String?) -> Bool { token?.utf8.count == 1 && token!.utf8.first! >= 0x30 && token!.utf8.first! <= 0x39 }
        if isDigit(token) || (token == "." && isDigit(current)) {
            var digits = token
            while let more = current, isDigit(more) || (more == "." && position + 1 < tokens.count && isDigit(tokens[position + 1])) {
                digits += more
                position += 1
            }
            return .number(digits)
        }
        // A letter: ASCII by its byte, any other by its properties.
        if let first = token.utf8.first, first < 0x80 ? (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A : token.unicodeScalars.first!.properties.isAlphabetic {
            return .identifier(token, upright: false)
        }
        switch token {
        case "-": return .op("−")
        case "*": return .op("∗")
        case "<", ">", "=": return .op(token)
        case "~": return .space("0.25em")
        case "&": return nil  // alignment: not supported, left out
        default: return .op(token, stretchy: Self.plainFences.contains(token) ? false : nil)
        }
    }

    private mutating func command(_ name: String) -> MathNode? {
        if let letter = TeXSymbols.greek[name] {
            // Uppercase Greek is upright in TeX.
            return .identifier(letter, upright: name.first!.isUppercase && !name.hasPrefix("var"))
        }
        if let symbol = TeXSymbols.symbols[name] {
            switch symbol.kind {
            case .identifier: return .identifier(symbol.text, upright: true)
            case .op, .relation: return .op(symbol.text)
            case .largeOp: return .op(symbol.text, largeOp: true, limits: !TeXSymbols.integrals.contains(name))
            }
        }
        if let function = TeXSymbols.functions[name] {
            return function.limits ? .op(function.text, limits: true) : .identifier(function.text, upright: true)
        }
        if let width = TeXSymbols.spaces[name] { return .space(width) }
        if Self.ignored.contains(name) {
            skipSpaces()
            if name.hasPrefix("big") || name.hasPrefix("Big"), let token = current, let fence = TeXSymbols.delimiter(token) {
                position += 1
                return .op(fence, stretchy: false)
            }
            if name == "label" { _ = rawArgument() }
            return nil
        }
        if let font = TeXSymbols.fonts[name] { return styled(argument(), font) }
        if let accent = TeXSymbols.accents[name] {
            return .accent(argument(), mark: accent.mark, stretchy: accent.stretchy, under: accent.under)
        }
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac": return .fraction(argument(), argument(), line: true)
        case "binom", "dbinom", "tbinom":
            return .row([.op("(", stretchy: true), .fraction(argument(), argument(), line: false), .op(")", stretchy: true)])
        case "sqrt":
            let index = optionalArgument()
            return .root(argument(), index: index)
        case "text", "textrm", "textnormal", "mbox", "textup", "hbox", "textit", "textbf", "texttt", "textsf":
            return .text(TeXSymbols.plainText(rawArgument()))
        case "operatorname", "operatornamewithlimits":
            let limits = current == "*" || name == "operatornamewithlimits"
            if current == "*" { position += 1 }
            let text = TeXSymbols.plainText(rawArgument()).trimmingSpaces().description
            return limits ? .op(text, limits: true) : .identifier(text, upright: true)
        case "left":
            skipSpaces()
            let open = next().flatMap(TeXSymbols.delimiter) ?? ""
            let body = row(until: "\\right")
            skipSpaces()
            let close = next().flatMap(TeXSymbols.delimiter) ?? ""
            return .fenced(open: open, body, close: close)
        case "right":
            skipSpaces()
            _ = next()
            return nil
        case "not":
            guard let negated = atom() else { return .op("̸") }
            if case .op(let text, _, _, _, _) = negated { return .op(text + "\u{338}") }
            return .row([negated, .op("\u{338}")])
        case "stackrel", "overset":
            let over = argument()
            return .scripts(argument(), sub: nil, sup: over, under: true)
        case "underset":
            let under = argument()
            return .scripts(argument(), sub: under, sup: nil, under: true)
        case "pmod":
            return .row([.op("("), .identifier("mod", upright: true), .space("0.2778em"), argument(), .op(")")])
        case "bmod", "mod": return .identifier("mod", upright: true)
        case "\\", "newline", "cr": return .space("1em")
        default:
            unknown.append("\\" + name)
            return .unknown("\\" + name)
        }
    }

    /// A node with every letter and digit in `font`.
    private func styled(_ node: MathNode, _ font: TeXSymbols.Font) -> MathNode {
        // `\mathrm{ReLU}`, `\mathit{loss}`: one word, not four letters.
        if case .row(let items) = node, items.count > 1,
           case let letters = items.compactMap({ item -> String? in
               if case .identifier(let text, _) = item { return text }
               if case .number(let digits) = item { return digits }
               return nil
           }), letters.count == items.count {
            let word = letters.joined()
            return .identifier(font == .normal ? word : word.map { TeXSymbols.styled($0, font) ?? String($0) }.joined(), upright: true)
        }
        switch node {
        case .identifier(let text, let upright):
            if font == .normal { return .identifier(text, upright: true) }
            let mapped = text.map { TeXSymbols.styled($0, font) ?? String($0) }.joined()
            return .identifier(mapped, upright: upright || text.count > 1 || mapped != text)
        case .number(let digits):
            if font == .normal { return node }
            return .number(digits.map { TeXSymbols.styled($0, font) ?? String($0) }.joined())
        case .row(let items): return .row(items.map { styled($0, font) })
        case .scripts(let base, let sub, let sup, let under): return .scripts(styled(base, font), sub: sub, sup: sup, under: under)
        default: return node
        }
    }
}

extension TeXSymbols {
    /// The text of a `\text{…}` argument: TeX's escapes as characters.
    static func plainText(_ raw: String) -> String {
        var out = ""
        var chars = raw.makeIterator()
        while let c = chars.next() {
            guard c == "\\" else { out.append(c == "~" ? "\u{A0}" : c); continue }
            guard let n = chars.next() else { break }
            switch n {
            case ",", ";", ":", " ", ">", "\\": out.append(" ")
            case "!": break
            default: out.append(n)
            }
        }
        return out
    }
}
