/// Author profile pages (arXiv-style): the owner's name, "N papers on arXiv",
/// a few header lines, then title / abstract pairs with abstracts cut at "...".
/// The owner is an author of every paper listed, so each paper credits them.
enum AuthorProfileParser {
    static let headerLines: Set<Substring> = ["Academic Profile", "Statistics", "Similar Authors", "Papers on arXiv"]

    static func isPaperCountLine(_ text: Substring) -> Bool { paperCount(text) != nil }

    /// 47 for "47 papers on arXiv".
    static func paperCount(_ text: Substring) -> Int? {
        guard text.hasSuffix(" on arXiv") else { return nil }
        let words = text.split(separator: " ")
        guard words.count == 4, words[1] == "papers" || words[1] == "paper" else { return nil }
        return Int(words[0])
    }

    static func parse(_ source: SourceText, context: ParseContext) -> ListingParse {
        let lines = source.contentLines
        var diagnostics: [Diagnostic] = []
        var entries: [ListingEntry] = []
        var owner: String?
        var expected: Int?
        var start = 0
        // Header: owner, count line, known header lines, up to "Papers on arXiv".
        if let countIndex = lines.prefix(12).firstIndex(where: { isPaperCountLine($0.text) }) {
            expected = paperCount(lines[countIndex].text)
            if countIndex > 0 { owner = Text.clean(lines[countIndex - 1].text) }
            start = countIndex + 1
            while start < lines.count, headerLines.contains(lines[start].text) { start += 1 }
        } else {
            diagnostics.append(Diagnostic(file: source.path, line: lines.first?.number ?? 1,
                "profile has no \"N papers on arXiv\" line; the owner is unknown"))
        }

        var pendingTitle: SourceText.Line?
        func emit(_ title: SourceText.Line, abstract: Substring?) {
            let read = abstract.map(ListingText.abstract) ?? (text: "", truncated: false)
            if abstract == nil {
                diagnostics.append(Diagnostic(file: source.path, line: title.number,
                    "no abstract after title \"\(Text.clean(title.text).prefix(60))\""))
            }
            entries.append(ListingEntry(
                title: Text.clean(title.text),
                credits: owner.map { [Credit($0, inferred: true)] } ?? [],
                authorsComplete: false,
                abstract: read.text,
                abstractTruncated: read.truncated,
                source: SourceRef(path: source.path, line: title.number, format: .authorProfile)))
        }

        var index = start
        while index < lines.count {
            let line = lines[index]
            let next = index + 1 < lines.count ? lines[index + 1] : nil
            if let title = pendingTitle {
                // The line after a title is its abstract, unless it is itself a
                // title whose abstract follows (the abstract was lost).
                if !isCut(line.text), line.text.utf8.count < 200, let next, isCut(next.text) {
                    emit(title, abstract: nil)
                    pendingTitle = line
                } else {
                    emit(title, abstract: line.text)
                    pendingTitle = nil
                }
            } else if isCut(line.text) {
                diagnostics.append(Diagnostic(file: source.path, line: line.number,
                    "abstract without a title; skipped"))
            } else {
                pendingTitle = line
            }
            index += 1
        }
        if let title = pendingTitle { emit(title, abstract: nil) }
        if let expected, expected != entries.count {
            diagnostics.append(Diagnostic(file: source.path, line: lines.first?.number ?? 1,
                "profile says \(expected) papers, but \(entries.count) were read"))
        }
        return ListingParse(format: .authorProfile, entries: entries, diagnostics: diagnostics)
    }

    private static func isCut(_ text: Substring) -> Bool {
        text.hasSuffix("...") || text.hasSuffix("…")
    }
}
