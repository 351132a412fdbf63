import XCTest
@testable import DigestCore

final class SourceTextTests: XCTestCase {
    /// The byte-level trim keeps Unicode's answer: random mixes of ASCII
    /// and Unicode white space, combining marks and letters trim exactly as
    /// a character-by-character trim does.
    func testTrimmingMatchesCharacterTrim() {
        func reference(_ text: Substring) -> Substring {
            guard let first = text.firstIndex(where: { !$0.isWhitespace }) else { return text[text.endIndex...] }
            return text[first...text.lastIndex(where: { !$0.isWhitespace })!]
        }
        let pieces = [" ", "\t", "\r\n", "\n", "\u{A0}", "\u{2003}", "\u{301}", "a", "é", "Z", ",", "日"]
        var rng = SplitMix64(seed: 17)
        for _ in 0..<3_000 {
            let text = (0..<Int(rng.next() % 8)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            XCTAssertEqual(String(text[...].trimmingSpaces()), String(reference(text[...])), text.debugDescription)
        }
        XCTAssertEqual(String("  Jamba, Fiona \r".trimmingSpaces()), "Jamba, Fiona")
        XCTAssertEqual(String("\u{A0}Lenka Zdeborová\u{2003}".trimmingSpaces()), "Lenka Zdeborová")
    }

    /// Lines keep their numbers; blank ones drop out of the content lines.
    func testContentLinesAreTrimmedAndNumbered() {
        let source = SourceText(path: "x.txt", bytes: Array("  Title one \r\n\r\n\tAbstract…\n".utf8))
        XCTAssertEqual(source.contentLines.map(\.number), [1, 3])
        XCTAssertEqual(source.contentLines.map { String($0.text) }, ["Title one", "Abstract…"])
    }
}
