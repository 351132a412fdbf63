import XCTest
@testable import DigestCore

final class JSONWriterTests: XCTestCase {
    func testStringsAreEscapedSoTheyCanSitInsideAScriptElement() {
        var out: [UInt8] = []
        JSONWriter.appendString("a\"b\\c\n\t\u{1}</script>&\u{7F} é \u{2028}\u{2029} \u{2026}", to: &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self),
                       #""a\"b\\c\n\t\u0001\u003c/script\u003e\u0026\u007f é \u2028\u2029 …""#)
        out = []
        JSONWriter.appendString("", to: &out)
        XCTAssertEqual(out, Array(#""""#.utf8))
    }

    /// Random text, escapes among long plain runs: the output reads back
    /// as the same string, and holds none of the bytes a script element
    /// or a JSON string may not hold raw.
    func testEscapedStringsReadBackAsTheText() throws {
        let pieces = ["plain words ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "<", ">", "&", "\u{7F}", "é", "\u{2028}", "\u{2029}",
                      "\u{2026}", "—", "𝔼", "\u{E000}"]
        var random = SplitMix64(seed: 8)
        for _ in 0..<2000 {
            let text = (0..<Int(random.next() % 12)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            var out: [UInt8] = []
            JSONWriter.appendString(text, to: &out)
            let decoded = try JSONSerialization.jsonObject(with: Data(("[" + String(decoding: out, as: UTF8.self) + "]").utf8)) as? [String]
            XCTAssertEqual(decoded, [text], text.debugDescription)
            XCTAssertFalse(out.contains { $0 < 0x20 || $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x7F }, text.debugDescription)
            XCTAssertFalse(String(decoding: out, as: UTF8.self).contains("\u{2028}"), text.debugDescription)
        }
    }

    func testKeysKeepTheirOrder() {
        var json = JSONWriter()
        json.beginObject()
        json.key("z"); json.int(1)
        json.key("a"); json.beginArray(); json.string("x"); json.null(); json.bool(true); json.endArray()
        json.endObject()
        XCTAssertEqual(json.string, #"{"z":1,"a":["x",null,true]}"#)
    }
}
