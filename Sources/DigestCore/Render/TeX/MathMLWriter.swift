/// `MathNode`s as MathML Core, which Chromium, Firefox and Safari render
/// with no script: `<math>` (with `display="block"` for display math)
/// around `<semantics>`, whose annotation keeps the TeX source so copying
/// the formula gives it back. Text is escaped for HTML.
enum MathMLWriter {
    static func math(_ node: MathNode, source: String, display: Bool) -> String {
        var out = Bytes()
        out.bytes.reserveCapacity(256 + source.utf8.count * 12)
        out.raw(display ? "<math display=\"block\"><semantics>" : "<math><semantics>")
        // The annotation needs one element before it: a row when in doubt.
        if case .row(let items) = node, items.count != 1 { write(node, into: &out) } else { write(.row([node]), into: &out) }
        out.raw("<annotation encoding=\"application/x-tex\">")
        out.text(source)
        out.raw("</annotation></semantics></math>")
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// The output as bytes: fixed markup copied as it is, text escaped.
    struct Bytes {
        var bytes: [UInt8] = []
        mutating func raw(_ text: StaticString) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        mutating func text(_ text: String) { HTML.escape(text, into: &bytes) }
    }

    /// `<semantics>` and each argument of `<msub>`, `<mfrac>`… is one
    /// element: a node as it is, a row of several in `<mrow>`, a row of
    /// one as that one (the markup stays small: a page may hold hundreds).
    private static func asRow(_ node: MathNode) -> MathNode {
        if case .row(let items) = node, items.count == 1 { return asRow(items[0]) }
        if case .space = node { return .row([node]) }
        return node
    }

    static func write(_ node: MathNode, into out: inout Bytes) {
        switch node {
        case .row(let items):
            out.raw("<mrow>")
            for item in items { write(item, into: &out) }
            out.raw("</mrow>")
        case .identifier(let text, let upright):
            // A single letter is italic by default; "normal" sets it upright.
            out.raw(upright && text.count == 1 ? "<mi mathvariant=\"normal\">" : "<mi>")
            out.text(text)
            out.raw("</mi>")
        case .number(let digits):
            out.raw("<mn>")
            out.text(digits)
            out.raw("</mn>")
        case .op(let text, let largeOp, let limits, let stretchy, let fence):
            out.raw("<mo")
            if largeOp { out.raw(" largeop=\"true\"") }
            if limits { out.raw(" movablelimits=\"true\"") }
            if let stretchy { out.raw(stretchy ? " stretchy=\"true\"" : " stretchy=\"false\"") }
            if fence { out.raw(" fence=\"true\"") }
            out.raw(">")
            out.text(text)
            out.raw("</mo>")
        case .text(let text):
            out.raw("<mtext>")
            out.text(text)
            out.raw("</mtext>")
        case .space(let width):
            // MathML Core has no negative space: `\!` is left out.
            if !width.hasPrefix("-") {
                out.raw("<mspace width=\"")
                out.text(width)
                out.raw("\"></mspace>")
            }
        case .fraction(let numerator, let denominator, let line):
            out.raw(line ? "<mfrac>" : "<mfrac linethickness=\"0\">")
            write(asRow(numerator), into: &out)
            write(asRow(denominator), into: &out)
            out.raw("</mfrac>")
        case .root(let body, let index):
            if let index {
                out.raw("<mroot>")
                write(asRow(body), into: &out)
                write(asRow(index), into: &out)
                out.raw("</mroot>")
            } else {
                out.raw("<msqrt>")
                write(body, into: &out)
                out.raw("</msqrt>")
            }
        case .scripts(let base, let sub, let sup, let under):
            let (open, close): (StaticString, StaticString)
            switch (sub != nil, sup != nil) {
            case (true, true): (open, close) = under ? ("<munderover>", "</munderover>") : ("<msubsup>", "</msubsup>")
            case (true, false): (open, close) = under ? ("<munder>", "</munder>") : ("<msub>", "</msub>")
            default: (open, close) = under ? ("<mover>", "</mover>") : ("<msup>", "</msup>")
            }
            out.raw(open)
            write(asRow(base), into: &out)
            if let sub { write(asRow(sub), into: &out) }
            if let sup { write(asRow(sup), into: &out) }
            out.raw(close)
        case .accent(let base, let mark, let stretchy, let under):
            out.raw(under ? "<munder accentunder=\"true\">" : "<mover accent=\"true\">")
            write(asRow(base), into: &out)
            out.raw(stretchy ? "<mo stretchy=\"true\">" : "<mo stretchy=\"false\">")
            out.text(mark)
            out.raw("</mo>")
            out.raw(under ? "</munder>" : "</mover>")
        case .fenced(let open, let body, let close):
            out.raw("<mrow>")
            if !open.isEmpty {
                out.raw("<mo fence=\"true\" form=\"prefix\">")
                out.text(open)
                out.raw("</mo>")
            }
            write(body, into: &out)
            if !close.isEmpty {
                out.raw("<mo fence=\"true\" form=\"postfix\">")
                out.text(close)
                out.raw("</mo>")
            }
            out.raw("</mrow>")
        case .unknown(let source):
            // Kept visible as its source, styled as code.
            out.raw("<mtext class=\"tex-unknown\">")
            out.text(source)
            out.raw("</mtext>")
        }
    }

    /// The formula as plain Unicode text, for places that cannot hold
    /// MathML (a page's <title>, meta tags, search cards, feed titles):
    /// letters and symbols as characters, scripts as Unicode sub- and
    /// superscripts where every character has one ("x²", "wₖ"), else
    /// "_(…)"/"^(…)", fractions as "a/b".
    static func plainText(_ node: MathNode) -> String {
        switch node {
        case .row(let items): return items.map(plainText).joined()
        case .identifier(let text, _): return text
        case .number(let digits): return digits
        case .op(let text, _, _, _, _):
            return ["=", "<", ">", "≤", "≥", "≠", "≈", "∼", "→", "∈", "⊂", "⊆", "+", "−", "×", "⋅", "∣"].contains(text) ? " \(text) " : text
        case .text(let text): return text
        case .space: return " "
        case .fraction(let a, let b, let line):
            let top = plainText(a), bottom = plainText(b)
            return line ? group(top) + "/" + group(bottom) : "(\(top) choose \(bottom))"
        case .root(let body, let index):
            return (index.map { "(" + plainText($0) + ")" } ?? "") + "√" + group(plainText(body))
        case .scripts(let base, let sub, let sup, _):
            var text = plainText(base)
            if let sub { text += script(plainText(sub), TeXSymbols.subscripts, marker: "_") }
            if let sup { text += script(plainText(sup), TeXSymbols.superscripts, marker: "^") }
            return text
        case .accent(let base, let mark, _, _):
            let text = plainText(base)
            let combining: [String: String] = ["^": "\u{302}", "~": "\u{303}", "¯": "\u{304}", "→": "\u{20D7}", "˙": "\u{307}", "¨": "\u{308}"]
            if text.count == 1, let mark = combining[mark] { return text + mark }
            return text
        case .fenced(let open, let body, let close): return open + plainText(body) + close
        case .unknown(let source): return source
        }
    }

    private static func group(_ text: String) -> String {
        text.count <= 1 || text.allSatisfy({ $0.isLetter || $0.isNumber }) ? text : "(" + text + ")"
    }

    private static func script(_ text: String, _ table: [Character: Character], marker: String) -> String {
        let trimmed = String(text.trimmingSpaces())
        if !trimmed.isEmpty, trimmed.allSatisfy({ table[$0] != nil }) { return String(trimmed.map { table[$0]! }) }
        return marker + (trimmed.count == 1 ? trimmed : "(" + trimmed + ")")
    }
}

import Foundation
