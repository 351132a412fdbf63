/// Abstracts as HTML: the listing's text escaped, LaTeX kept readable as
/// text ($\epsilon$ stays as written), and the few LaTeX text commands that
/// listings carry shown as emphasis: \emph{x}, \textit{x} → <em>, \textbf{x}
/// → <strong>. Escaping comes first, so nothing in a listing becomes markup.
public enum AbstractFormatter {
    static let commands: [(String, String)] = [("\\emph{", "em"), ("\\textit{", "em"), ("\\textbf{", "strong")]

    public static func html(_ abstract: String) -> String {
        var escaped = HTML.escape(abstract)
        guard escaped.contains("\\text") || escaped.contains("\\emph") else { return escaped }
        for (command, tag) in commands {
            while let start = escaped.range(of: command) {
                // Find the matching brace, allowing nested ones.
                var depth = 1
                var index = start.upperBound
                while index < escaped.endIndex, depth > 0 {
                    if escaped[index] == "{" { depth += 1 } else if escaped[index] == "}" { depth -= 1 }
                    if depth > 0 { index = escaped.index(after: index) }
                }
                guard index < escaped.endIndex else { break }
                let inner = escaped[start.upperBound..<index]
                escaped.replaceSubrange(start.lowerBound...index, with: "<\(tag)>\(inner)</\(tag)>")
            }
        }
        return escaped
    }
}
