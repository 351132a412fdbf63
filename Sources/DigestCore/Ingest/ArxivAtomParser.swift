import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// arXiv API results (the `export.arxiv.org/api/query` Atom feed): one
/// `<entry>` a paper, with `<id>http://arxiv.org/abs/ID vN</id>`,
/// `published`, `title`, `summary`, `author/name`,
/// `arxiv:primary_category`, `category`, `link`s, `arxiv:doi`,
/// `arxiv:comment` and `arxiv:journal_ref`. Read with Foundation's
/// XMLParser; malformed XML is an error at its line, and the entries read
/// before it are kept.
enum ArxivAtomParser {
    static func parse(path: String, bytes: [UInt8]) -> ListingParse {
        let pieces = split(bytes)
        // Each piece is copied out of the file on the core that parses it.
        var results = ParallelMap.map(pieces) { piece -> ([ListingEntry], [Diagnostic]) in
            parseChunk(path: path, data: piece.data(of: bytes), lineOffset: piece.lineOffset)
        }
        var parts: [[ListingEntry]] = []
        var diagnostics: [Diagnostic] = []
        for index in results.indices {
            // Taken out, so that the piece's entries are held once.
            parts.append(results[index].0)
            results[index].0 = []
            diagnostics += results[index].1
            // After malformed XML nothing later is trusted.
            if results[index].1.contains(where: { $0.severity == .error }) { break }
        }
        return ListingParse(format: .arxivAtom, entries: Moving.joined(&parts, filler: .movedOut), diagnostics: diagnostics)
    }

    /// A stretch of the feed between entries, and what wraps it into a
    /// document of its own.
    struct Piece {
        var range: Range<Int>
        var before: [UInt8] = []
        var after: [UInt8] = []
        /// Lines of the file before the piece: the wrapper adds none.
        var lineOffset: Int

        func data(of bytes: [UInt8]) -> Data {
            var data = Data(capacity: range.count + before.count + after.count)
            data.append(contentsOf: before)
            bytes[range].withUnsafeBytes { data.append(contentsOf: $0) }
            data.append(contentsOf: after)
            return data
        }
    }

    /// A large feed cut between entries into pieces of about 4 MB, each
    /// wrapped in the feed's own start tag (so its namespaces hold) and
    /// parsed on its own core.
    static func split(_ bytes: [UInt8]) -> [Piece] {
        let target = 4 << 20
        guard bytes.count > target * 2,
              let feedStart = ByteScan.find(Array("<feed".utf8), in: bytes, from: 0),
              let feedEnd = bytes[feedStart...].firstIndex(of: UInt8(ascii: ">")) else { return [Piece(range: bytes.indices, lineOffset: 0)] }
        let startTag = Array(bytes[feedStart...feedEnd])
        let entry = Array("<entry>".utf8)
        var cuts: [Int] = [0]
        var position = target
        while position < bytes.count, let next = ByteScan.find(entry, in: bytes, from: position) {
            cuts.append(next)
            position = next + target
        }
        cuts.append(bytes.count)
        let firstLines = ByteScan.firstLines(of: bytes, cuts: cuts)
        return firstLines.indices.map { k in
            Piece(range: cuts[k]..<cuts[k + 1], before: k > 0 ? startTag : [], after: k < cuts.count - 2 ? Array("</feed>".utf8) : [],
                  lineOffset: firstLines[k] - 1)
        }
    }

    static func parseChunk(path: String, data: Data, lineOffset: Int) -> ([ListingEntry], [Diagnostic]) {
        XMLListing.run(AtomReader(path: path, lineOffset: lineOffset), on: data, path: path, unit: "entries")
    }

    private final class AtomReader: NSObject, XMLListingReader {
        let path: String
        var entries: [ListingEntry] = []
        var diagnostics: [Diagnostic] = []
        private var inEntry = false
        private var inAuthor = false
        private var text = ""
        private var line = 0
        private var fields = Fields()
        private var authors: [String] = []
        private var categories: [String] = []
        private var primary: String?
        /// The `alternate` link (a link without `title` or `rel` is one).
        private var alternate: String?

        /// The elements read as text (stored properties, not a dictionary:
        /// 100,000 entries mean a million of them).
        private struct Fields {
            var id, published, title, summary, doi, journalRef: String?
        }

        /// The first XML error: its line, its code, and how many entries
        /// were whole before it.
        var firstError: (line: Int, code: Int, entriesBefore: Int)?

        let lineOffset: Int

