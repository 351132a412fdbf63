/// The data a template renders: what page builders produce and the Mustache
/// spec's JSON fixtures decode to.
enum TemplateValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([TemplateValue])
    case object(TemplateObject)

    /// Mustache's falsey values: false, null and the empty list.
    var isFalsey: Bool {
        switch self {
        case .null, .bool(false): return true
        case .list(let items): return items.isEmpty
        default: return false
        }
    }

    /// The text an interpolation writes.
    var text: String {
        switch self {
        case .null: return ""
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .double(let value):
            if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
            return String(value)
        case .string(let value): return value
        case .list, .object: return ""
        }
    }

    /// A field of an object; on a list, a numeric key picks an item, so
    /// `{{#papers.0}}…{{/papers.0}}` renders only when the list has one
    /// (an extension to the spec, as in mustache.js).
    subscript(key: String) -> TemplateValue? { self[key, TemplateObject.hash(key)] }

    /// The same, with the key's hash already known.
    subscript(key: String, hash: UInt64) -> TemplateValue? {
        switch self {
        case .object(let fields): return fields[key, hash]
        case .list(let items):
            guard let index = Int(key), items.indices.contains(index) else { return nil }
            return items[index]
        default: return nil
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(TemplateObject(elements.map { ($0.0, $0.1) }))
    }
}

extension TemplateValue {
    /// Optional text: null when absent, so `{{#x}}` sections skip it.
    static func text(_ value: String?) -> TemplateValue { value.map(TemplateValue.string) ?? .null }
}
