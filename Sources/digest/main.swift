import DigestCore
import Foundation

/// The `digest` command: a thin layer that reads arguments, runs a stage of
/// the pipeline and turns its diagnostics into messages and an exit code.
let usage = """
    usage: digest build [--seeds DIR] [--content DIR] [--templates DIR] [--out DIR] [--base-url URL] [--verbose]
           digest parse [--json] [--verbose] PATH...
           digest themes --suggest [--seeds DIR] [--content DIR]
    """

// A file-size limit (ulimit -f) then fails the write with "File too large",
// reported like any other, instead of killing the process.
signal(SIGXFSZ, SIG_IGN)

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    Output.error(usage)
    exit(2)
}
let environment = ProcessInfo.processInfo.environment

do {
    let reference = try ReferenceDate.fromEnvironment(environment)
    switch arguments[1] {
    case "build":
        exit(try BuildCommand.run(arguments.dropFirst(2), reference: reference))
    case "themes":
        exit(try ThemesCommand.run(arguments.dropFirst(2), reference: reference))
    case "parse":
        exit(try ParseCommand.run(arguments.dropFirst(2), reference: reference))
    case "-h", "--help", "help":
        Output.print(usage)
    default:
        Output.error("digest: unknown command \"\(arguments[1])\"\n\(usage)")
        exit(2)
    }
} catch let error as Arguments.UsageError {
    Output.error("digest: \(error.description)\n\(usage)")
    exit(2)
} catch let error as DiagnosticsError {
    for diagnostic in error.diagnostics { Output.error(diagnostic.description) }
    exit(1)
} catch {
    // Every stage reports its own problems as diagnostics; this is the
    // last guard, so nothing reaches Swift's "Error raised at top level".
    Output.error("digest: error: \(error)")
    exit(1)
}