        init(path: String, lineOffset: Int) {
            self.path = path
            self.lineOffset = lineOffset
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            if firstError == nil { firstError = (parser.lineNumber + lineOffset, (parseError as NSError).code, entries.count) }
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            text = ""
            switch name {
            case "entry":
                inEntry = true
                line = parser.lineNumber + lineOffset
                fields = Fields(); authors = []; categories = []; primary = nil; alternate = nil
            case "author" where inEntry: inAuthor = true
            case "primary_category" where inEntry: primary = attributes["term"]
            case "category" where inEntry: if let term = attributes["term"] { categories.append(term) }
            case "link" where inEntry:
                if let href = attributes["href"], (attributes["title"] ?? attributes["rel"] ?? "alternate") == "alternate" { alternate = href }
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard inEntry else { return }
            switch name {
            case "name" where inAuthor: authors.append(Text.clean(text))
            case "author": inAuthor = false
            case "entry":
                inEntry = false
                finishEntry()
            case "id" where !inAuthor: fields.id = text
            case "published" where !inAuthor: fields.published = text
            case "title" where !inAuthor: fields.title = text
            case "summary" where !inAuthor: fields.summary = text
            case "doi" where !inAuthor: fields.doi = text
            case "journal_ref" where !inAuthor: fields.journalRef = text
            default: break
            }
            text = ""
        }

        private func finishEntry() {
            let title = TeXText.plainTitle(fields.title ?? "")
            let source = SourceRef(path: path, line: line, format: .arxivAtom)
            guard !title.isEmpty else {
                diagnostics.append(Diagnostic(file: path, line: line, "entry without a title; skipped"))
                return
            }
            // arXiv answers a bad query with HTTP 200 and one entry titled "Error".
            if title == "Error", (fields.id ?? "").contains("/api/errors") {
                diagnostics.append(.error(file: path, line: line, "the arXiv API answered with an error: \(Text.clean(fields.summary ?? ""))"))
                return
            }
            var entry = ListingEntry(title: title, credits: authors.filter { !$0.isEmpty }.map { Credit($0) },
                                     authorsComplete: !authors.isEmpty,
                                     date: fields.published.flatMap(ArxivAtomParser.isoDay),
                                     abstract: Text.clean(fields.summary ?? ""), source: source)
            entry.arxivID = fields.id.flatMap(ArxivID.parse)
            entry.doi = fields.doi.flatMap(DOI.parse)
            entry.url = alternate ?? fields.id.map { Text.clean($0) }
            var all: [String] = []
            for code in (primary.map { [$0] } ?? []) + categories where !all.contains(code) { all.append(code) }
            entry.categories = all
            entry.category = all.first
            entry.journalRef = fields.journalRef.map { Text.clean($0) }
            if entry.arxivID == nil {
                diagnostics.append(Diagnostic(file: path, line: line, "entry \"\(title.prefix(60))\" has no arXiv id in <id>; kept without one"))
            }
            entries.append(entry)
        }
    }

    /// "2022-01-06T18:59:44Z" → 2022-01-06.
    static func isoDay(_ text: String) -> DayDate? {
        let bytes = Array(text.trimmingSpaces().utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return DayDate(year: year, month: month, day: day)
    }
}

/// A delegate that collects a listing's entries and the first XML error.
protocol XMLListingReader: XMLParserDelegate {
    var entries: [ListingEntry] { get set }
    var diagnostics: [Diagnostic] { get set }
    var firstError: (line: Int, code: Int, entriesBefore: Int)? { get }
}

enum XMLListing {
    /// Parses `data` with `reader`. Foundation's parser may report success
    /// on malformed XML, so the reader notes the first error; the entries
    /// after it are not trusted, and the error names its line.
    static func run(_ reader: some XMLListingReader, on data: Data, path: String, unit: String) -> ([ListingEntry], [Diagnostic]) {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = reader
        _ = parser.parse()
        if let error = reader.firstError {
            reader.entries.removeSubrange(error.entriesBefore...)
            reader.diagnostics.append(.error(file: path, line: error.line,
                "not well-formed XML (\(XMLProblem.describe(error.code))); the \(unit) from here on are skipped"))
        }
        return (reader.entries, reader.diagnostics)
    }
}

enum XMLProblem {
    /// libxml2's error codes, as Foundation's XMLParser passes them on.
    static func describe(_ code: Int) -> String {
        switch code {
        case 4: return "the document is empty"
        case 5: return "the document ends before its elements close"
        case 9: return "a character XML does not allow"
        case 26: return "an undefined entity"
        case 39, 40, 41: return "a broken attribute"
        case 68: return "a name was expected"
        case 73, 76: return "a closing tag does not match its opening tag"
        case 111: return "an entity refers to itself"
        default: return "XML error \(code)"
        }
    }
}

extension TeXText {
    /// A title from a feed: white space collapsed, TeX accents as letters.
    static func plainTitle(_ raw: String) -> String {
        let clean = Text.clean(raw)
        return hasTeX(clean) ? plain(clean) : clean
    }
}
