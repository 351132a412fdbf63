import Foundation

/// Stage 1, ingest: finds the listing files, detects each one's format and
/// reads its papers. Files are read in parallel; results keep file order.
public struct ListingReader: Sendable {
    public var context: ParseContext

    public init(context: ParseContext) { self.context = context }

    public struct Result: Sendable {
        public var parses: [ListingParse]
        public var diagnostics: [Diagnostic]
        /// Every listing's entries, in file order; gathered once, because
        /// each copy of an entry is a dozen retains.
        public let entries: [ListingEntry]

        public init(parses: [ListingParse], diagnostics: [Diagnostic]) {
            self.parses = parses
            self.diagnostics = diagnostics
            entries = parses.flatMap(\.entries)
        }
    }

    /// Reads one listing held in memory.
    public func read(_ source: SourceText) -> (ListingParse?, [Diagnostic]) {
        var diagnostics = source.diagnostics
        let lines = source.contentLines
        guard !lines.isEmpty else {
            diagnostics.append(Diagnostic(file: source.path, line: 1, "file is empty; nothing to read"))
            return (nil, diagnostics)
        }
        guard let format = FormatDetector.detect(lines, context: context) else {
            diagnostics.append(.error(file: source.path, line: lines[0].number,
                "not a known listing format (author profile, daily papers, aggregator or author feed); "
                + "is it a listing copied whole, header included?"))
            return (nil, diagnostics)
        }
        let parse: ListingParse
        switch format {
        case .authorProfile: parse = AuthorProfileParser.parse(source, context: context)
        case .dailyPapers: parse = DailyPapersParser.parse(source, context: context)
        case .aggregator: parse = AggregatorParser.parse(source, context: context)
        case .authorFeed: parse = AuthorFeedParser.parse(source, context: context)
        }
        diagnostics += parse.diagnostics
        if parse.entries.isEmpty {
            diagnostics.append(Diagnostic(file: source.path, line: lines[0].number,
                "read as \(format.rawValue), but no paper was found"))
        }
        return (parse, diagnostics)
    }

    /// Reads every listing under `paths` (files, or folders of files).
    public func read(paths: [String]) -> Result {
        var diagnostics: [Diagnostic] = []
        var files: [String] = []
        for path in paths {
            switch ListingReader.listFiles(path) {
            case .success(let found): files += found
            case .failure(let problem): diagnostics.append(problem)
            }
        }
        let results = ParallelMap.map(files) { path -> (ListingParse?, [Diagnostic]) in
            guard let bytes = FileBytes.read(path) else {
                return (nil, [.error(file: path, line: nil, "cannot read file")])
            }
            return read(SourceText(path: path, bytes: bytes))
        }
        var parses: [ListingParse] = []
        for (parse, problems) in results {
            if let parse { parses.append(parse) }
            diagnostics += problems
        }
        return Result(parses: parses, diagnostics: diagnostics)
    }

    /// A file, or the visible regular files of a folder sorted by name.
    static func listFiles(_ path: String) -> Swift.Result<[String], Diagnostic> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(.error(file: path, line: nil, "no such file or folder"))
        }
        guard isDirectory.boolValue else { return .success([path]) }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let prefix = path.hasSuffix("/") ? path : path + "/"
        return .success(names.filter { !$0.hasPrefix(".") }.sorted().map { prefix + $0 }.filter { file in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: file, isDirectory: &isDir) && !isDir.boolValue
        })
    }
}

extension Diagnostic: Error {}
