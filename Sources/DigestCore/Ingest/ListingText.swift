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
    /// number of short comma-separated parts, none a sentence.
    static func looksLikeLastFirstList(_ line: Substring) -> Bool {
        guard line.containsByte(0x2C) else { return false }
        let parts = line.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.count % 2 == 0 else { return false }
        return parts.allSatisfy { part in
            let words = part.split(separator: " ")
            guard (1...4).contains(words.count) else { return false }
            return words.allSatisfy { word in
                guard let first = word.first else { return false }
                return first.isUppercase || PersonName.particles.contains(String(word))
            }
        }
    }
}
