import Foundation

/// A set of named templates that can include each other as partials and
/// parents. Parsed once; rendering is thread-safe and allocation-light.
final class MustacheLibrary: @unchecked Sendable {
    typealias Node = MustacheParser.Node

    private var templates: [String: [Node]] = [:]
    /// Where each template came from, for messages: "Templates/paper.mustache".
    private let files: [String: String]
    private var indented: [String: [Node]] = [:]
    private let lock = NSLock()

    /// `sources` maps template names to their text; `files` names their files.
    /// A syntax error is reported as `file:line: message`.
    init(sources: [String: String], files: [String: String] = [:]) throws {
        self.files = files
        var problems: [Diagnostic] = []
        for name in sources.keys.sorted() {
            do {
                templates[name] = try MustacheParser.parse(sources[name]!)
            } catch let error as MustacheParser.ParseError {
                problems.append(.error(file: files[name] ?? name, line: error.line, error.message))
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
    }

    func has(_ name: String) -> Bool { templates[name] != nil }

    /// Partials and parents named by some template but defined by none.
    func missingReferences() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func walk(_ nodes: [Node], in template: String) {
            for node in nodes {
                switch node {
                case .partial(let name, _, let line), .parent(let name, _, _, let line):
                    if templates[name] == nil {
                        problems.append(.error(file: files[template] ?? template, line: line,
                            "no template named \"\(name)\"; is there a file \(name).mustache in the templates folder?"))
                    }
                    if case .parent(_, _, let overrides, _) = node { walk(overrides, in: template) }
                case .section(_, _, let children, _), .block(_, let children, _, _):
                    walk(children, in: template)
                default: break
                }
            }
        }
        for name in templates.keys.sorted() { walk(templates[name]!, in: name) }
        return problems
    }

    func render(_ name: String, _ data: TemplateValue) throws -> String {
        String(decoding: try renderBytes(name, data), as: UTF8.self)
    }

    /// The rendered template as UTF-8 bytes, ready to be written. Throws a
    /// `DiagnosticsError` when partials or parents nest past `maxDepth` (a
    /// template that includes itself without end).
    func renderBytes(_ name: String, _ data: TemplateValue) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16 * 1024)
        var stack = [data]
        try render(nodes(name, indent: ""), &stack, [:], &out, Expansion(template: name))
        return out
    }

    /// Renders a template given as text against these partials (spec tests).
    func render(template: String, _ data: TemplateValue) throws -> String {
        var out: [UInt8] = []
        var stack = [data]
        try render(try MustacheParser.parse(template), &stack, [:], &out, Expansion(template: "(template)"))
        return String(decoding: out, as: UTF8.self)
    }

    /// How deep sections, partials and parents may nest inside each other
    /// as a page renders. Recursive partials are legal Mustache (a tree
    /// drawn by a partial that includes itself inside a section), so the
    /// limit is on depth, not on cycles: deep enough for any real
    /// template, shallow enough that rendering on a worker thread, whose
    /// stack is small, never runs out of it.
    static let maxDepth = 64

    /// Where rendering is: the template being expanded and how deep
    /// (no array, so a card partial expanded a million times allocates
    /// nothing for it).
    struct Expansion {
        var template: String
        var depth = 1
        init(template: String) { self.template = template }
        func entering(_ name: String) -> Expansion { var next = self; next.template = name; next.depth += 1; return next }
        func nested() -> Expansion { var next = self; next.depth += 1; return next }
    }

    private func tooDeep(_ expansion: Expansion, _ what: String, line: Int) -> DiagnosticsError {
        DiagnosticsError([.error(file: files[expansion.template] ?? expansion.template, line: line,
            "templates nested more than \(MustacheLibrary.maxDepth) deep (sections, partials and layouts; here at \(what)); "
            + "does a partial or layout include itself?")])
    }

    // MARK: Rendering

    private func nodes(_ name: String, indent: String) -> [Node] {
        guard let base = templates[name] else { return [] }
        if indent.isEmpty { return base }
        let key = indent + "\u{0}" + name
        lock.lock(); defer { lock.unlock() }
        if let cached = indented[key] { return cached }
        let result = MustacheLibrary.indent(base, by: indent)
        indented[key] = result
        return result
    }

    private func render(_ nodes: [Node], _ stack: inout [TemplateValue], _ overrides: [String: Node], _ out: inout [UInt8],
                        _ expansion: Expansion) throws {
        for node in nodes {
            switch node {
            case .text(let text):
                out.append(contentsOf: text.utf8)
            case .variable(let name, let escaped, _):
                guard let value = lookup(name, stack) else { continue }
                if escaped { HTML.escape(value.text, into: &out) } else { out.append(contentsOf: value.text.utf8) }
            case .section(let name, let inverted, let children, let line):
                let expansion = expansion.nested()
                guard expansion.depth < MustacheLibrary.maxDepth else { throw tooDeep(expansion, "{{#\(name.text)}}", line: line) }
                let value = lookup(name, stack) ?? .null
                if inverted {
                    if value.isFalsey { try render(children, &stack, overrides, &out, expansion) }
                } else if case .list(let items) = value {
                    for item in items {
                        stack.append(item)
                        try render(children, &stack, overrides, &out, expansion)
                        stack.removeLast()
                    }
                } else if !value.isFalsey {
                    stack.append(value)
                    try render(children, &stack, overrides, &out, expansion)
                    stack.removeLast()
                }
            case .partial(let name, let indent, let line):
                guard expansion.depth < MustacheLibrary.maxDepth else { throw tooDeep(expansion, "{{> \(name)}}", line: line) }
                try render(self.nodes(name, indent: indent), &stack, overrides, &out, expansion.entering(name))
            case .block(let name, let children, let expansionIndent, let oneLine):
                var content = children
                var definitionIndent = expansionIndent
                if case .block(_, let replacement, let indent, _)? = overrides[name] {
                    content = replacement
                    definitionIndent = indent
                }
                guard let definitionIndent, definitionIndent != (expansionIndent ?? "") || oneLine else {
                    try render(content, &stack, overrides, &out, expansion)
                    continue
                }
                var rendered: [UInt8] = []
                try render(content, &stack, overrides, &rendered, expansion)
                MustacheLibrary.reindent(rendered, from: definitionIndent, to: expansionIndent ?? "", into: &out)
                if oneLine, rendered.last != 0x0A { out.append(0x0A) }
            case .parent(let name, let indent, let own, let line):
                guard expansion.depth < MustacheLibrary.maxDepth else { throw tooDeep(expansion, "{{< \(name)}}", line: line) }
                var merged = overrides
                for case .block(let blockName, _, _, _) in own where overrides[blockName] == nil {
                    merged[blockName] = own.first { if case .block(blockName, _, _, _) = $0 { return true }; return false }
                }
                try render(self.nodes(name, indent: indent), &stack, merged, &out, expansion.entering(name))
            }
        }
    }

    private func lookup(_ name: MustacheParser.Name, _ stack: [TemplateValue]) -> TemplateValue? {
        guard let first = name.parts.first else { return stack.last }
        // Frames are read in place, innermost first, without copying each.
        let found = stack.withUnsafeBufferPointer { frames -> TemplateValue? in
            for i in frames.indices.reversed() {
                if let value = frames[i][first.name, first.hash] { return value }
            }
            return nil
        }
        guard var value = found else { return nil }
        for part in name.parts.dropFirst() {
            guard let next = value[part.name, part.hash] else { return nil }
            value = next
        }
        return value
    }

    // MARK: Indentation

    /// A standalone partial's indentation, put before each of its lines.
    static func indent(_ nodes: [Node], by indent: String) -> [Node] {
        var result: [Node] = [.text(indent)]
        func shift(_ nodes: [Node]) -> [Node] {
            nodes.map { node in
                switch node {
                case .text(let text):
                    return .text(text.replacingOccurrences(of: "\n", with: "\n" + indent))
                case .section(let name, let inverted, let children, let line):
                    return .section(name: name, inverted: inverted, children: shift(children), line: line)
                case .block(let name, let children, let blockIndent, let oneLine):
                    return .block(name: name, children: shift(children), indent: blockIndent.map { indent + $0 }, oneLine: oneLine)
                case .partial(let name, let own, let line):
                    return .partial(name: name, indent: indent + own, line: line)
                case .parent(let name, let own, let overrides, let line):
                    return .parent(name: name, indent: indent + own, overrides: overrides, line: line)
                default:
                    return node
                }
            }
        }
        result += shift(nodes)
        if case .text(let last)? = result.last, last.hasSuffix("\n" + indent) {
            result[result.count - 1] = .text(String(last.dropLast(indent.count)))
        }
        return result
    }

    /// Moves rendered block content from the indentation it was written at
    /// to the one where it is expanded.
    static func reindent(_ bytes: [UInt8], from old: String, to new: String, into out: inout [UInt8]) {
        // Nothing to strip and nothing to add: every line stays as it is.
        if old.isEmpty, new.isEmpty { out += bytes; return }
        let oldBytes = Array(old.utf8), newBytes = Array(new.utf8)
        var start = 0
        while true {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            if start > 0 { out.append(0x0A) }
            // The empty remainder after a final newline is no line.
            if end == bytes.count, start == end { break }
            out += newBytes
            var from = start
            if end - start >= oldBytes.count, bytes[start..<start + oldBytes.count].elementsEqual(oldBytes) {
                from += oldBytes.count
            }
            out += bytes[from..<end]
            if end == bytes.count { break }
            start = end + 1
        }
    }
}
