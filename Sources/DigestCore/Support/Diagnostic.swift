/// A problem found in an input file, reported as `file:line: message`.
///
/// Warnings let the build go on (a skipped news item, a cut block); errors
/// fail the command once every input has been read, so one run shows all of them.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: Sendable, Equatable { case warning, error }

    public var file: String
    public var line: Int?
    public var message: String
    public var severity: Severity

    public init(file: String, line: Int?, _ message: String, severity: Severity = .warning) {
        self.file = file
        self.line = line
        self.message = message
        self.severity = severity
    }

    public static func error(file: String, line: Int?, _ message: String) -> Diagnostic {
        Diagnostic(file: file, line: line, message, severity: .error)
    }

    public var description: String {
        let name = Diagnostic.printable(file)
        let place = line.map { "\(name):\($0)" } ?? name
        return severity == .error ? "\(place): error: \(message)" : "\(place): \(message)"
    }

    /// A file name as a message can show it: control characters (a newline,
    /// a terminal escape) written as `\n` or `\u{1B}`, backslashes doubled
    /// only then, so an ordinary name prints as it is.
    static func printable(_ name: String) -> String {
        guard name.unicodeScalars.contains(where: { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }) else { return name }
        var out = ""
        for scalar in name.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0x0D: out += "\\r"
            case 0x5C: out += "\\\\"
            case ..<0x20, 0x7F..<0xA0: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Thrown when a stage cannot go on; carries every problem found so far.
public struct DiagnosticsError: Error, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
