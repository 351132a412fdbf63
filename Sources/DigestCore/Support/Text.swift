import Foundation

/// Text clean-up and folding shared by every stage.
///
/// Listing text is untrusted and messy; `clean` gives the display form
/// (Unicode NFC, no control characters, single spaces), `fold` the form used
/// for identity and matching (lowercase, no diacritics). Both take an ASCII
/// fast path, because nearly all listing text is ASCII.
enum Text {
    /// NFC, control characters dropped, runs of white space collapsed, trimmed.
    static func clean(_ text: String) -> String {
        var copy = text
        // Clean already (most fields): the same string, not a copy of it.
        if copy.withUTF8(isCleanASCII) { return text }
        return clean(text[...])
    }

    static func clean(_ text: Substring) -> String {
        var text = text
        if text.withUTF8(isCleanASCII) { return String(text) }
        // One pass collapses, and notes on the way whether NFC could change
        // anything; only then is the text composed and collapsed again.
        let collapsed = text.withUTF8(collapse)
        guard collapsed.mayNeedComposition else { return collapsed.text }
        var nfc = String(text).precomposedStringWithCanonicalMapping
        return nfc.withUTF8(collapse).text
    }

    /// True for printable ASCII with single spaces between words and none at
    /// either end: what `collapse` would give back unchanged (most lines).
    static func isCleanASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return bytes.isEmpty }
        return cleanRunEnd(bytes, from: 0) == bytes.count
    }

    /// Where the run from `start` of printable ASCII with single spaces
    /// ends: the first control, byte from 0x7F up, or second space in a
    /// row (`start` must not be a space). Eight bytes are checked at a
    /// time, as one 64-bit word, and the word that ends the run byte by byte.
    static func cleanRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, highs: UInt64 = 0x8080_8080_8080_8080
        let spaces: UInt64 = 0x2020_2020_2020_2020
        let raw = UnsafeRawBufferPointer(bytes)
        var i = start
        var previousSpace = false
        while i + 8 <= bytes.count {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)  // byte i in the low bits
            // A byte of 0x7F or more: its low seven bits plus one, or its own
            // top bit, reach bit 7.
            if ((x & lows) &+ ones | x) & highs != 0 { break }
            // A byte below 0x20 (control characters).
            if (x &- spaces) & ~x & highs != 0 { break }
            // Bit 7 set in exactly the bytes that are spaces.
            let t = x ^ spaces
            let isSpace = ~(((t & lows) &+ lows) | t | lows)
            // Two spaces in a row, inside this word or across the last one.
            if isSpace & (isSpace << 8) != 0 || (previousSpace && isSpace & 0x80 != 0) { break }
            previousSpace = isSpace >> 63 != 0
            i += 8
        }
        var previous: UInt8 = previousSpace ? 0x20 : 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte > 0x20 && byte < 0x7F { previous = byte; i += 1; continue }
            if byte != 0x20 || previous == 0x20 { return i }
            previous = byte
            i += 1
        }
        return i
    }

    /// Drops control characters and collapses white space (Unicode's
    /// White_Space, listed below) to single spaces, trimmed, working on
    /// the UTF-8 bytes.
    /// Also says whether NFC could change the text (see `needsComposition`).
    private static func collapse(_ bytes: UnsafeBufferPointer<UInt8>) -> (text: String, mayNeedComposition: Bool) {
        var mayNeedComposition = false
        let text = String(unsafeUninitializedCapacity: bytes.count) { out in
            var length = 0
            var pendingSpace = false
            var i = 0
            while i < bytes.count {
                let lead = bytes[i]
                if lead > 0x20 && lead < 0x7F {
                    // A run that needs no change is copied whole, but a
                    // space at its end waits (white space may follow).
                    if pendingSpace { out[length] = 0x20; length += 1; pendingSpace = false }
                    let end = cleanRunEnd(bytes, from: i)
                    let copied = bytes[end - 1] == 0x20 ? end - 1 : end
                    UnsafeMutableRawPointer(out.baseAddress! + length).copyMemory(from: bytes.baseAddress! + i, byteCount: copied - i)
                    length += copied - i
                    pendingSpace = copied < end
                    i = end
                    continue
                }
                if lead < 0x80 {
                    if lead <= 0x20 || lead == 0x7F {
                        pendingSpace = length > 0
                    } else {
                        if pendingSpace { out[length] = 0x20; length += 1; pendingSpace = false }
                        out[length] = lead
                        length += 1
                    }
                    i += 1
                    continue
                }
                let size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                var value = UInt32(lead) & (size == 2 ? 0x1F : size == 3 ? 0x0F : 0x07)
                for k in 1..<size where i + k < bytes.count { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                if value >= 0x300, !mayNeedComposition, let scalar = Unicode.Scalar(value), needsComposition(scalar) {
                    mayNeedComposition = true
                }
                if (0x80..<0xA0).contains(value) || isWhiteSpace(value) {
                    pendingSpace = length > 0
                } else {
                    if pendingSpace { out[length] = 0x20; length += 1; pendingSpace = false }
                    for k in 0..<size where i + k < bytes.count { out[length] = bytes[i + k]; length += 1 }
                }
                i += size
            }
            return length
        }
        return (text, mayNeedComposition)
    }

    /// Unicode's White_Space property beyond ASCII.
    private static func isWhiteSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// A scalar NFC may combine with its neighbour or replace: a combining
    /// mark, or one of the ranges whose normal form differs. In the spirit
    /// of Unicode's NFC_Quick_Check: text with none of them is already in
    /// NFC, so the (slow) Foundation call is skipped; every scalar below
    /// U+0300 is ASCII or starts with a byte below CC, so `collapse` asks
    /// only about the rest (Greek, accents, math symbols).
    private static func needsComposition(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if scalar.properties.canonicalCombiningClass != .notReordered { return true }
        return (0x1100...0x11FF).contains(v) || (0x2126...0x212B).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0x2F800...0x2FA1F).contains(v) || (0x0340...0x0344).contains(v) || v == 0x0374 || v == 0x037E
            || v == 0x0387 || (0x1F71...0x1FFD).contains(v) || (0x2000...0x2001).contains(v)
            || (0x0900...0x0DFF).contains(v) || (0x0F00...0x0FFF).contains(v) || (0x1B00...0x1B7F).contains(v)
            || (0x3099...0x309A).contains(v) || (0x110000 > v && v >= 0x1D15E && v <= 0x1D1C0)
    }

    /// Lowercase, diacritics removed: "Boix-Adserà" → "boix-adsera".
    static func fold<S: StringProtocol>(_ text: S) -> String {
        var isASCII = true
        for byte in text.utf8 where byte >= 0x80 { isASCII = false; break }
        if isASCII {
            var bytes = Array(text.utf8)
            for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] |= 0x20 }
            return String(decoding: bytes, as: UTF8.self)
        }
        let folded = String(text).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var out = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            switch scalar {
            case "ø": out.append("o")
            case "ł": out.append("l")
            case "đ": out.append("d")
            case "ß": out.append(contentsOf: "ss".unicodeScalars)
            case "æ": out.append(contentsOf: "ae".unicodeScalars)
            case "œ": out.append(contentsOf: "oe".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Folded words: letters and digits only, split at everything else.
    /// "Boix-Adserà, Enric" → ["boix", "adsera", "enric"].
    static func words<S: StringProtocol>(_ text: S) -> [Substring] {
        let folded = fold(text)
        return folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    }

    /// A key for "the same title": folded words joined by single spaces.
    static func key<S: StringProtocol>(_ text: S) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        appendKey(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `key(text)`'s bytes to `out` (which many keys can share).
    /// ASCII is folded byte by byte, and so are the accented Latin letters
    /// of `LatinFolds` (names: "Zdeborová", "Grégoire"); other text goes
    /// through `words`.
    static func appendKey<S: StringProtocol>(_ text: S, to out: inout [UInt8]) {
        let start = out.count
        var lead: UInt8 = 0
        for byte in text.utf8 {
            if lead != 0 {
                guard let folded = LatinFolds.table.letters(lead, byte) else { return appendWordsKey(text, to: &out, from: start) }
                lead = 0
                out.append(folded.0)
                if folded.1 != 0 { out.append(folded.1) }
                continue
            }
            if byte >= 0x80 {
                guard LatinFolds.leads.contains(byte) else { return appendWordsKey(text, to: &out, from: start) }
                lead = byte
                continue
            }
            let isDigit = byte >= 0x30 && byte <= 0x39
            let lower = byte | 0x20
            if isDigit || (lower >= 0x61 && lower <= 0x7A) {
                out.append(isDigit ? byte : lower)
            } else if out.count > start, out[out.count - 1] != 0x20 {
                out.append(0x20)
            }
        }
        if lead != 0 { return appendWordsKey(text, to: &out, from: start) }
        if out.count > start, out[out.count - 1] == 0x20 { out.removeLast() }
    }

    /// The key through Unicode folding, replacing what `out` got from `start`.
    private static func appendWordsKey<S: StringProtocol>(_ text: S, to out: inout [UInt8], from start: Int) {
        out.removeSubrange(start...)
        out.append(contentsOf: words(text).joined(separator: " ").utf8)
    }
}

/// The accented Latin letters (U+00C0–U+024F, two UTF-8 bytes each) that
/// `Text.fold` turns into one or two ASCII letters ("é" → "e", "ß" →
/// "ss"), as a table made once by folding each of them: the fast path of
/// `Text.appendKey` gives what `fold` gives by construction.
struct LatinFolds: Sendable {
    static let leads: ClosedRange<UInt8> = 0xC3...0xC9
    static let table = LatinFolds()

    /// Per second byte under each lead: the letters, 0 for none.
    private var folds: [(UInt8, UInt8)]

    private init() {
        folds = Array(repeating: (0, 0), count: LatinFolds.leads.count * 64)
        for value in UInt32(0xC0)...0x24F {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let folded = Array(Text.fold(String(Character(scalar))).utf8)
            guard (1...2).contains(folded.count), folded.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { continue }
            let bytes = Array(String(Character(scalar)).utf8)
            folds[Int(bytes[0] - LatinFolds.leads.lowerBound) * 64 + Int(bytes[1] & 0x3F)] = (folded[0], folded.count > 1 ? folded[1] : 0)
        }
    }

    /// The letters for the two bytes `lead`, `next`, or nil.
    func letters(_ lead: UInt8, _ next: UInt8) -> (UInt8, UInt8)? {
        guard next & 0xC0 == 0x80 else { return nil }
        let fold = folds[Int(lead - LatinFolds.leads.lowerBound) * 64 + Int(next & 0x3F)]
        return fold.0 == 0 ? nil : fold
    }
}

extension StringProtocol {
    /// True when the UTF-8 bytes hold `byte`: one memchr over native text
    /// (the generic `utf8.contains` walks the view index by index).
    func containsByte(_ byte: UInt8) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }) {
            return found
        }
        return utf8.contains(byte)
    }
}
