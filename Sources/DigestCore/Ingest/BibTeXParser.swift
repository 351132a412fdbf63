import Foundation

/// BibTeX files (`.bib` from arXiv, Google Scholar, Zotero, DBLP): entries
/// `@type{key, field = value, …}` with values in braces (nested), quotes or
/// bare (numbers, `@string` macros, the month macros), joined by `#`.
/// `@comment`, `@preamble` and text between entries are skipped. TeX in
/// names and titles becomes text (`Zdeborov{\'a}` → Zdeborová), protective
/// braces go, `and others` marks an incomplete author list.
///
/// Problems are reported per entry and never stop the file: an unclosed
/// brace or an entry without a title is skipped with its line, a second
/// entry under one key is skipped with a warning naming the first.
enum BibTeXParser {
    static func parse(path: String, bytes: [UInt8]) -> ListingParse {
        parse(path: path, bytes: bytes, pieceSize: 4 << 20)
    }

    /// Reads the file in pieces of about `pieceSize` bytes on every core
    /// when it can (see `pieces`), else from start to end; then turns the
    /// entries into listing entries on every core.
    static func parse(path: String, bytes: [UInt8], pieceSize: Int) -> ListingParse {
        let stretches = readInPieces(path: path, bytes: bytes, pieceSize: pieceSize)
            ?? [read(path: path, bytes: bytes, range: 0..<bytes.count, firstLine: 1)]
        var raw: [RawEntry] = []
        var diagnostics: [Diagnostic] = []
        var keys: [String: Int] = [:]
        keys.reserveCapacity(stretches.reduce(0) { $0 + $1.entries.count })
        raw.reserveCapacity(keys.capacity)
        for stretch in stretches {
            diagnostics += stretch.diagnostics
            for item in stretch.entries {
                if let first = keys[item.key], !item.key.isEmpty {
                    diagnostics.append(Diagnostic(file: path, line: item.line, "\(item.name) repeats the key of the entry at line \(first); skipped"))
                    continue
                }
                keys[item.key] = item.line
                raw.append(item)
            }
        }
        func convert(_ item: RawEntry) -> Result<ListingEntry, Problem> {
            entry(type: item.type, fields: item.fields, source: SourceRef(path: path, line: item.line, format: .bibtex))
        }
        var converted = ParallelMap.map(raw, minimumBatch: 256) { try? convert($0).get() }
        // The few that failed are converted again, for their problem.
        for index in raw.indices where converted[index] == nil {
            if case .failure(let problem) = convert(raw[index]) {
                diagnostics.append(Diagnostic(file: path, line: raw[index].line, "\(raw[index].name): \(problem.message); skipped"))
            }
        }
        diagnostics.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        return ListingParse(format: .bibtex, entries: Moving.compacted(&converted), diagnostics: diagnostics)
    }

    /// An entry as read: its fields' text, before TeX is turned into text.
    struct RawEntry: Sendable {
        var type: String
        var key: String
        var fields: Fields
        var line: Int
        var name: String { key.isEmpty ? "an entry" : "entry \"\(key)\"" }
    }

    /// What one stretch of the file holds, in order.
    struct Stretch: Sendable {
        var entries: [RawEntry] = []
        var diagnostics: [Diagnostic] = []
    }

    /// A big file read in pieces cut where a line starts with "@", one per
    /// core. Reading from such a line is reading from the start of a file,
    /// with one exception and one condition:
    /// - an `@string` macro holds from its definition to the end of the
    ///   file, so a file that defines one is read from start to end;
    /// - a cut inside an entry (a value with a line starting with "@")
    ///   leaves the entry before it unclosed, an error; so when any piece
    ///   has an error, the file is read again from start to end, and its
    ///   messages are exactly those of that reading.
    /// Nil when the file is read from start to end.
    static func readInPieces(path: String, bytes: [UInt8], pieceSize: Int) -> [Stretch]? {
        guard bytes.count > pieceSize * 2, !definesMacros(bytes) else { return nil }
        var cuts = [0]
        while let last = cuts.last, last + pieceSize < bytes.count,
              let next = ByteScan.lineStarting(with: 0x40, in: bytes, after: last + pieceSize) {
            cuts.append(next)
        }
        cuts.append(bytes.count)
        guard cuts.count > 2 else { return nil }
        let firstLines = ByteScan.firstLines(of: bytes, cuts: cuts)
        let stretches = ParallelMap.map(Array(firstLines.indices)) { k in
            read(path: path, bytes: bytes, range: cuts[k]..<cuts[k + 1], firstLine: firstLines[k])
        }
        if stretches.contains(where: { $0.diagnostics.contains { $0.severity == .error } }) { return nil }
        return stretches
    }

