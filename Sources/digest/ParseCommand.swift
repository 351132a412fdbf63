import DigestCore

/// `digest parse [--json] PATH...`: ingest and catalog, printed.
enum ParseCommand {
    static func run(_ raw: ArraySlice<String>, reference: ReferenceDate) throws -> Int32 {
        let args = try Arguments(raw, flags: ["json"], valued: [])
        guard !args.positional.isEmpty else {
            throw Arguments.UsageError(description: "parse needs at least one file or folder")
        }
        let read = ListingReader(context: ParseContext(reference: reference.today)).read(paths: args.positional)
        let catalog = Catalog(entries: read.entries)
        for diagnostic in read.diagnostics + catalog.diagnostics { Output.error(diagnostic.description) }
        if args.flags.contains("json") {
            Output.write(CatalogJSONLines.render(catalog))
        } else {
            // By index: a `Paper` copied is a dozen retains.
            let papers = catalog.papers
            for id in papers.indices {
                let date = papers[id].date?.description ?? "no date"
                let names = papers[id].authors
                let authors = names.isEmpty ? "authors unknown" : names.joined(separator: ", ")
                let more = papers[id].authorsComplete ? "" : " et al."
                Output.print("\(date)  \(papers[id].title)\n            \(authors)\(more)")
            }
        }
        let errors = read.diagnostics.filter { $0.severity == .error }.count
        let warnings = read.diagnostics.count - errors
        Output.error("\(catalog.papers.count) papers, \(catalog.authors.people.count) authors from \(read.parses.count) listings; \(warnings) warnings, \(errors) errors")
        if errors > 0 || catalog.papers.isEmpty { return 1 }
        return 0
    }
}
