/// `MathNode`s as MathML Core, which Chromium, Firefox and Safari render
/// with no script: `<math>` (with `display="block"` for display math)
/// around `<semantics>`, whose annotation keeps the TeX source so copying
/// the formula gives it back. Text is escaped for HTML.
enum MathMLWriter {
    static func math(_ node: MathNode, source: String, display: Bool) -> String {
        var out = display ? "<math display=\"block\">" : "<math>"
        out.reserveCapacity(256 + source.utf8.count * 12)
        out += "<semantics>"
        // The annotation needs one element before it: a row when in doubt.
        if case .row(let items) = node, items.count != 1 { write(node, into: &out) } else { write(.row([node]), into: &out) }
        out += "<annotation encoding=\"application/x-tex\">" + HTML.escape(source) + "</annotation></semantics></math>"
        return out
    }

    /// `<semantics>` and each argument of `<msub>`, `<mfrac>`… is one
    /// element: a node as it is, a row of several in `<mrow>`, a row of
    /// one as that one (the markup stays small: a page may hold hundreds).
    private static func asRow(_ node: MathNode) -> MathNode {
        if case .row(let items) = node, items.count == 1 { return asRow(items[0]) }
        if case .space = node { return .row([node]) }
        return node
    }

    static func write(_ node: MathNode, into out: inout String) {
        switch node {
        case .row(let items):
            out += "<mrow>"
            for item in items { write(item, into: &out) }
            out += "</mrow>"
        case .identifier(let text, let upright):
            // A single letter is italic by default; "normal" sets it upright.
            out += upright && text.count == 1 ? "<mi mathvariant=\"normal\">" : "<mi>"
            out += HTML.escape(text) + "</mi>"
        case .number(let digits):
            out += "<mn>" + HTML.escape(digits) + "</mn>"
        case .op(let text, let largeOp, let limits, let stretchy, let fence):
            var attributes = ""
            if largeOp { attributes += " largeop=\"true\"" }
            if limits { attributes += " movablelimits=\"true\"" }
            if let stretchy { attributes += " stretchy=\"\(stretchy)\"" }
            if fence { attributes += " fence=\"true\"" }
            out += "<mo\(attributes)>" + HTML.escape(text) + "</mo>"
        case .text(let text):
            out += "<mtext>" + HTML.escape(text) + "</mtext>"
        case .space(let width):
            // MathML Core has no negative space: `\!` is left out.
            if !width.hasPrefix("-") { out += "<mspace width=\"\(width)\"></mspace>" }
        case .fraction(let numerator, let denominator, let line):
            out += line ? "<mfrac>" : "<mfrac linethickness=\"0\">"
            write(asRow(numerator), into: &out)
            write(asRow(denominator), into: &out)
            out += "</mfrac>"
        case .root(let body, let index):
            if let index {
                out += "<mroot>"
                write(asRow(body), into: &out)
                write(asRow(index), into: &out)
                out += "</mroot>"
            } else {
                out += "<msqrt>"
                write(body, into: &out)
                out += "</msqrt>"
            }
        case .scripts(let base, let sub, let sup, let under):
            let tag: String
            switch (sub != nil, sup != nil) {
            case (true, true): tag = under ? "munderover" : "msubsup"
            case (true, false): tag = under ? "munder" : "msub"
            default: tag = under ? "mover" : "msup"
            }
            out += "<\(tag)>"
            write(asRow(base), into: &out)
            if let sub { write(asRow(sub), into: &out) }
            if let sup { write(asRow(sup), into: &out) }
            out += "</\(tag)>"
        case .accent(let base, let mark, let stretchy, let under):
            let tag = under ? "munder" : "mover"
            out += under ? "<munder accentunder=\"true\">" : "<mover accent=\"true\">"
            write(asRow(base), into: &out)
            out += "<mo stretchy=\"\(stretchy)\">" + HTML.escape(mark) + "</mo>"
            out += "</\(tag)>"
        case .fenced(let open, let body, let close):
            out += "<mrow>"
            if !open.isEmpty { out += "<mo fence=\"true\" form=\"prefix\">" + HTML.escape(open) + "</mo>" }
            write(body, into: &out)
            if !close.isEmpty { out += "<mo fence=\"true\" form=\"postfix\">" + HTML.escape(close) + "</mo>" }
            out += "</mrow>"
        case .unknown(let source):
            // Kept visible as its source, styled as code.
            out += "<mtext class=\"tex-unknown\">" + HTML.escape(source) + "</mtext>"
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
