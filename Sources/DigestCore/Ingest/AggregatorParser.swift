/// AI-news aggregator pages: a header ("Collaborating Authors", a country),
/// then items separated by two blank lines: title, authors as
/// "Last, First, Last, First", a source line ("arXiv.org Machine Learning"),
/// and the abstract. Items without authors from a non-preprint source (a news
/// story) are not papers: they are skipped with a warning.
enum AggregatorParser {
    static let preprintServers = ["arxiv", "biorxiv", "medrxiv", "openreview", "ssrn", "chemrxiv"]

    static func isPreprintSource(_ text: Substring) -> Bool {
        guard text.utf8.count <= 80 else { return false }
        // A word of the line starts with a server's name.
        return Text.fold(text).split(separator: " ").contains { word in preprintServers.contains { word.hasPrefix($0) } }
    }

    /// A source line is short, is not a sentence, and is followed by the abstract.
    static func isSourceLine(_ text: Substring) -> Bool {
        text.utf8.count <= 80 && !text.hasSuffix(".") && !text.containsByte(0x2C)
    }

    static func parse(_ source: SourceText, context: ParseContext) -> ListingParse {
        var diagnostics: [Diagnostic] = []
        var entries: [ListingEntry] = []
        for group in groups(source.lines) {
            if group.contains(where: { $0.text == "Collaborating Authors" }) { continue }
            var i = 0
            while i < group.count {
                let title = group[i]; i += 1
                var authorLine: SourceText.Line?
                var sourceLine: SourceText.Line?
                var abstractLine: SourceText.Line?
                if i < group.count, ListingText.looksLikeLastFirstList(group[i].text) { authorLine = group[i]; i += 1 }
                if i < group.count, isSourceLine(group[i].text) { sourceLine = group[i]; i += 1 }
                if i < group.count { abstractLine = group[i]; i += 1 }
                let cleanTitle = Text.clean(title.text)
                let sourceName = sourceLine.map { Text.clean($0.text) }
                let isPreprint = sourceLine.map { isPreprintSource($0.text) } ?? false
                guard authorLine != nil || isPreprint else {
                    let from = sourceName.map { " (source \"\($0)\", no authors)" } ?? " (no authors, no source)"
                    diagnostics.append(Diagnostic(file: source.path, line: title.number,
                        "skipped \"\(cleanTitle.prefix(60))\": not a paper\(from)"))
                    continue
                }
                var credits: [Credit] = []
                if let authorLine {
                    if let names = ListingText.lastFirstList(authorLine.text) {
                        credits = names.map { Credit($0) }
                    } else {
                        diagnostics.append(Diagnostic(file: source.path, line: authorLine.number,
                            "cannot read authors \"\(authorLine.text.prefix(60))\" as \"Last, First\" pairs"))
                    }
                } else {
                    diagnostics.append(Diagnostic(file: source.path, line: title.number,
                        "no authors for \"\(cleanTitle.prefix(60))\""))
                }
                let read = abstractLine.map { ListingText.abstract($0.text) } ?? (text: "", truncated: false)
                if abstractLine == nil {
                    diagnostics.append(Diagnostic(file: source.path, line: title.number,
                        "no abstract after title \"\(cleanTitle.prefix(60))\""))
                }
                entries.append(ListingEntry(
                    title: cleanTitle,
                    credits: credits,
                    authorsComplete: !credits.isEmpty,
                    authorCount: credits.isEmpty ? nil : credits.count,
                    category: sourceName.flatMap(category(fromSource:)),
                    abstract: read.text,
                    abstractTruncated: read.truncated,
                    source: SourceRef(path: source.path, line: title.number, format: .aggregator)))
            }
        }
        return ListingParse(format: .aggregator, entries: entries, diagnostics: diagnostics)
    }

    /// "arXiv.org Machine Learning" → "Machine Learning".
    static func category(fromSource source: String) -> String? {
        let words = source.split(separator: " ", maxSplits: 1)
        guard words.count == 2, isPreprintSource(words[0]) else { return nil }
        return String(words[1])
    }

    /// Runs of non-blank lines separated by two or more blank lines.
    private static func groups(_ lines: [SourceText.Line]) -> [[SourceText.Line]] {
        var groups: [[SourceText.Line]] = []
        var current: [SourceText.Line] = []
        var blanks = 0
        for line in lines {
            let text = line.text.trimmingSpaces()
            if text.isEmpty { blanks += 1; continue }
            if blanks >= 2, !current.isEmpty { groups.append(current); current = [] }
            blanks = 0
            current.append(SourceText.Line(number: line.number, text: text))
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }
}
