import CCmark

/// Markdown to HTML through libcmark: smart punctuation on, raw HTML off
/// (cmark's safe default replaces it with a comment and drops unsafe links).
enum Markdown {
    static func html(_ markdown: String) -> String {
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