    /// True when an `@string` (any case, spaces allowed after "@") occurs.
    static func definesMacros(_ bytes: [UInt8]) -> Bool {
        var at = 0
        let word = Array("string".utf8)
        while let found = ByteScan.find([0x40], in: bytes, from: at) {
            var j = found + 1
            while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A || bytes[j] == 0x0D { j += 1 }
            if j + word.count <= bytes.count, zip(bytes[j..<j + word.count], word).allSatisfy({ $0 | 0x20 == $1 }) { return true }
            at = found + 1
        }
        return false
    }

    /// The entries and problems of `range`, read in order (a macro holds
    /// from its definition on). Keys are checked by the caller, across
    /// every stretch.
    static func read(path: String, bytes: [UInt8], range: Range<Int>, firstLine: Int) -> Stretch {
        var reader = Reader(bytes: bytes, range: range, line: firstLine)
        var stretch = Stretch()
        var macros = monthMacros
        while let (type, line) = reader.nextEntryStart() {
            let entryStart = reader.i
            switch type {
            case "comment", "preamble":
                if !reader.skipBlock() {
                    stretch.diagnostics.append(.error(file: path, line: line, "@\(type) is never closed; the rest of the file is skipped"))
                }
                continue
            default: break
            }
            guard let open = reader.openDelimiter() else {
                stretch.diagnostics.append(Diagnostic(file: path, line: line, "@\(type) is not followed by \"{\"; skipped"))
                continue
            }
            if type == "string" {
                do {
                    let fields = try reader.fields(close: open, macros: macros)
                    for (name, text) in fields.pairs { macros[name] = text }
                } catch let error as Reader.Failure {
                    stretch.diagnostics.append(.error(file: path, line: error.line ?? line, "@string: " + error.message))
                    reader.recover()
                } catch {}
                continue
            }
            let key = reader.entryKey()
            do {
                let fields = try reader.fields(close: open, macros: macros)
                stretch.entries.append(RawEntry(type: type, key: key, fields: fields, line: line))
            } catch let error as Reader.Failure {
                stretch.diagnostics.append(.error(file: path, line: error.line ?? line,
                    "entry \"\(key)\" (line \(line)): \(error.message); the entry is skipped"))
                // Go on from the next line that starts an entry after this
                // one began, so an unclosed brace costs one entry, not the file.
                reader.rewind(to: entryStart, line: line)
                reader.recover()
            } catch {}
        }
        return stretch
    }

    /// An entry's fields in the order written, looked up by name (lowercase);
    /// the first of a repeated name counts. A handful of fields an entry:
    /// a list is cheaper to fill, search and free than a dictionary.
    struct Fields: Sendable {
        var pairs: [(name: String, text: String)] = []
        subscript(name: String) -> String? { pairs.first { $0.name == name }?.text }
    }

    struct Problem: Error, Sendable { var message: String }

    static let monthMacros: [String: String] = [
        "jan": "1", "feb": "2", "mar": "3", "apr": "4", "may": "5", "jun": "6",
        "jul": "7", "aug": "8", "sep": "9", "oct": "10", "nov": "11", "dec": "12",
    ]

