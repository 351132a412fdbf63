/// Abstracts as HTML: the listing's text escaped, LaTeX kept readable as
/// text ($\epsilon$ stays as written), and the few LaTeX text commands that
/// listings carry shown as emphasis: \emph{x}, \textit{x} → <em>, \textbf{x}
/// → <strong>. Escaping comes first, so nothing in a listing becomes markup.
enum AbstractFormatter {
    static let commands: [(name: [UInt8], tag: [UInt8])] = [
        (Array("\\emph{".utf8), Array("em".utf8)),
        (Array("\\textit{".utf8), Array("em".utf8)),
        (Array("\\textbf{".utf8), Array("strong".utf8)),
    ]

    static func html(_ abstract: String) -> String {
        var escaped = HTML.escape(abstract)
        guard escaped.containsByte(0x5C) else { return escaped }
        return escaped.withUTF8 { String(decoding: format(Array($0)), as: UTF8.self) }
    }

    /// Replaces each command whose brace closes with its tag, in one pass
    /// (braces are matched first, with a stack); an unclosed one stays text.
    static func format(_ bytes: [UInt8]) -> [UInt8] {
        var closing = [Int](repeating: -1, count: bytes.count)
        var open: [Int] = []
        for (i, byte) in bytes.enumerated() {
            if byte == 0x7B { open.append(i) } else if byte == 0x7D, let start = open.popLast() { closing[start] = i }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 32)
        var closers: [Int: [UInt8]] = [:]
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x5C, let command = commands.first(where: { starts(bytes, at: i, with: $0.name) }),
               case let brace = i + command.name.count - 1, closing[brace] >= 0 {
                out += [0x3C] + command.tag + [0x3E]
                closers[closing[brace]] = command.tag
                i = brace + 1
            } else if let tag = closers[i] {
                out += [0x3C, 0x2F] + tag + [0x3E]
                i += 1
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    static func starts(_ bytes: [UInt8], at index: Int, with prefix: [UInt8]) -> Bool {
        index + prefix.count <= bytes.count && bytes[index..<index + prefix.count].elementsEqual(prefix)
    }
}
