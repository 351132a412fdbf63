import DigestCore

/// `digest themes --suggest`: the discovered themes as theme files to adopt.
enum ThemesCommand {
    static func run(_ raw: ArraySlice<String>, reference: ReferenceDate) throws -> Int32 {
        let args = try Arguments(raw, flags: ["suggest"], valued: ["seeds", "content"])
        guard args.flags.contains("suggest"), args.positional.isEmpty else {
            throw Arguments.UsageError(description: "themes needs --suggest")
        }
        var options = Pipeline.Options(reference: reference)
        options.seeds = args.options["seeds"] ?? options.seeds
        options.content = args.options["content"] ?? options.content
        do {
            let (text, warnings) = try Pipeline(options: options).suggestThemes()
            for warning in warnings { Output.error(warning.description) }
            Output.print(text)
            return 0
        } catch let error as DiagnosticsError {
            for diagnostic in error.diagnostics { Output.error(diagnostic.description) }
            let count = error.diagnostics.filter { $0.severity == .error }.count
            Output.error("themes failed with \(count) error\(count == 1 ? "" : "s")")
            return 1
        }
    }
}
