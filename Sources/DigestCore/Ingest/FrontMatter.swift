/// Front matter: a small documented subset of YAML between `---` lines at
/// the top of a Content file.
///
///     ---
///     title: Training dynamics
///     keywords: [edge of stability, sharpness, "catapult, phase"]
///     order: 3
///     ---
///
/// Values are text, or lists: `[a, b]` on the key's line, or one item a
/// line under a key with no value (`- item`, as YAML writes them); items
/// may be quoted. Anything else is an error naming the file and line.
///
///     papers:
///       - "Lost in Tokenization: Trade-offs in Graph Tokenization"
///       - 2201.02177
struct FrontMatter: Sendable {
    enum Value: Sendable, Equatable {
        case text(String)
        case list([String])
    }

    var fields: [String: Value]
    /// The fields' lines, for messages about their values.
    var lines: [String: Int]
    var body: String

    func text(_ key: String) -> String? {
        if case .text(let value)? = fields[key] { return value }
        return nil
    }

    func list(_ key: String) -> [String]? {
        switch fields[key] {
        case .list(let items)?: return items
        case .text(let value)?: return [value]
        default: return nil
        }
    }

    static func parse(_ source: String, file: String) throws -> FrontMatter {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard lines.first?.trimmingSpaces() == "---" else {
            return FrontMatter(fields: [:], lines: [:], body: source)
        }
        var index = 1
        let (fields, fieldLines, problems) = block(lines, from: &index, file: file, closedBy: "---", noun: "front matter ")
        var all = problems
        if index >= lines.count {
            all.append(.error(file: file, line: 1,
                "front matter starts with \"---\" but has no closing \"---\" line; did you forget it?"))
        }
        if !all.isEmpty { throw DiagnosticsError(all) }
        let body = lines[min(index + 1, lines.count)...].joined(separator: "\n")
        return FrontMatter(fields: fields, lines: fieldLines, body: body)
    }

    /// A whole file of `key: value` lines, as the configuration file is.
    static func parseFields(_ source: String, file: String) throws -> FrontMatter {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        let (fields, fieldLines, problems) = block(lines, from: &index, file: file, closedBy: nil, noun: "")
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        return FrontMatter(fields: fields, lines: fieldLines, body: "")
    }

    /// The `key: value` lines from `index` up to a line `closedBy` (or the
    /// end), which `index` is left at.
    private static func block(_ lines: [Substring], from index: inout Int, file: String, closedBy: String?, noun: String)
        -> ([String: Value], [String: Int], [Diagnostic]) {
        var fields: [String: Value] = [:]
        var fieldLines: [String: Int] = [:]
        var problems: [Diagnostic] = []
        while index < lines.count, closedBy == nil || lines[index].trimmingSpaces() != closedBy! {
            let line = lines[index]
            let number = index + 1
            index += 1
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                problems.append(.error(file: file, line: number, "\(noun)line \"\(trimmed)\" is not \"key: value\""))
                continue
            }
            let key = line[..<colon].trimmingSpaces()
            let raw = line[line.index(after: colon)...].trimmingSpaces()
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                problems.append(.error(file: file, line: number, "\(noun)key \"\(key)\" must be letters, digits, - or _"))
                continue
            }
            if fields[String(key)] != nil {
                problems.append(.error(file: file, line: number, "\(noun)key \"\(key)\" is set twice"))
            }
            // A key with no value followed by "- item" lines: a list.
            if raw.isEmpty, index < lines.count, lines[index].trimmingSpaces().hasPrefix("-") {
                var items: [String] = []
                while index < lines.count, case let item = lines[index].trimmingSpaces(), item.hasPrefix("-"),
                      closedBy == nil || item != closedBy! {
                    let text = unquote(item.dropFirst().trimmingSpaces())
                    if text.isEmpty { problems.append(.error(file: file, line: index + 1, "list item under \"\(key)\" is empty")) }
                    items.append(text)
                    index += 1
                }
                fields[String(key)] = .list(items)
                fieldLines[String(key)] = number
                continue
            }
            do {
                fields[String(key)] = try value(raw)
                fieldLines[String(key)] = number
            } catch let message as FrontMatterError {
                problems.append(.error(file: file, line: number, message.text))
            } catch {}
        }
        return (fields, fieldLines, problems)
    }

    struct FrontMatterError: Error { var text: String }

    static func value(_ raw: Substring) throws -> Value {
        guard raw.hasPrefix("[") else { return .text(unquote(raw)) }
        guard raw.hasSuffix("]") else { throw FrontMatterError(text: "list \"\(raw)\" has no closing \"]\"") }
        var items: [String] = []
        var current = ""
        var quote: Character?
        for char in raw.dropFirst().dropLast() {
            if let q = quote {
                if char == q { quote = nil } else { current.append(char) }
            } else if char == "\"" || char == "'" {
                quote = char
            } else if char == "," {
                items.append(current.trimmingSpaces().description)
                current = ""
            } else {
                current.append(char)
            }
        }
        if quote != nil { throw FrontMatterError(text: "list \"\(raw)\" has an unclosed quote") }
        let last = current.trimmingSpaces()
        if !last.isEmpty || !items.isEmpty { items.append(String(last)) }
        if items.contains(where: \.isEmpty) { throw FrontMatterError(text: "list \"\(raw)\" has an empty item") }
        return .list(items)
    }

    static func unquote(_ raw: Substring) -> String {
        if raw.count >= 2, let first = raw.first, first == "\"" || first == "'", raw.last == first {
            return String(raw.dropFirst().dropLast())
        }
        return String(raw)
    }
}
