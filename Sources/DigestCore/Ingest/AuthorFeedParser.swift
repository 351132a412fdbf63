/// Author feeds: entries of three lines, a category glued to a date
/// ("LGOct 27, 2022", "OCDec 4, 2023Code", "MLMay 21", "AO-PHMar 24, 2023"),
/// the title glued to its authors, and an abstract cut at a fixed length.
/// When most entries share one author, the feed is that author's page, and
/// its "et al." entries credit them too.
enum AuthorFeedParser {
    struct Header {
        var category: String
        var date: ListingText.ReadDate?
        var invalidDate: Bool
    }

    /// Reads "LGOct 27, 2022": an uppercase category (letters and "-")
    /// immediately followed by a month name and a day.
    static func readHeader(_ text: Substring, context: ParseContext) -> Header? {
        let bytes = Array(text.utf8.prefix(16))
        var run = 0
        while run < bytes.count, (bytes[run] >= 0x41 && bytes[run] <= 0x5A) || bytes[run] == 0x2D { run += 1 }
        // The run's last capital starts the month: "LGO" + "ct".
        guard run >= 2, bytes[run - 2] != 0x2D else { return nil }
        let monthStart = text.utf8.index(text.startIndex, offsetBy: run - 1)
        let rest = text[monthStart...]
        guard DayDate.month(named: rest.prefix(3)) != nil else { return nil }
        var invalid = false
        let date = ListingText.readDate(rest, context: context, invalid: &invalid)
        guard date != nil || invalid else { return nil }
        return Header(category: String(text[..<monthStart]), date: date, invalidDate: invalid)
    }

    static func parse(_ source: SourceText, context: ParseContext) -> ListingParse {
        let lines = source.contentLines
        var diagnostics: [Diagnostic] = []
        var entries: [ListingEntry] = []
        var etAlEntries: [Int] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard let header = readHeader(line.text, context: context) else {
                diagnostics.append(Diagnostic(file: source.path, line: line.number,
                    "expected a category and date such as \"LGOct 27, 2022\", found \"\(line.text.prefix(40))\"; line skipped"))
                index += 1
                continue
            }
            if header.invalidDate {
                diagnostics.append(Diagnostic(file: source.path, line: line.number,
                    "cannot read date \"\(line.text.prefix(40))\""))
            }
            index += 1
            guard index < lines.count, readHeader(lines[index].text, context: context) == nil else {
                diagnostics.append(Diagnostic(file: source.path, line: line.number, "entry has no title; skipped"))
                continue
            }
            let titleLine = lines[index]
            index += 1
            var abstract: (text: String, truncated: Bool) = ("", false)
            if index < lines.count, readHeader(lines[index].text, context: context) == nil {
                abstract = ListingText.abstract(lines[index].text)
                index += 1
            } else {
                diagnostics.append(Diagnostic(file: source.path, line: titleLine.number, "entry has no abstract"))
            }
            var entry = ListingEntry(
                title: Text.clean(titleLine.text),
                date: header.date?.date,
                dateYearInferred: header.date?.yearInferred ?? false,
                category: header.category,
                abstract: abstract.text,
                abstractTruncated: abstract.truncated,
                source: SourceRef(path: source.path, line: titleLine.number, format: .authorFeed))
            if let split = TitleAuthorSplitter.split(titleLine.text) {
                entry.title = split.title
                entry.credits = split.authors.map { Credit($0) }
                entry.authorsComplete = !split.etAl
                entry.authorCount = split.etAl ? nil : split.authors.count
                if split.etAl { etAlEntries.append(entries.count) }
            } else {
                diagnostics.append(Diagnostic(file: source.path, line: titleLine.number,
                    "cannot tell the title from the authors in \"\(titleLine.text.prefix(60))\"; kept as a title without authors"))
            }
            entries.append(entry)
        }
        creditOwner(&entries, etAlEntries: etAlEntries)
        return ListingParse(format: .authorFeed, entries: entries, diagnostics: diagnostics)
    }

    /// A feed is its owner's page when one author is on most entries; the
    /// owner is then credited on "et al." entries that do not name them.
    static func creditOwner(_ entries: inout [ListingEntry], etAlEntries: [Int]) {
        guard entries.count >= 3 else { return }
        let keys = entries.map { $0.credits.map { PersonName.key($0.name) } }
        var counts: [String: (count: Int, name: String)] = [:]
        for (entry, entryKeys) in zip(entries, keys) {
            var seen = Set<String>()
            for (credit, key) in zip(entry.credits, entryKeys) where seen.insert(key).inserted {
                counts[key, default: (0, credit.name)].count += 1
            }
        }
        let top = counts.max { a, b in a.value.count != b.value.count ? a.value.count < b.value.count : a.key > b.key }
        guard let top, top.value.count * 2 > entries.count else { return }
        for index in etAlEntries where !keys[index].contains(top.key) {
            entries[index].credits.append(Credit(top.value.name, inferred: true))
        }
    }
}
