import Glibc

/// One input file split into lines, each remembering its 1-based number.
///
/// Reading never fails: "\r\n" and "\r" line ends read as "\n", UTF-16 with
/// a byte-order mark is decoded, invalid UTF-8 is replaced (with one
/// warning per line), and a line that cannot be read (an absurdly long
/// one, binary data) is replaced by a placeholder and listed in
/// `unreadable`, so the lines around it keep their places and the reader
/// can drop the entry that held it.
struct SourceText: Sendable {
    struct Line: Sendable {
        var number: Int
        var text: Substring
    }

    /// The path as the user named it, used in messages.
    var path: String
    var lines: [Line]
    var diagnostics: [Diagnostic]
    /// Numbers of the lines that could not be read, ascending.
    var unreadable: [Int] = []
    /// What an unreadable line reads as: one character no parser takes
    /// for a header, so the entry around it stays in place.
    static let placeholder: Substring = "\u{FFFD}"

    /// Longest line kept; a real abstract is a few thousand characters.
    static let maxLineBytes = 64 * 1024

    var baseName: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    init(path: String, bytes raw: [UInt8]) {
        self.path = path
        let bytes = TextDecoding.normalized(raw)
        var unreadable: [Int] = []
        var lines: [Line] = []
        var diagnostics: [Diagnostic] = []
        var start = 0
        var number = 0
        let count = bytes.count
        lines.reserveCapacity(count / 64)
        while start < count || (start == count && number == 0 && count > 0) {
            number += 1
            // The next newline, found by memchr (many bytes a step).
            let end = bytes.withUnsafeBufferPointer { buffer -> Int in
                guard start < count, let base = buffer.baseAddress,
                      let found = memchr(base + start, 0x0A, count - start) else { return count }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            var stop = end
            if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
            let length = stop - start
            if length > SourceText.maxLineBytes {
                diagnostics.append(Diagnostic(file: path, line: number,
                    "line is \(length) bytes long (limit \(SourceText.maxLineBytes)); skipped"))
                lines.append(Line(number: number, text: SourceText.placeholder))
                unreadable.append(number)
            } else {
                let slice = bytes[start..<stop]
                var text: String
                let hasNUL = slice.withUnsafeBufferPointer { buffer in
                    buffer.baseAddress.map { memchr($0, 0, buffer.count) != nil } ?? false
                }
                if hasNUL {
                    diagnostics.append(Diagnostic(file: path, line: number,
                        "binary data (NUL bytes); line skipped"))
                    text = String(SourceText.placeholder)
                    unreadable.append(number)
                } else if let valid = String(validating: slice, as: UTF8.self) {
                    text = valid
                } else {
                    diagnostics.append(Diagnostic(file: path, line: number,
                        "invalid UTF-8; bad bytes replaced with U+FFFD"))
                    text = String(decoding: slice, as: UTF8.self)
                }
                lines.append(Line(number: number, text: Substring(text)))
            }
            start = end + 1
        }
        self.lines = lines
        self.diagnostics = diagnostics
        self.unreadable = unreadable
    }

    init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The non-blank lines, trimmed: what most parsers walk over.
    var contentLines: [Line] {
        lines.compactMap { line in
            let trimmed = line.text.trimmingSpaces()
            return trimmed.isEmpty ? nil : Line(number: line.number, text: trimmed)
        }
    }
}

extension Substring {
    /// Leading and trailing white space removed. ASCII white space is
    /// trimmed byte by byte; when a non-ASCII byte meets either edge (a
    /// no-break space, a combining mark), characters decide, as Unicode says.
    func trimmingSpaces() -> Substring {
        let bytes = utf8
        var start = bytes.startIndex, end = bytes.endIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        while start < end, isSpace(bytes[start]) { bytes.formIndex(after: &start) }
        while end > start, isSpace(bytes[bytes.index(before: end)]) { bytes.formIndex(before: &end) }
        if start == end || (bytes[start] < 0x80 && bytes[bytes.index(before: end)] < 0x80) { return self[start..<end] }
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return self[first...last]
    }
}

extension String {
    func trimmingSpaces() -> Substring { self[...].trimmingSpaces() }
}
