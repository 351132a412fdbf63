/// Names a listing's format from what it says, never from its file name.
///
/// Each format has a signature that the others lack: a profile's
/// "N papers on arXiv", the Daily Papers header or its "• N authors" footers,
/// an aggregator's "Collaborating Authors" header or its arXiv source lines,
/// a feed's category-and-date lines ("LGOct 27, 2022"). The strongest wins.
enum FormatDetector {
    static func detect(_ lines: [SourceText.Line], context: ParseContext) -> ListingFormat? {
        var scores: [ListingFormat: Int] = [:]
        // Every signature shows within the first few hundred lines.
        for (index, line) in lines.prefix(400).enumerated() {
            let text = line.text
            let head = index < 12
            if head, AuthorProfileParser.isPaperCountLine(text) { scores[.authorProfile, default: 0] += 50 }
            if head, text == "Papers on arXiv" { scores[.authorProfile, default: 0] += 10 }
            if head, text == "Daily Papers" { scores[.dailyPapers, default: 0] += 50 }
            if DailyPapersParser.authorCount(in: text) != nil { scores[.dailyPapers, default: 0] += 3 }
            if head, text == "Collaborating Authors" { scores[.aggregator, default: 0] += 50 }
            if AggregatorParser.isPreprintSource(text) { scores[.aggregator, default: 0] += 3 }
            if AuthorFeedParser.readHeader(text, context: context) != nil { scores[.authorFeed, default: 0] += head ? 6 : 3 }
        }
        let best = scores.max { a, b in
            a.value != b.value ? a.value < b.value : a.key.rawValue > b.key.rawValue
        }
        guard let best, best.value >= 6 else { return nil }
        return best.key
    }
}
