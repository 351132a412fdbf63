/// Parses Mustache templates (the spec's tags, set delimiters and
/// inheritance; no lambdas) into a tree, with the spec's standalone rule: a
/// line holding only non-interpolating tags and white space is removed, and
/// its indentation goes to the partials and parents on it.

struct MustacheParser {
    enum Node {
        case text(String)
        case variable(name: Name, escaped: Bool, line: Int)
        case section(name: Name, inverted: Bool, children: [Node], line: Int)
        case partial(name: String, indent: String, line: Int)
        /// `{{$name}}`: `indent` is the block's indentation where it is
        /// standalone; `oneLine` when open and close share a standalone line.
        case block(name: String, children: [Node], indent: String?, oneLine: Bool)
        case parent(name: String, indent: String, overrides: [Node], line: Int)
    }

    /// A tag's name, split at its dots once, when the template is parsed:
    /// "." is the current item; "a.b" finds "a" on the context stack, then
    /// "b" inside it.
    struct Name {
        let text: String
        /// Each part with its hash, as `TemplateObject` finds fields; empty for ".".
        let parts: [(name: String, hash: UInt64)]

        init(_ text: String) {
            self.text = text
            parts = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map {
                (String($0), TemplateObject.hash(String($0)))
            }
        }
    }

    struct ParseError: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { message }
    }

    private enum Item {
        case text(String)
        case newline(String)
        case tag(Tag)
    }

    private struct Tag {
        var sigil: Character?
        var name: String
        var line: Int
        var indent = ""
        var standalone = false
        /// A block whose opening and closing tags share one standalone line.
        var oneLineBlock = false
        var canStandAlone: Bool { sigil != nil && sigil != "&" && sigil != "{" }
    }

    static func parse(_ template: String) throws -> [Node] {
        let items = applyStandalone(try tokenize(template))
        var index = 0
        return try build(items, &index, closing: nil, depth: 0)
    }

    // MARK: Tokens

    private static func tokenize(_ template: String) throws -> [Item] {
        let chars = Array(template.unicodeScalars)
        var open: [Unicode.Scalar] = ["{", "{"]
        var close: [Unicode.Scalar] = ["}", "}"]
        var items: [Item] = []
        var line = 1
        var i = 0
        var text = String.UnicodeScalarView()

        func flushText() {
            if !text.isEmpty { items.append(.text(String(text))); text = String.UnicodeScalarView() }
        }
        func matches(_ delimiter: [Unicode.Scalar], at position: Int) -> Bool {
            guard position + delimiter.count <= chars.count else { return false }
            for k in 0..<delimiter.count where chars[position + k] != delimiter[k] { return false }
            return true
        }

        while i < chars.count {
            if chars[i] == "\n" {
                var newline = "\n"
                if text.last == "\r" { text.removeLast(); newline = "\r\n" }
                flushText()
                items.append(.newline(newline))
                line += 1
                i += 1
                continue
            }
            guard matches(open, at: i) else { text.append(chars[i]); i += 1; continue }
            flushText()
            let tagLine = line
            var j = i + open.count
            var sigil: Character?
            if j < chars.count, "#^/>!=&{$<".unicodeScalars.contains(chars[j]) { sigil = Character(chars[j]); j += 1 }
            var closing = close
            if sigil == "{" { closing = ["}"] + close }
            if sigil == "=" { closing = ["="] + close }
            var end = j
            while end < chars.count, !matches(closing, at: end) { end += 1 }
            guard end < chars.count else {
                throw ParseError(line: tagLine, message: "unclosed tag (expected \"\(String(String.UnicodeScalarView(closing)))\")")
            }
            let content = String(String.UnicodeScalarView(chars[j..<end]))
            line += content.filter { $0 == "\n" }.count
            i = end + closing.count
            let name = content.trimmingCharacters(in: .whitespaces)
            if sigil == "=" {
                let parts = name.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard parts.count == 2 else {
                    throw ParseError(line: tagLine, message: "set-delimiter tag needs two delimiters, found \"\(name)\"")
                }
                open = Array(parts[0].unicodeScalars); close = Array(parts[1].unicodeScalars)
            }
            if sigil != "!" && sigil != "=" && name.isEmpty {
                throw ParseError(line: tagLine, message: "empty tag")
            }
            items.append(.tag(Tag(sigil: sigil, name: name, line: tagLine)))
        }
        flushText()
        return items
    }

    /// Marks standalone lines: drops their white space and newline, and
    /// records their indentation on the tags.
    private static func applyStandalone(_ items: [Item]) -> [Item] {
        var out: [Item] = []
        var lineStart = 0
        while lineStart < items.count {
            var end = lineStart
            while end < items.count, !{ if case .newline = items[end] { return true }; return false }() { end += 1 }
            let line = Array(items[lineStart..<min(end + 1, items.count)])
            var tags = 0
            var standalone = true
            var indent = ""
            var seenTag = false
            for item in line {
                switch item {
                case .tag(let tag):
                    tags += 1
                    seenTag = true
                    if !tag.canStandAlone { standalone = false }
                case .text(let text):
                    if !text.allSatisfy({ $0 == " " || $0 == "\t" }) { standalone = false }
                    if !seenTag { indent += text }
                case .newline:
                    break
                }
            }
            if standalone, tags > 0 {
                let blockTags = line.compactMap { item -> Tag? in if case .tag(let t) = item { return t }; return nil }
                let oneLineBlock = blockTags.count == 2 && blockTags[0].sigil == "$" && blockTags[1].sigil == "/"
                for item in line {
                    guard case .tag(var tag) = item else { continue }
                    tag.indent = indent
                    tag.standalone = true
                    tag.oneLineBlock = oneLineBlock && tag.sigil == "$"
                    out.append(.tag(tag))
                }
            } else {
                out.append(contentsOf: line)
            }
            lineStart = end + 1
        }
        return out
    }

    // MARK: Tree

    /// Sections, blocks and parents nested deeper than this are an error:
    /// real templates nest a handful deep, and the tree is walked by
    /// recursion, which must not run out of stack.
    static let maxNesting = 60

    private static func build(_ items: [Item], _ index: inout Int, closing: Tag?, depth: Int) throws -> [Node] {
        if depth > maxNesting, let closing {
            throw ParseError(line: closing.line, message: "sections nested more than \(maxNesting) deep; is a closing tag missing?")
        }
        var nodes: [Node] = []
        while index < items.count {
            let item = items[index]
            index += 1
            switch item {
            case .text(let text), .newline(let text):
                if case .text(let previous)? = nodes.last {
                    nodes[nodes.count - 1] = .text(previous + text)
                } else {
                    nodes.append(.text(text))
                }
            case .tag(let tag):
                switch tag.sigil {
                case nil, "&", "{":
                    nodes.append(.variable(name: Name(tag.name), escaped: tag.sigil == nil, line: tag.line))
                case "!", "=":
                    continue
                case ">":
                    nodes.append(.partial(name: tag.name, indent: tag.standalone ? tag.indent : "", line: tag.line))
                case "/":
                    guard let closing else {
                        throw ParseError(line: tag.line, message: "closing tag {{/\(tag.name)}} without an opening tag")
                    }
                    guard closing.name == tag.name else {
                        throw ParseError(line: tag.line, message: "{{/\(tag.name)}} closes {{\(closing.sigil!)\(closing.name)}} opened on line \(closing.line)")
                    }
                    return nodes
                default:
                    let children = try build(items, &index, closing: tag, depth: depth + 1)
                    switch tag.sigil {
                    case "#", "^":
                        nodes.append(.section(name: Name(tag.name), inverted: tag.sigil == "^", children: children, line: tag.line))
                    case "$":
                        let oneLine = tag.oneLineBlock
                        let name = tag.name
                        var indent: String? = nil
                        if tag.standalone {
                            indent = tag.indent
                            if !oneLine, case .text(let first)? = children.first {
                                indent = String(first.prefix { $0 == " " || $0 == "\t" })
                            }
                        }
                        nodes.append(.block(name: name, children: children, indent: indent, oneLine: oneLine))
                    default:
                        let overrides = children.filter { if case .block = $0 { return true }; return false }
                        nodes.append(.parent(name: tag.name, indent: tag.standalone ? tag.indent : "", overrides: overrides, line: tag.line))
                    }
                }
            }
        }
        if let closing {
            throw ParseError(line: closing.line, message: "{{\(closing.sigil!)\(closing.name)}} is never closed")
        }
        return nodes
    }
}
