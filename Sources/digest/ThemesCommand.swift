import DigestCore

/// `digest themes --suggest`: the discovered themes as theme files to adopt.
enum ThemesCommand {
    static func run(_ raw: ArraySlice<String>, reference: ReferenceDate) throws -> Int32 {
        let args = try Arguments(raw, flags: ["suggest"], valued: ["seeds", "content"])
        guard args.flags.contains("suggest"), args.positional.isEmpty else {
            throw Arguments.UsageError(description: "themes needs --suggest")
        }
        let read = ListingReader(context: ParseContext(reference: reference.today)).read(paths: [args.options["seeds"] ?? "seeds"])
        let content: SiteContent
        var warnings: [Diagnostic] = []
        do { content = try SiteContent.load(from: args.options["content"] ?? "Content", warnings: &warnings) } catch let error as DiagnosticsError {
            for diagnostic in error.diagnostics { Output.error(diagnostic.description) }
            return 1
        }
        for warning in read.diagnostics + warnings { Output.error(warning.description) }
        let catalog = Catalog(entries: read.entries)
        Output.print(ThemeSuggestions.render(Grouping(catalog: catalog, curated: content.curatedThemes), catalog: catalog))
        return read.diagnostics.contains { $0.severity == .error } ? 1 : 0
    }
}