    /// One entry's fields as a listing entry.
    static func entry(type: String, fields: Fields, source: SourceRef) -> Result<ListingEntry, Problem> {
        func field(_ name: String) -> String? {
            guard let raw = fields[name] else { return nil }
            let text = TeXText.plain(raw)
            return text.isEmpty ? nil : text
        }
        guard let title = field("title") else { return .failure(Problem(message: "no title")) }
        var credits: [Credit] = []
        var complete = true
        if let raw = fields["author"] ?? fields["editor"] {
            for name in TeXText.splitNames(raw) {
                if name.lowercased() == "others" { complete = false; continue }
                let plain = TeXText.plain(name)
                if !plain.isEmpty { credits.append(Credit(BibTeXParser.displayName(plain))) }
            }
        } else {
            complete = false
        }
        var entry = ListingEntry(title: title, credits: credits, authorsComplete: complete && !credits.isEmpty,
                                 date: date(fields: fields), abstract: field("abstract") ?? "", source: source)
        let archive = (field("archiveprefix") ?? field("eprinttype"))?.lowercased()
        if let eprint = field("eprint"), archive == nil || archive == "arxiv" { entry.arxivID = ArxivID.parse(eprint) }
        entry.doi = field("doi").flatMap(DOI.parse)
        if entry.arxivID == nil, let doi = entry.doi { entry.arxivID = DOI.arxivID(doi) }
        entry.url = field("url")
        if entry.arxivID == nil {
            let places = [entry.url, field("journal"), field("note"), field("howpublished")].compactMap { $0 }
            entry.arxivID = places.lazy.compactMap { ArxivID.find(in: $0).first ?? ArxivID.parse($0) }.first
        }
        if let primary = field("primaryclass") { entry.categories = [ArxivCategories.code(primary)] }
        entry.category = entry.categories.first
        let venue = field("journal") ?? field("booktitle")
        if let venue, !venue.lowercased().hasPrefix("arxiv") { entry.journalRef = venue }
        return .success(entry)
    }

    /// "Last, First" and "Last, Jr, First" as "First Last" ("First Last Jr").
    /// Split on the comma bytes: six names an entry make this a hot path.
    static func displayName(_ name: String) -> String {
        let utf8 = name.utf8
        var parts: [Substring] = []
        var start = utf8.startIndex
        var at = start
        while let comma = utf8[at...].firstIndex(of: UInt8(ascii: ",")) {
            parts.append(name[start..<comma].trimmingSpaces())
            start = utf8.index(after: comma)
            at = start
        }
        guard !parts.isEmpty else { return Text.clean(name) }
        parts.append(name[start...].trimmingSpaces())
        switch parts.count {
        case 2: return Text.clean(parts[1] + " " + parts[0])
        case 3: return Text.clean(parts[2] + " " + parts[0] + " " + parts[1])
        default: return Text.clean(name)
        }
    }

    /// `date = {2024-03-05}` (biblatex), else `year` with `month` and `day`.
    static func date(fields: Fields) -> DayDate? {
        if let raw = fields["date"] {
            let parts = raw.trimmingSpaces().prefix(10).split(separator: "-").compactMap { Int($0) }
            switch parts.count {
            case 3: if let date = DayDate(year: parts[0], month: parts[1], day: parts[2]) { return date }
            case 2: if let date = DayDate(year: parts[0], month: parts[1], precision: .month) { return date }
            case 1: if let date = DayDate(year: parts[0], precision: .year) { return date }
            default: break
            }
        }
        guard let yearText = fields["year"], let year = Int(TeXText.plain(yearText).prefix(4)) else { return nil }
        guard let monthText = fields["month"]?.trimmingSpaces().lowercased(),
              let month = Int(monthText) ?? monthMacros[String(monthText.prefix(3))].flatMap({ Int($0) }) else {
            return DayDate(year: year, precision: .year)
        }
        if let dayText = fields["day"], let day = Int(dayText.trimmingSpaces()) {
            return DayDate(year: year, month: month, day: day) ?? DayDate(year: year, month: month, precision: .month)
        }
        return DayDate(year: year, month: month, precision: .month) ?? DayDate(year: year, precision: .year)
    }

    // MARK: Reading

    /// The file as bytes, read once from start to end.
    struct Reader {
        let bytes: [UInt8]
        /// Where this reading stops: the end of the file or of its piece.
        let end: Int
        var i: Int
        var line: Int

        struct Failure: Error { var message: String; var line: Int? }

        init(bytes: [UInt8], range: Range<Int>, line: Int) {
            self.bytes = bytes
            self.i = range.lowerBound
            self.end = range.upperBound
            self.line = line
        }

        var atEnd: Bool { i >= end }
        var current: UInt8 { bytes[i] }

        mutating func advance() {
            if bytes[i] == 0x0A { line += 1 }
            i += 1
        }

        mutating func skipSpace() {
            while !atEnd, current == 0x20 || current == 0x09 || current == 0x0A || current == 0x0D { advance() }
        }

        /// The next `@type`, lowercased, and its line.
        mutating func nextEntryStart() -> (String, Int)? {
            while !atEnd {
                if current == 0x40 {
                    let line = self.line
                    advance()
                    skipSpace()
                    let start = i
                    while !atEnd, isNameByte(current) { advance() }
                    guard i > start else { continue }
                    return (String(decoding: bytes[start..<i], as: UTF8.self).lowercased(), line)
                }
                advance()
            }
            return nil
        }

