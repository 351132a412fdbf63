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

    func testKeysKeepTheirOrder() {
        var json = JSONWriter()
        json.beginObject()
        json.key("z"); json.int(1)
        json.key("a"); json.beginArray(); json.string("x"); json.null(); json.bool(true); json.endArray()
        json.endObject()
        XCTAssertEqual(json.string, #"{"z":1,"a":["x",null,true]}"#)
    }
}
