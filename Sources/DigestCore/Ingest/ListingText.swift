/// Small readers for the pieces every listing format shares: dates such as
/// "Oct 23, 2025" or "Mar 13", abstracts cut with or without "...", and
/// author names written "Last, First".
enum ListingText {
    struct ReadDate {
        var date: DayDate
        var yearInferred: Bool
        /// Whatever followed the date on the line ("3" upvotes, "Code").
        var rest: Substring
    }

    /// Reads "Mon D, YYYY" or "Mon D" at the start of `text`.
    /// Returns nil when the text does not start with a month name and a day;
    /// `invalid` is set when it does, but the day does not exist ("Feb 30").
    static func readDate(_ text: Substring, context: ParseContext, invalid: inout Bool) -> ReadDate? {
        invalid = false
        let scalars = Array(text.utf8.prefix(24))
        guard scalars.count >= 5, let month = DayDate.month(named: text.prefix(3)),
              scalars[3] == 0x20 else { return nil }
        var i = 4
        var day = 0
        let dayStart = i
        while i < scalars.count, i - dayStart < 2, let digit = asciiDigit(scalars[i]) {
            day = day * 10 + digit; i += 1
        }
        guard i > dayStart else { return nil }
        if i < scalars.count, asciiDigit(scalars[i]) != nil { return nil }
        var year: Int?
        if i + 6 <= scalars.count, scalars[i] == 0x2C, scalars[i + 1] == 0x20 {
            var value = 0
            var digits = 0
            var j = i + 2
            while j < scalars.count, digits < 4, let digit = asciiDigit(scalars[j]) {
                value = value * 10 + digit; j += 1; digits += 1
            }
            if digits == 4 { year = value; i = j }
        }
        let rest = text.utf8.dropFirst(i)
        let restText = Substring(rest)
        if let year {
            guard let date = DayDate(year: year, month: month, day: day) else { invalid = true; return nil }
            return ReadDate(date: date, yearInferred: false, rest: restText)
        }
        guard let date = DayDate.latest(month: month, day: day, notAfter: context.reference) else {
            invalid = true; return nil
        }
        return ReadDate(date: date, yearInferred: true, rest: restText)
    }

    static func asciiDigit(_ byte: UInt8) -> Int? {
        byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
    }

    /// An abstract as listed, and whether the listing cut it.
    /// A trailing "..." marks a cut; so does ending mid-sentence.
    static func abstract(_ raw: Substring) -> (text: String, truncated: Bool) {
        let text = Text.clean(raw)
        // "..." or "…" (E2 80 A6) at the end, compared as bytes.
        let bytes = Array(text.utf8.suffix(3))
        if bytes == [0x2E, 0x2E, 0x2E] || bytes == [0xE2, 0x80, 0xA6] {
            var kept = text.utf8.dropLast(3)[...]
            while kept.last == 0x20 { kept = kept.dropLast() }
            return (String(decoding: kept, as: UTF8.self), true)
        }
        return (text, !endsSentence(text))
    }

    static func endsSentence(_ text: String) -> Bool {
        var tail = text.unicodeScalars.reversed().makeIterator()
        while let scalar = tail.next() {
            switch scalar {
            case ".", "!", "?": return true
            case ")", "\"", "'", "”", "’", "]", "}", "$": continue
            default: return false
            }
        }
        return false
    }

    /// "Boix-Adserà, Enric, Bordelon, Blake" → ["Enric Boix-Adserà", "Blake Bordelon"].
    /// Returns nil when the parts do not pair up.
    static func lastFirstList(_ line: Substring) -> [String]? {
        let parts = line.split(separator: ",", omittingEmptySubsequences: false)
            .map { Text.clean($0) }
        guard parts.count >= 2, parts.count % 2 == 0, !parts.contains(where: \.isEmpty) else { return nil }
        return stride(from: 0, to: parts.count, by: 2).map { "\(parts[$0 + 1]) \(parts[$0])" }
    }

    /// True for a line that reads as a list of "Last, First" names: an even
    /// number of short comma-separated parts, none a sentence. Read as
    /// bytes; only a word starting with a non-ASCII letter is looked at as
    /// a character.
    static func looksLikeLastFirstList(_ line: Substring) -> Bool {
        guard line.containsByte(0x2C) else { return false }
        var line = line
        return line.withUTF8 { bytes in
            var commas = 0
            for byte in bytes where byte == 0x2C { commas += 1 }
            guard commas % 2 == 1 else { return false }
            var partStart = 0
            while partStart <= bytes.count {
                var partEnd = partStart
                while partEnd < bytes.count, bytes[partEnd] != 0x2C { partEnd += 1 }
                guard isShortNamePart(UnsafeBufferPointer(rebasing: bytes[partStart..<partEnd])) else { return false }
                partStart = partEnd + 1
            }
            return true
        }
    }

    /// One to four space-separated words, each capitalised or a particle.
    private static func isShortNamePart(_ part: UnsafeBufferPointer<UInt8>) -> Bool {
        var words = 0
        var i = 0
        while i < part.count {
            if part[i] == 0x20 { i += 1; continue }
            var end = i
            while end < part.count, part[end] != 0x20 { end += 1 }
            words += 1
            guard words <= 4 else { return false }
            let word = UnsafeBufferPointer(rebasing: part[i..<end])
            let first = word[0]
            let capitalised = first < 0x80
                ? (first >= 0x41 && first <= 0x5A)
                : String(decoding: word, as: UTF8.self).first?.isUppercase == true
            if !capitalised, !PersonName.particles.contains(String(decoding: word, as: UTF8.self)) { return false }
            i = end
        }
        return words >= 1
    }
}
