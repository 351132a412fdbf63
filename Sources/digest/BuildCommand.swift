import DigestCore
import Foundation

/// `digest build`: the whole pipeline, one summary line, timings with --verbose.
enum BuildCommand {
    static func run(_ raw: ArraySlice<String>, reference: ReferenceDate) throws -> Int32 {
        let args = try Arguments(raw, flags: ["verbose"], valued: ["seeds", "content", "templates", "out", "base-url"])
        guard args.positional.isEmpty else { throw Arguments.UsageError(description: "build takes no arguments, only options") }
        var options = Pipeline.Options(reference: reference)
        options.seeds = args.options["seeds"] ?? options.seeds
        options.content = args.options["content"] ?? options.content
        options.templates = args.options["templates"] ?? options.templates
        options.output = args.options["out"] ?? options.output
        if let raw = args.options["base-url"] {
            do { options.baseURL = try SiteConfig.normalizedBaseURL(raw) } catch let error as SiteConfig.BaseURLError {
                throw Arguments.UsageError(description: "--base-url: " + error.message)
            }
        }
        do {
            let summary = try Pipeline(options: options).build()
            for warning in summary.warnings { Output.error(warning.description) }
            for warning in summary.replayedWarnings { Output.error(warning) }
            for note in summary.notes { Output.error("note: " + note) }
            if args.flags.contains("verbose") {
                let unknown = summary.unknownTeX.reduce(0) { $0 + $1.count }
                let list = summary.unknownTeX.prefix(12).map { "\($0.command) (\($0.count))" }.joined(separator: ", ")
                Output.print("\(summary.formulas) formulas set as MathML; \(unknown) unknown TeX command\(unknown == 1 ? "" : "s") shown as source"
                             + (list.isEmpty ? "" : ": " + list))
                for line in summary.timings.lines { Output.print(line) }
            }
            if summary.upToDate {
                Output.print(String(format: "%@/ is up to date (%d files; inputs unchanged since the last build) in %.2f s",
                                    options.output as NSString, summary.files, summary.seconds))
                return 0
            }
            let hidden = summary.hidden > 0 ? " (\(summary.hidden) hidden by notes)" : ""
            Output.print(String(format: "%d papers%@, %d pages, %d authors, %d themes, %d warnings in %.2f s; %@",
                                summary.papers, hidden as NSString, summary.pages, summary.authors, summary.themes, summary.warnings.count, summary.seconds,
                                (summary.written == 0 ? "\(options.output)/ unchanged" : "\(summary.written) of \(summary.files) files written to \(options.output)/") as NSString))
            return 0
        } catch let error as DiagnosticsError {
            for diagnostic in error.diagnostics { Output.error(diagnostic.description) }
            let count = error.diagnostics.filter { $0.severity == .error }.count
            Output.error("build failed with \(count) error\(count == 1 ? "" : "s"); the output folder was left as it was")
            return 1
        }
    }
}
