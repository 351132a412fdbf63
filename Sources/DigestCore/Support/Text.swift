import Foundation

/// Text clean-up and folding shared by every stage.
///
/// Listing text is untrusted and messy; `clean` gives the display form
/// (Unicode NFC, no control characters, single spaces), `fold` the form used
/// for identity and matching (lowercase, no diacritics). Both take an ASCII
/// fast path, because nearly all listing text is ASCII.
public enum Text {
    /// NFC, control characters dropped, runs of white space collapsed, trimmed.
    public static func clean<S: StringProtocol>(_ text: S) -> String {
        var isASCII = true
        for byte in text.utf8 where byte >= 0x80 { isASCII = false; break }
        if isASCII { return collapseASCII(text.utf8) }
        let nfc = String(text).precomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in nfc.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F
                || (0x80..<0xA0).contains(scalar.value) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        return String(out)
    }

    private static func collapseASCII<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if byte <= 0x20 || byte == 0x7F {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lowercase, diacritics removed: "Boix-Adserà" → "boix-adsera".
    public static func fold<S: StringProtocol>(_ text: S) -> String {
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
    public static func words<S: StringProtocol>(_ text: S) -> [Substring] {
        let folded = fold(text)
        return folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    }

    /// A key for "the same title": folded words joined by single spaces.
    public static func key<S: StringProtocol>(_ text: S) -> String {
        words(text).joined(separator: " ")
    }
}
