import Foundation

/// Stage 1, ingest: finds the listing files, detects each one's format and
/// reads its papers. Files are read in parallel; results keep file order.
struct ListingReader: Sendable {
    var context: ParseContext

    init(context: ParseContext) { self.context = context }

    struct Result: Sendable {
        /// Per listing read, in file order: its format and how many
        /// entries it gave.
        var listings: [(format: ListingFormat, entries: Int)]
        var diagnostics: [Diagnostic]
        /// Every listing's entries, in file order.
        let entries: [ListingEntry]

        /// Takes the parses' entries (moved, not copied: see `Moving`).
        init(parses: consuming [ListingParse], diagnostics: [Diagnostic]) {
            listings = parses.map { ($0.format, $0.entries.count) }
            self.diagnostics = diagnostics
            var parts = parses.indices.map { index in
                defer { parses[index].entries = [] }
                return parses[index].entries
            }
            entries = Moving.joined(&parts, filler: .movedOut)
        }
    }

    /// Reads one listing held in memory.
    func read(_ source: SourceText) -> (ListingParse?, [Diagnostic]) {
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
        var parse: ListingParse
        switch format {
        case .authorProfile: parse = AuthorProfileParser.parse(source, context: context)
        case .dailyPapers: parse = DailyPapersParser.parse(source, context: context)
        case .aggregator: parse = AggregatorParser.parse(source, context: context)
        case .authorFeed: parse = AuthorFeedParser.parse(source, context: context)
        case .arxivAtom, .arxivRSS, .bibtex:
            // Files of these formats are read whole, by `read(path:bytes:)`.
            let joined = source.lines.map(\.text).joined(separator: "\n")
            return read(path: source.path, bytes: Array(joined.utf8))
        }
        ListingReader.identify(&parse.entries)
        if !source.unreadable.isEmpty { parse.entries = dropEntries(around: source.unreadable, in: parse.entries, diagnostics: &diagnostics) }
        diagnostics += parse.diagnostics
        if parse.entries.isEmpty {
            diagnostics.append(Diagnostic(file: source.path, line: lines[0].number,
                "read as \(format.rawValue), but no paper was found"))
        }
        return (parse, diagnostics)
    }

    /// Reads one listing file's bytes. The machine-readable formats (arXiv
    /// API Atom, arXiv RSS, BibTeX) are known by their first bytes and read
    /// whole; the pasted ones line by line.
    func read(path: String, bytes raw: [UInt8]) -> (ListingParse?, [Diagnostic]) {
        guard let format = ListingReader.structuredFormat(raw) else { return read(SourceText(path: path, bytes: raw)) }
        let bytes = TextDecoding.normalized(raw)
        let parse: ListingParse
        switch format {
        case .arxivAtom: parse = ArxivAtomParser.parse(path: path, bytes: bytes)
        case .arxivRSS: parse = ArxivRSSParser.parse(path: path, bytes: bytes)
        default: parse = BibTeXParser.parse(path: path, bytes: bytes)
        }
        var diagnostics = parse.diagnostics
        if parse.entries.isEmpty, !diagnostics.contains(where: { $0.severity == .error }) {
            diagnostics.append(Diagnostic(file: path, line: 1, "read as \(format.rawValue), but no paper was found"))
        }
        return (parse, diagnostics)
    }

    /// The machine-readable format a file is in, from its first bytes: an
    /// XML feed (`<feed` Atom or `<rss`), or BibTeX (`@type{` before any
    /// other text but comments).
    static func structuredFormat(_ bytes: [UInt8]) -> ListingFormat? {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        var rest = head[...]
        if rest.hasPrefix("\u{FEFF}") { rest = rest.dropFirst() }
        rest = rest.drop { $0.isWhitespace }
        if rest.hasPrefix("<") {
            if head.contains("<feed"), head.contains("http://www.w3.org/2005/Atom") { return .arxivAtom }
            if head.contains("<rss") { return .arxivRSS }
            return nil
        }
        // BibTeX: comment lines ("%") may come first, then an entry.
        for line in rest.split(separator: "\n", omittingEmptySubsequences: true).prefix(50) {
            let text = line.trimmingSpaces()
            if text.isEmpty || text.hasPrefix("%") { continue }
            guard text.hasPrefix("@"), let brace = text.firstIndex(where: { $0 == "{" || $0 == "(" }) else { return nil }
            let type = text[text.index(after: text.startIndex)..<brace].trimmingSpaces()
            return !type.isEmpty && type.allSatisfy({ $0.isLetter }) ? .bibtex : nil
        }
        return nil
    }

