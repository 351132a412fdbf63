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
        let place = line.map { "\(file):\($0)" } ?? file
        return severity == .error ? "\(place): error: \(message)" : "\(place): \(message)"
    }
}

/// Thrown when a stage cannot go on; carries every problem found so far.
public struct DiagnosticsError: Error, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
