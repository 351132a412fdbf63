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
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&apos;"
                default:
                    if scalar.value < 0x20, scalar != "\n", scalar != "\t", scalar != "\r" { continue }
                    if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                    out.unicodeScalars.append(scalar)
                }
            }
            return out
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
}
