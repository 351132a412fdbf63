import CCmark

/// Markdown to HTML through libcmark: smart punctuation on, raw HTML off
/// (cmark's safe default replaces it with a comment and drops unsafe links).
enum Markdown {
    /// Markdown as HTML, its formulas (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`,
    /// outside code) as MathML: each is set aside before cmark reads the
    /// text (cmark would take `\(` for an escaped parenthesis and `_` for
    /// emphasis) and put back into its output.
    static func html(_ markdown: String) -> String {
        guard markdown.containsByte(0x24) || markdown.contains("\\(") || markdown.contains("\\[") else { return cmark(markdown) }
        var formulas: [String] = []
        var text = ""
        for region in regions(markdown) {
            guard !region.code else { text += region.text; continue }
            for piece in TeXMarkup.split(region.text) {
                switch piece {
                case .prose(let prose): text += prose
                case .math(let source, let display):
                    let html = TeXMarkup.html(display ? "$$" + source + "$$" : "$" + source + "$")
                    guard html.hasPrefix("<math") else { text += display ? "$$" + source + "$$" : "$" + source + "$"; continue }
                    text += placeholder(formulas.count)
                    formulas.append(html)
                }
            }
        }
        var html = cmark(text)
        for (index, formula) in formulas.enumerated() { html = html.replacingOccurrences(of: placeholder(index), with: formula) }
        return html
    }

    /// A formula's place in the text cmark reads: private-use characters
    /// around its number, which no Markdown rule touches.
    private static func placeholder(_ index: Int) -> String { "\u{E000}\(index)\u{E001}" }

    /// The text cut into code (fenced blocks, backtick spans), where TeX is
    /// left alone, and the rest.
    static func regions(_ markdown: String) -> [(text: String, code: Bool)] {
        var regions: [(String, Bool)] = []
        var text = ""
        var fence: String?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingSpaces()
            if let open = fence {
                text += line + "\n"
                if trimmed.hasPrefix(open) { regions.append((text, true)); text = ""; fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                regions.append((text, false))
                text = line + "\n"
                fence = String(trimmed.prefix(3))
                continue
            }
            // Backtick spans within the line.
            let chars = Array(line)
            var i = 0
            while i < chars.count {
                if chars[i] == "`" {
                    var run = 0
                    while i + run < chars.count, chars[i + run] == "`" { run += 1 }
                    var j = i + run
                    var close: Int?
                    while j < chars.count {
                        if chars[j] == "`" {
                            var other = 0
                            while j + other < chars.count, chars[j + other] == "`" { other += 1 }
                            if other == run { close = j; break }
                            j += other
                        } else {
                            j += 1
                        }
                    }
                    if let close {
                        regions.append((text, false))
                        regions.append((String(chars[i..<(close + run)]), true))
                        text = ""
                        i = close + run
                        continue
                    }
                }
                text.append(chars[i])
                i += 1
            }
            text += "\n"
        }
        regions.append((text, fence != nil))
        // The split added a line end after the last line.
        if markdown.last != "\n", var last = regions.last, last.0.hasSuffix("\n") {
            last.0.removeLast()
            regions[regions.count - 1] = last
        }
        return regions.filter { !$0.0.isEmpty }.map { (text: $0.0, code: $0.1) }
    }

    private static func cmark(_ markdown: String) -> String {
        var text = markdown
        return text.withUTF8 { buffer -> String in
            guard let base = buffer.baseAddress,
                  let output = base.withMemoryRebound(to: CChar.self, capacity: buffer.count, {
                      cmark_markdown_to_html($0, buffer.count, CMARK_OPT_SMART)
                  }) else { return "" }
            defer { free(output) }
            return String(cString: output)
        }
    }

    /// The words a reader sees in `html` as cmark writes it: tags (and so
    /// link addresses) dropped, the entities cmark writes decoded, blocks
    /// joined by spaces. For the search index and plain-text places.
    static func plainText(fromHTML html: String) -> String {
        var out = ""
        var inTag = false
        for char in html {
            switch char {
            case "<": inTag = true
            case ">" where inTag: inTag = false; out.append(" ")
            default: if !inTag { out.append(char) }
            }
        }
        for (entity, text) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] where out.contains(entity) {
            out = out.replacingOccurrences(of: entity, with: text)
        }
        return Text.clean(out)
    }
}

import Glibc
