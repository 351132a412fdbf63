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
}

import Glibc
