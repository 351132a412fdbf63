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
        if args.flags.contains("json") {
            Output.write(CatalogJSONLines.render(catalog))
        } else {
            // Through the buffer: an array's subscript may hand out a copy,
            // and a `Paper` copied is a dozen retains. Written in blocks, not
            // a system call a line.
            var block = ""
            catalog.papers.withUnsafeBufferPointer { papers in
                for id in papers.indices {
                    block += papers[id].date?.description ?? "no date"
                    block += "  " + papers[id].title + "\n            "
                    let names = papers[id].authors
                    block += names.isEmpty ? "authors unknown" : names.joined(separator: ", ")
                    block += papers[id].authorsComplete ? "\n" : " et al.\n"
                    if block.utf8.count > 1 << 16 { Output.write(Array(block.utf8)); block = "" }
                }
            }
            Output.write(Array(block.utf8))
        }
        let errors = listings.errors
        let warnings = listings.diagnostics.count - errors
        Output.error("\(catalog.papers.count) papers, \(catalog.authors.people.count) authors from \(listings.files) listings; \(warnings) warnings, \(errors) errors")
        if args.flags.contains("verbose") {
            for (stage, seconds) in listings.timings {
                Output.error("  " + stage.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: "%7.3f s", seconds))
            }
        }
        // The catalog is not freed paper by paper: the process ends now.
        Output.keepUntilExit(listings)
        if errors > 0 || catalog.papers.isEmpty { return 1 }
        return 0
    }
}