        func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x5F || byte == 0x2D || byte == 0x3A || byte == 0x2E || byte == 0x2B || byte == 0x2F
        }

        /// "{" or "(": the entry's closing delimiter.
        mutating func openDelimiter() -> UInt8? {
            skipSpace()
            guard !atEnd, current == 0x7B || current == 0x28 else { return nil }
            let close: UInt8 = current == 0x7B ? 0x7D : 0x29
            advance()
            return close
        }

        /// Skips a `{…}` or `(…)` block; false when it never closes.
        mutating func skipBlock() -> Bool {
            guard let close = openDelimiter() else { return true }
            var depth = 1
            while !atEnd {
                if current == 0x7B || (close == 0x29 && current == 0x28) { depth += 1 }
                if current == 0x7D || (close == 0x29 && current == 0x29) { depth -= 1 }
                advance()
                if depth == 0 { return true }
            }
            return false
        }

        /// The citation key: everything up to the first comma.
        mutating func entryKey() -> String {
            skipSpace()
            let start = i
            while !atEnd, current != 0x2C, current != 0x7D, current != 0x0A { advance() }
            let key = String(decoding: bytes[start..<i], as: UTF8.self).trimmingSpaces()
            if !atEnd, current == 0x2C { advance() }
            return String(key)
        }

        /// `name = value # value, …` up to `close`.
        mutating func fields(close: UInt8, macros: [String: String]) throws -> Fields {
            var fields = Fields()
            while true {
                skipSpace()
                guard !atEnd else { throw Failure(message: "no closing \"\(Character(Unicode.Scalar(close)))\"", line: nil) }
                if current == close { advance(); return fields }
                if current == 0x2C { advance(); continue }
                let start = i
                while !atEnd, isNameByte(current) { advance() }
                guard i > start else {
                    throw Failure(message: "expected a field name, found \"\(Character(Unicode.Scalar(current)))\"", line: line)
                }
                let name = String(decoding: bytes[start..<i], as: UTF8.self).lowercased()
                skipSpace()
                guard !atEnd, current == 0x3D else { throw Failure(message: "field \"\(name)\" has no \"=\"", line: line) }
                advance()
                var text = ""
                while true {
                    skipSpace()
                    guard !atEnd else { throw Failure(message: "field \"\(name)\" has no value", line: line) }
                    text += try valuePart(macros: macros, field: name)
                    skipSpace()
                    if !atEnd, current == 0x23 { advance(); continue }
                    break
                }
                fields.pairs.append((name, text))
            }
        }

        /// One piece of a value: `{…}`, `"…"`, a number or a macro.
        mutating func valuePart(macros: [String: String], field: String) throws -> String {
            let startLine = line
            if current == 0x7B {
                advance()
                let start = i
                // The value's closing brace, found through the buffer in one
                // tight loop (a 2 KB abstract is most of a .bib's bytes).
                let limit = end
                let (close, lines) = bytes.withUnsafeBufferPointer { buffer -> (Int, Int) in
                    var j = start, depth = 1, lines = 0
                    while j < limit {
                        let byte = buffer[j]
                        if byte == 0x0A { lines += 1 } else if byte == 0x5C {
                            if j + 1 < limit, buffer[j + 1] == 0x0A { lines += 1 }
                            j += 2
                            continue
                        } else if byte == 0x7B { depth += 1 } else if byte == 0x7D {
                            depth -= 1
                            if depth == 0 { break }
                        }
                        j += 1
                    }
                    return (min(j, limit), lines)
                }
                i = close
                line += lines
                guard !atEnd else { throw Failure(message: "the brace opened for \"\(field)\" on line \(startLine) is never closed", line: startLine) }
                let text = String(decoding: bytes[start..<i], as: UTF8.self)
                advance()
                return text
            }
            if current == 0x22 {
                advance()
                let start = i
                var depth = 0
                while !atEnd {
                    if current == 0x5C, i + 1 < end { advance(); advance(); continue }
                    if current == 0x7B { depth += 1 }
                    if current == 0x7D { depth -= 1 }
                    if current == 0x22, depth <= 0 { break }
                    advance()
                }
                guard !atEnd else { throw Failure(message: "the quote opened for \"\(field)\" on line \(startLine) is never closed", line: startLine) }
                let text = String(decoding: bytes[start..<i], as: UTF8.self)
                advance()
                return text
            }
            let start = i
            while !atEnd, isNameByte(current) { advance() }
            guard i > start else { throw Failure(message: "field \"\(field)\" has no value", line: line) }
            let word = String(decoding: bytes[start..<i], as: UTF8.self)
            if word.allSatisfy(\.isNumber) { return word }
            // An undefined macro reads as its name, as BibTeX warns and goes on.
            return macros[word.lowercased()] ?? word
        }