    /// Pasted entries: categories as arXiv codes where unambiguous, and an
    /// arXiv id where one is written as the paper's own: at the start of
    /// the abstract ("arXiv:2201.02177 …"), at its end or at the end of the
    /// title ("… [arXiv:2201.02177]", "… arxiv.org/abs/2201.02177"). The id
    /// is taken out of the text. One in the middle of an abstract cites
    /// another paper and stays.
    static func identify(_ entries: inout [ListingEntry]) {
        for index in entries.indices {
            if let category = entries[index].category {
                let code = ArxivCategories.code(category)
                entries[index].category = code
                entries[index].categories = [code]
            }
            let abstract = entries[index].abstract
            if abstract.hasPrefix("arXiv:") || abstract.hasPrefix("arxiv:"),
               let (id, end) = ArxivID.scan(Array(abstract.utf8)[...], from: 6) {
                entries[index].arxivID = id
                entries[index].abstract = String(String(decoding: Array(abstract.utf8)[end...], as: UTF8.self).trimmingSpaces())
            } else if let (id, rest) = ArxivID.trailing(in: abstract) {
                entries[index].arxivID = id
                entries[index].abstract = String(rest.trimmingSpaces())
            }
            if let (id, rest) = ArxivID.trailing(in: entries[index].title), !rest.trimmingSpaces().isEmpty,
               entries[index].arxivID == nil || entries[index].arxivID == id {
                entries[index].arxivID = id
                entries[index].title = String(rest.trimmingSpaces())
            }
        }
    }

    /// Drops each entry that spans an unreadable line (from its title's
    /// line up to the next entry's): its fields may have shifted, and a
    /// paper published with its author line as its title is worse than a
    /// paper skipped with a warning.
    func dropEntries(around unreadable: [Int], in entries: [ListingEntry], diagnostics: inout [Diagnostic]) -> [ListingEntry] {
        var kept: [ListingEntry] = []
        kept.reserveCapacity(entries.count)
        let order = entries.indices.sorted { entries[$0].source.line < entries[$1].source.line }
        var dropped = Set<Int>()
        for (position, index) in order.enumerated() {
            let start = entries[index].source.line
            let end = position + 1 < order.count ? entries[order[position + 1]].source.line : Int.max
            if let line = unreadable.first(where: { $0 >= start && $0 < end }) {
                dropped.insert(index)
                diagnostics.append(Diagnostic(file: entries[index].source.path, line: start,
                    "entry skipped: its line \(line) could not be read, so its fields cannot be trusted"))
            }
        }
        for index in entries.indices where !dropped.contains(index) { kept.append(entries[index]) }
        return kept
    }

    /// Reads every listing under `paths` (files, or folders of files).
    func read(paths: [String]) -> Result {
        var diagnostics: [Diagnostic] = []
        var files: [String] = []
        for path in paths {
            let found = ListingReader.listFiles(path)
            files += found.files
            diagnostics += found.problems
        }
        var results = ParallelMap.map(files) { path -> (ListingParse?, [Diagnostic]) in
            switch FileBytes.load(path) {
            case .success(let bytes): return read(path: path, bytes: bytes)
            case .failure(let problem): return (nil, [problem])
            }
        }
        var parses: [ListingParse] = []
        for index in results.indices {
            diagnostics += results[index].1
            // Taken out, so that the parse's entries are held once.
            if let parse = results[index].0.take() { parses.append(parse) }
        }
        return Result(parses: consume parses, diagnostics: diagnostics)
    }

    /// A file, or the visible regular files of a folder sorted by name
    /// (links followed). A FIFO, socket or device is skipped with a
    /// warning: reading one could wait forever.
    static func listFiles(_ path: String) -> (files: [String], problems: [Diagnostic]) {
        func notAFile(_ file: String) -> Diagnostic {
            Diagnostic(file: file, line: nil, "not a regular file (a FIFO, socket or device); skipped")
        }
        switch FileTree.kind(path, followingLinks: true) {
        case .missing: return ([], [.error(file: path, line: nil, "no such file or folder")])
        case .file: return ([path], [])
        case .folder: break
        default: return ([], [notAFile(path)])
        }
        guard let names = FileTree.names(path) else { return ([], [FileTree.failure(path, doing: "list")]) }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        var files: [String] = [], problems: [Diagnostic] = []
        for name in names.map(\.name).sorted() where !name.hasPrefix(".") {
            switch FileTree.kind(prefix + name, followingLinks: true) {
            case .file: files.append(prefix + name)
            case .other: problems.append(notAFile(prefix + name))
            default: continue
            }
        }
        return (files, problems)
    }
}

extension Diagnostic: Error {}
