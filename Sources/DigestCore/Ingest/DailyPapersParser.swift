/// The Daily Papers page: a header ending in the page's day ("Apr 16"), then
/// blocks of title, abstract and a footer of "• N authors", "·" and a date
/// that may lack a year ("Mar 13") and may carry upvotes ("Oct 23, 2025 3").
/// Some blocks have no footer; abstracts are cut at a fixed length.
enum DailyPapersParser {
    /// 4 for "• 4 authors".
    static func authorCount(in text: Substring) -> Int? {
        guard text.hasPrefix("•") else { return nil }
        let words = text.dropFirst().split(separator: " ")
        guard words.count == 2, words[1] == "authors" || words[1] == "author" else { return nil }
        return Int(words[0])
    }

    static func parse(_ source: SourceText, context: ParseContext) -> ListingParse {
        let lines = source.contentLines
        var diagnostics: [Diagnostic] = []
        var entries: [ListingEntry] = []
        var invalid = false

        // Skip the header: everything up to the page's own day after "Daily Papers".
        var index = 0
        if let header = lines.prefix(20).firstIndex(where: { $0.text == "Daily Papers" }) {
            index = header + 1
            if let day = lines[index...].prefix(3).firstIndex(where: {
                ListingText.readDate($0.text, context: context, invalid: &invalid)?.rest.isEmpty == true
            }) { index = day + 1 }
        }

        var current: ListingEntry?
        var afterDot = false
        func finish() {
            if let entry = current {
                if entry.abstract.isEmpty {
                    diagnostics.append(Diagnostic(file: source.path, line: entry.source.line,
                        "no abstract after title \"\(entry.title.prefix(60))\""))
                }
                entries.append(entry)
            }
            current = nil
        }

        while index < lines.count {
            let line = lines[index]
            defer { index += 1 }
            if let count = authorCount(in: line.text) {
                if current == nil {
                    diagnostics.append(Diagnostic(file: source.path, line: line.number, "author count without a paper; skipped"))
                }
                current?.authorCount = count
                continue
            }
            if line.text == "·" { afterDot = true; continue }
            let wasAfterDot = afterDot
            afterDot = false
            if let read = ListingText.readDate(line.text, context: context, invalid: &invalid),
               case let footer = footerTail(read.rest), footer.isFooter {
                if current == nil {
                    diagnostics.append(Diagnostic(file: source.path, line: line.number, "date without a paper; skipped"))
                }
                current?.date = read.date
                current?.dateYearInferred = read.yearInferred
                current?.upvotes = footer.upvotes
                finish()
                continue
            }
            if wasAfterDot || invalid {
                diagnostics.append(Diagnostic(file: source.path, line: line.number,
                    "cannot read date \"\(line.text.prefix(40))\""))
                finish()
                continue
            }
            // A text line: a title, or the abstract of the pending title.
            if var entry = current, entry.abstract.isEmpty,
               !startsNewBlock(line, next: index + 1 < lines.count ? lines[index + 1] : nil) {
                let read = ListingText.abstract(line.text)
                entry.abstract = read.text
                entry.abstractTruncated = read.truncated
                current = entry
            } else {
                finish()
                current = ListingEntry(
                    title: Text.clean(line.text),
                    source: SourceRef(path: source.path, line: line.number, format: .dailyPapers))
            }
        }
        finish()
        return ListingParse(format: .dailyPapers, entries: entries, diagnostics: diagnostics)
    }

    /// What may follow a footer's date: nothing, or an upvote count ("3").
    /// Anything else means the line is text that happens to start like a date.
    private static func footerTail(_ rest: Substring) -> (isFooter: Bool, upvotes: Int?) {
        let trimmed = rest.trimmingSpaces()
        if trimmed.isEmpty { return (true, nil) }
        guard let value = Int(trimmed), value >= 0 else { return (false, nil) }
        return (true, value)
    }

    /// A short line followed by a long one is a new title whose predecessor
    /// lost its abstract.
    private static func startsNewBlock(_ line: SourceText.Line, next: SourceText.Line?) -> Bool {
        guard let next, line.text.utf8.count < 150, next.text.utf8.count >= 150 else { return false }
        return authorCount(in: next.text) == nil
    }
}