        mutating func rewind(to position: Int, line: Int) {
            i = position
            self.line = line
        }

        /// After a broken entry: on to the next line that starts an entry.
        mutating func recover() {
            while !atEnd {
                if current == 0x0A {
                    advance()
                    var j = i
                    while j < end, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                    if j < end, bytes[j] == 0x40 { return }
                    continue
                }
                advance()
            }
        }
    }
}

/// TeX as it stands in titles and names, turned into text: accents into
/// letters (NFC), protective braces dropped, `\&` `\%` `\$` `\_` `\#` and
/// `~` as their characters, `--`/`---` as dashes. Mathematics (`$…$`) is
/// kept as it is.
enum TeXText {
    static let accents: [Character: Character] = [
        "'": "\u{301}", "`": "\u{300}", "^": "\u{302}", "\"": "\u{308}", "~": "\u{303}", "=": "\u{304}", ".": "\u{307}",
        "u": "\u{306}", "v": "\u{30C}", "H": "\u{30B}", "c": "\u{327}", "k": "\u{328}", "r": "\u{30A}", "d": "\u{323}", "b": "\u{331}",
    ]
    static let letters: [String: String] = [
        "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "o": "ø", "O": "Ø", "ss": "ß", "l": "ł", "L": "Ł",
        "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ",
    ]

    static func plain(_ tex: String) -> String {
        // Most text holds no TeX outside its formulas (kept as written):
        // white space collapsed is all it needs.
        guard hasTeX(tex), hasTeXOutsideMath(tex) else { return Text.clean(tex) }
        return convert(tex)
    }

