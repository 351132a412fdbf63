import XCTest
@testable import DigestCore

/// HTML (templates, abstracts) and XML (feed, sitemap) escaping, byte level.
final class EscapingTests: XCTestCase {
    func testXMLEscapesMarkupAndDropsWhatXMLForbids() {
        XCTAssertEqual(XML.escape("Set<AnyCancellable> & \"quotes\" 'too'"),
                       "Set&lt;AnyCancellable&gt; &amp; &quot;quotes&quot; &apos;too&apos;")
        XCTAssertEqual(XML.escape("a\u{0}b\u{1B}c\td\ne\rf"), "abc\td\ne\rf")
        XCTAssertEqual(XML.escape("x\u{FFFE}y\u{FFFF}z\u{FFFD}"), "xyz\u{FFFD}", "U+FFFD (EF BF BD) stays")
        XCTAssertEqual(XML.escape("Zdeborová – 北京 🙂"), "Zdeborová – 北京 🙂")
        XCTAssertEqual(XML.escape(""), "")
    }

    func testXMLAgreesWithAScalarByScalarEscaper() {
        func reference(_ text: String) -> String {
            escapeScalarByScalar(text, apostrophe: "&apos;") { scalar in
                (scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r")
                    || scalar.value == 0xFFFE || scalar.value == 0xFFFF
            }
        }
        let pieces = ["a", " ", "&", "<", ">", "\"", "'", "\u{0}", "\u{7}", "\t", "\n", "é", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{EFFF}", "😀"]
        var rng = SplitMix64(seed: 17)
        for _ in 0..<2000 {
            let text = (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            XCTAssertEqual(XML.escape(text), reference(text), "for \(text.debugDescription)")
        }
    }

    func testHTMLEscapesTheFiveCharactersAndKeepsTheRest() {
        XCTAssertEqual(HTML.escape("<script>alert(\"x\")</script> & 'y'"),
                       "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;")
        XCTAssertEqual(HTML.escape("Zdeborová $\\epsilon$"), "Zdeborová $\\epsilon$")
        XCTAssertEqual(HTML.escape("&"), "&amp;")
        XCTAssertEqual(HTML.escape(""), "")
    }

    /// The eight-bytes-at-a-time skip escapes as a scalar-by-scalar
    /// escaper does, on long mixes with the five at every position.
    func testHTMLAgreesWithAScalarByScalarEscaper() {
        func reference(_ text: String) -> String { escapeScalarByScalar(text, apostrophe: "&#39;") }
        let pieces = ["&", "<", ">", "\"", "'", "é", "日", "\u{0}", "\u{301}", "?", "=", "%"]
        var rng = SplitMix64(seed: 43)
        for _ in 0..<5_000 {
            let text = (0..<Int(rng.next() % 60)).map { _ -> String in
                rng.next() % 8 == 0 ? pieces[Int(rng.next() % UInt64(pieces.count))] : String(UnicodeScalar(UInt8(0x61 + rng.next() % 26)))
            }.joined()
            XCTAssertEqual(HTML.escape(text), reference(text), text.debugDescription)
        }
        // Every byte value inside a word: only the five are taken for specials.
        for byte in UInt8(0)...UInt8(0x7F) {
            let word = UInt64(byte) << 24 | 0x6161_6161_0061_6161
            XCTAssertEqual(HTML.hasSpecial(word), [0x26, 0x3C, 0x3E, 0x22, 0x27].contains(byte), "byte \(byte)")
        }
    }

    func testArxivQueryValueIsPercentEncoded() {
        XCTAssertEqual(Route.queryValue("Grokking: a μ-test (2024)?"), "Grokking%3A+a+%CE%BC-test+%282024%29%3F")
        XCTAssertEqual(Route.queryValue("a_b.c~d"), "a_b.c~d")
        XCTAssertEqual(Route.arxivSearch(title: "x&y"), "https://arxiv.org/search/?searchtype=title&query=x%26y")
    }

    /// Page descriptions: the first 200 characters, cut by bytes when the
    /// text is ASCII, the same as cutting by characters.
    func testDescriptionPrefixAgreesWithCharacterPrefix() {
        let pieces = ["a", " ", "é", "e\u{301}", "\u{301}", "\r\n", "🙂", "."]
        var rng = SplitMix64(seed: 43)
        for _ in 0..<2000 {
            let text = (0..<Int(rng.next() % 40)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            for count in [0, 1, 5, 20] {
                XCTAssertEqual(PageData.prefix(text, characters: count), String(text.prefix(count)), text.debugDescription)
            }
        }
        let long = String(repeating: "word ", count: 100)
        XCTAssertEqual(PageData.prefix(long, characters: 200), String(long.prefix(200)))
        XCTAssertEqual(PageData.prefix(long + "\u{301}", characters: 500), long + "\u{301}")
    }
}

/// The plain escaper the fast ones are checked against: scalar by scalar,
/// the five as entities (`apostrophe` for "'"), leaving out what `drop` names.
private func escapeScalarByScalar(_ text: String, apostrophe: String, drop: (Unicode.Scalar) -> Bool = { _ in false }) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += apostrophe
        default: if !drop(scalar) { out.unicodeScalars.append(scalar) }
        }
    }
    return out
}
