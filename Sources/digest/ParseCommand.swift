import DigestCore
import Foundation

/// `digest parse [--json] PATH...`: ingest and catalog, printed.
enum ParseCommand {
    static func run(_ raw: ArraySlice<String>, reference: ReferenceDate) throws -> Int32 {
        let args = try Arguments(raw, flags: ["json", "verbose"], valued: [])
        guard !args.positional.isEmpty else {
            throw Arguments.UsageError(description: "parse needs at least one file or folder")
        }
        let listings = Pipeline.listings(paths: args.positional, reference: reference)
        let catalog = listings.catalog
        for diagnostic in listings.diagnostics { Output.error(diagnostic.description) }
        let started = DispatchTime.now()
        if args.flags.contains("json") {
            for part in CatalogJSONLines.render(catalog) { Output.write(part) }
        } else {
            for part in CatalogText.render(catalog) { Output.write(part) }
        }
        let errors = listings.errors
        let warnings = listings.diagnostics.count - errors
        Output.error("\(catalog.papers.count) papers, \(catalog.authors.people.count) authors from \(listings.files) listings; \(warnings) warnings, \(errors) errors")
        if args.flags.contains("verbose") {
            var timings = listings.timings
            timings.note("output", since: started)
            for line in timings.lines { Output.error(line) }
        }
        // The catalog is not freed paper by paper: the process ends now.
        Output.keepUntilExit(listings)
        if errors > 0 || catalog.papers.isEmpty { return 1 }
        return 0
    }
}
