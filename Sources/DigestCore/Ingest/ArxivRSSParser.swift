import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// arXiv's announcement feeds (RSS 2.0, one per category): one `<item>` a
/// paper, with `title`, `link`, a `description` that starts "arXiv:ID
/// Announce Type: new|cross|replace|replace-cross" then "Abstract: …",
/// `category` elements, `dc:creator` with the author list, and `pubDate`.
enum ArxivRSSParser {
    static func parse(path: String, bytes: [UInt8]) -> ListingParse {
        let (entries, diagnostics) = XMLListing.run(RSSReader(path: path), on: Data(bytes), path: path, unit: "items")
        return ListingParse(format: .arxivRSS, entries: entries, diagnostics: diagnostics)
    }

    private final class RSSReader: NSObject, XMLListingReader {
        let path: String
        var entries: [ListingEntry] = []
        var diagnostics: [Diagnostic] = []
        private var inItem = false
        private var text = ""
        private var line = 0
        private var fields: [String: String] = [:]
        private var categories: [String] = []

        /// The first XML error: its line, its code, and how many entries
        /// were whole before it.
        var firstError: (line: Int, code: Int, entriesBefore: Int)?

        init(path: String) { self.path = path }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            if firstError == nil { firstError = (parser.lineNumber, (parseError as NSError).code, entries.count) }
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            text = ""
            if name == "item" {
                inItem = true
                line = parser.lineNumber
                fields = [:]
                categories = []
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard inItem else { return }
            switch name {
            case "category": categories.append(Text.clean(text))
            case "item":
                inItem = false
                finishItem()
            case "title", "link", "description", "creator", "pubDate", "announce_type": fields[name] = text
            default: break
            }
            text = ""
        }

        private func finishItem() {
            var title = TeXText.plainTitle(fields["title"] ?? "")
            // Older feeds end the title with "(arXiv:2401.12345v1 [cs.LG])".
            if let open = title.range(of: " (arXiv:", options: .backwards), title.hasSuffix(")") { title = String(title[..<open.lowerBound]) }
            guard !title.isEmpty else {
                diagnostics.append(Diagnostic(file: path, line: line, "item without a title; skipped"))
                return
            }
            let description = Text.clean(fields["description"] ?? "")
            var abstract = description
            if let range = description.range(of: "Abstract:") { abstract = String(description[range.upperBound...]).trimmingSpaces().description }
            let names = (fields["creator"] ?? "").split(separator: ",").map { Text.clean(String($0)) }.filter { !$0.isEmpty }
            var entry = ListingEntry(title: title, credits: names.map { Credit($0) }, authorsComplete: !names.isEmpty,
                                     date: fields["pubDate"].flatMap(ArxivRSSParser.rfc822Day),
                                     abstract: abstract, source: SourceRef(path: path, line: line, format: .arxivRSS))
            entry.arxivID = ArxivID.find(in: description).first ?? fields["link"].flatMap(ArxivID.parse)
            // A replacement is announced long after the paper appeared: its
            // date ranks below any other source's, as an inferred one does.
            let type = Text.clean(fields["announce_type"] ?? "").lowercased()
            if type.hasPrefix("replace") || description.contains("Announce Type: replace") { entry.dateYearInferred = true }
            entry.url = fields["link"].map { Text.clean($0) }
            entry.categories = categories.filter { !$0.isEmpty }
            entry.category = entry.categories.first
            entries.append(entry)
        }
    }

    /// "Mon, 15 Jan 2024 00:00:00 -0500" → 2024-01-15.
    static func rfc822Day(_ text: String) -> DayDate? {
        let words = text.split(separator: " ")
        guard let dayIndex = words.firstIndex(where: { Int($0) != nil }), dayIndex + 2 < words.count,
              let day = Int(words[dayIndex]), let month = DayDate.monthNames.firstIndex(of: String(words[dayIndex + 1].prefix(3))),
              let year = Int(words[dayIndex + 2]) else { return nil }
        return DayDate(year: year, month: month + 1, day: day)
    }
}
