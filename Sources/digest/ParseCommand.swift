import DigestCore

/// `digest parse [--json] PATH...`: ingest and catalog, printed.
enum ParseCommand {
    static func run(_ raw: ArraySlice<String>, reference: ReferenceDate) throws -> Int32 {
        let args = try Arguments(raw, flags: ["json"], valued: [])
        guard !args.positional.isEmpty else {
            throw Arguments.UsageError(description: "parse needs at least one file or folder")
        }
        let listings = Pipeline.listings(paths: args.positional, reference: reference)
        let catalog = listings.catalog
        for diagnostic in listings.diagnostics { Output.error(diagnostic.description) }
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
        let errors = listings.errors
        let warnings = listings.diagnostics.count - errors
        Output.error("\(catalog.papers.count) papers, \(catalog.authors.people.count) authors from \(listings.files) listings; \(warnings) warnings, \(errors) errors")
        if errors > 0 || catalog.papers.isEmpty { return 1 }
        return 0
    }
}
