/// A small reader for `digest COMMAND [--flag] [--option VALUE] [ARG...]`.
struct Arguments {
    var flags: Set<String> = []
    var options: [String: String] = [:]
    var positional: [String] = []

    struct UsageError: Error, CustomStringConvertible { var description: String }

    /// `valued` names the options that take a value.
    init(_ raw: ArraySlice<String>, flags allowedFlags: Set<String>, valued: Set<String>) throws {
        var iterator = raw.makeIterator()
        while let argument = iterator.next() {
            if argument.hasPrefix("--") {
                var name = String(argument.dropFirst(2))
                var inlineValue: String?
                if let equals = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
                if valued.contains(name) {
                    guard let value = inlineValue ?? iterator.next() else {
                        throw UsageError(description: "--\(name) needs a value")
                    }
                    options[name] = value
                } else if allowedFlags.contains(name), inlineValue == nil {
                    flags.insert(name)
                } else {
                    throw UsageError(description: "unknown option --\(name)")
                }
            } else {
                positional.append(argument)
            }
        }
    }
}
