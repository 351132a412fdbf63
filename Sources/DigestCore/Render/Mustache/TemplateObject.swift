/// The fields of a template object. A page has about twenty and a card six,
/// so they are kept in order in one array and found by a scan that compares
/// a 64-bit hash of the name before the name itself: no `Dictionary` to
/// build for every page and card, and no seeded hashing of the name on
/// every lookup (tag names are hashed once, when the template is parsed).
struct TemplateObject: Sendable {
    private struct Field: Sendable {
        var name: String
        var hash: UInt64
        var value: TemplateValue
    }

    private var fields: [Field] = []

    init() {}

    /// Later fields replace earlier ones of the same name.
    init(_ fields: [(String, TemplateValue)]) {
        self.fields.reserveCapacity(fields.count)
        for (name, value) in fields { self[name] = value }
    }

    var count: Int { fields.count }

    /// FNV-1a over the name's UTF-8 bytes.
    static func hash(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    subscript(name: String) -> TemplateValue? {
        get { self[name, TemplateObject.hash(name)] }
        set {
            let hash = TemplateObject.hash(name)
            if let i = index(name, hash) {
                if let newValue { fields[i].value = newValue } else { fields.remove(at: i) }
            } else if let newValue {
                fields.append(Field(name: name, hash: hash, value: newValue))
            }
        }
    }

    /// The field named `name`, whose hash is `hash`.
    subscript(name: String, hash: UInt64) -> TemplateValue? {
        index(name, hash).map { fields[$0].value }
    }

    private func index(_ name: String, _ hash: UInt64) -> Int? {
        // Through the buffer, comparing hashes reads one word of a field
        // instead of copying the field (and retaining its name and value).
        fields.withUnsafeBufferPointer { fields in
            for i in fields.indices where fields[i].hash == hash && fields[i].name == name { return i }
            return nil
        }
    }
}