    /// The conversion itself; `plain` skips it when it would change nothing.
    /// On the UTF-8 bytes: every sign it acts on is ASCII, so the text in
    /// between (most of an abstract) is copied in runs, and a scalar is
    /// decoded only after a backslash. An accent is written as its base and
    /// a combining mark, composed by `Text.clean` (NFC) at the end.
    static func convert(_ tex: String) -> String {
        var source = tex
        let converted = source.withUTF8 { bytes -> [UInt8] in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            let count = bytes.count
            var i = 0
            var inMath = false
            func copy(_ range: Range<Int>) { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range])) }
            func length(at k: Int) -> Int {
                let lead = bytes[k]
                let size = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                return min(size, count - k)
            }
            func scalar(at k: Int) -> Unicode.Scalar {
                let size = length(at: k)
                var value = size == 1 ? UInt32(bytes[k]) : UInt32(bytes[k]) & (size == 2 ? 0x1F : size == 3 ? 0x0F : 0x07)
                for j in 1..<max(1, size) { value = value << 6 | UInt32(bytes[k + j] & 0x3F) }
                return Unicode.Scalar(value) ?? "\u{FFFD}"
            }
            func isLetter(at k: Int) -> Bool { k < count && scalar(at: k).properties.isAlphabetic }
            while i < count {
                let c = bytes[i]
                if c == 0x24 { inMath.toggle(); out.append(c); i += 1; continue }
                if inMath || !TeXText.signs[Int(c)] {
                    // A run up to the next sign (in a formula: to its end).
                    var end = i + 1
                    while end < count, inMath ? bytes[end] != 0x24 : !TeXText.signs[Int(bytes[end])] { end += 1 }
                    copy(i..<end)
                    i = end
                    continue
                }
                switch c {
                case 0x7B, 0x7D:
                    i += 1
                case 0x7E:
                    out.append(0x20); i += 1
                case 0x2D where i + 1 < count && bytes[i + 1] == 0x2D:
                    if i + 2 < count, bytes[i + 2] == 0x2D { out.append(contentsOf: "—".utf8); i += 3 } else { out.append(contentsOf: "–".utf8); i += 2 }
                case 0x5C:
                    i += 1
                    guard i < count else { break }
                    let next = scalar(at: i), nextLength = length(at: i)
                    if let mark = accentMarks[next], !(next.properties.isAlphabetic && isLetter(at: i + nextLength)) {
                        // \'a, \'{a}, {\'a}, \c{c}, \"{\i}
                        i += nextLength
                        while i < count, bytes[i] == 0x20 || bytes[i] == 0x7B { i += 1 }
                        if i < count, bytes[i] == 0x5C, i + 1 < count, bytes[i + 1] == 0x69 || bytes[i + 1] == 0x6A {
                            out.append(bytes[i + 1])
                            i += 2
                        } else if i < count {
                            let size = length(at: i)
                            copy(i..<i + size)
                            i += size
                        } else {
                            out.append(0x20)
                        }
                        out.append(contentsOf: String(mark).utf8)
                    } else if "&%$_#{}".unicodeScalars.contains(next) {
                        copy(i..<i + nextLength); i += nextLength
                    } else if next == "\\" {
                        out.append(0x20); i += 1
                    } else if next.properties.isAlphabetic {
                        let start = i
                        while isLetter(at: i) { i += length(at: i) }
                        let command = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                        if let letter = letters[command] {
                            out.append(contentsOf: letter.utf8)
                            if i < count, bytes[i] == 0x20 { i += 1 }
                        } else if TeXText.dropped.contains(command) {
                            // The command goes; its argument stays (braces drop).
                        } else {
                            out.append(0x5C)
                            copy(start..<i)
                        }
                    } else {
                        copy(i..<i + nextLength); i += nextLength
                    }
                default:
                    out.append(c); i += 1
                }
            }
            return out
        }
        return Text.clean(String(decoding: converted, as: UTF8.self))
    }

    /// The bytes `convert` acts on outside formulas: `{ } ~ - \ $`.
    static let signs: [Bool] = (0...255).map { [0x7B, 0x7D, 0x7E, 0x2D, 0x5C, 0x24].contains($0) }

    /// Commands that go while their argument stays.
    static let dropped: Set<String> = ["emph", "textit", "textbf", "textrm", "textsc", "textsf", "texttt", "mbox", "text", "url", "href"]

    /// Whether a brace, a backslash, a tie or "--" stands outside `$…$`:
    /// an abstract whose only TeX is its formulas needs no conversion.
    static func hasTeXOutsideMath(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            signs.withUnsafeBufferPointer { signs in
                var inMath = false
                var previous: UInt8 = 0
                for byte in bytes {
                    // As `convert` reads it: inside a formula every "$" ends
                    // it; outside, a backslash is TeX already.
                    if signs[Int(byte)] {
                        if byte == 0x24 { inMath.toggle() } else if !inMath, byte != 0x2D || previous == 0x2D { return true }
                    }
                    previous = byte
                }
                return false
            }
        }
    }

    /// `accents` by Unicode scalar, for the scalar loop above.
    static let accentMarks: [Unicode.Scalar: Unicode.Scalar] = Dictionary(uniqueKeysWithValues: accents.map {
        ($0.key.unicodeScalars.first!, $0.value.unicodeScalars.first!)
    })

    /// Whether `text` holds a brace, a backslash, a tie or "--".
    static func hasTeX(_ text: String) -> Bool {
        ByteScan.containsAny(of: [0x7B, 0x7D, 0x5C, 0x7E], orDoubleDash: true, in: text)
    }

    /// The names of an author field: split at "and" outside braces.
    static func splitNames(_ field: String) -> [String] {
        let bytes = Array(field.utf8)
        var names: [String] = []
        var depth = 0
        var start = 0
        var i = 0
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x7B { depth += 1 } else if b == 0x7D { depth -= 1 }
            if depth == 0, isSpace(b), i + 4 < bytes.count, bytes[i + 1] | 0x20 == 0x61, bytes[i + 2] | 0x20 == 0x6E,
               bytes[i + 3] | 0x20 == 0x64, isSpace(bytes[i + 4]) {
                names.append(String(decoding: bytes[start..<i], as: UTF8.self))
                i += 5
                start = i
                continue
            }
            i += 1
        }
        names.append(String(decoding: bytes[start...], as: UTF8.self))
        return names.map { String($0.trimmingSpaces()) }.filter { !$0.isEmpty }
    }
}
