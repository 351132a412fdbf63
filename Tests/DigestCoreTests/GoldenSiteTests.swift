import XCTest
@testable import DigestCore

/// Builds the small fixture site in Fixtures/golden (three listings, one of
/// them hostile, one of two topics no curated theme takes, so two themes are
/// discovered; with the real Templates/) and compares every output file with
/// the checked-in copy in Fixtures/golden/expected. After an intended change,
/// regenerate with: DIGEST_UPDATE_GOLDEN=1 swift test --filter GoldenSiteTests
final class GoldenSiteTests: XCTestCase {
    static let fixture = TestPaths.fixtures + "/golden"

    func buildFixture(into out: String) throws -> DigestRun {
        try DigestRun.run(["build", "--seeds", Self.fixture + "/seeds", "--content", Self.fixture + "/Content",
                           "--templates", TestPaths.root.path + "/Templates", "--out", out,
                           "--base-url", "https://lab.example.org/digest/"])
    }

    func testOutputMatchesTheGoldenFiles() throws {
        let scratch = ScratchFolder()
        let run = try buildFixture(into: scratch.path + "/site")
        XCTAssertEqual(run.status, 0, run.stderr)
        let built = scratch.files("site")
        let expectedRoot = Self.fixture + "/expected"
        if ProcessInfo.processInfo.environment["DIGEST_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(atPath: expectedRoot)
            for (path, data) in built where !path.hasPrefix("assets/") {
                let url = URL(fileURLWithPath: expectedRoot + "/" + path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            return
        }
        let expected = FileTree.files(expectedRoot)
        XCTAssertEqual(Set(built.keys.filter { !$0.hasPrefix("assets/") }), expected, "files differ")
        for path in expected.sorted() {
            let want = FileManager.default.contents(atPath: expectedRoot + "/" + path)
            XCTAssertEqual(built[path].map { String(decoding: $0, as: UTF8.self) }, want.map { String(decoding: $0, as: UTF8.self) }, path)
        }
    }

    /// The hostile listing's <script>, quotes, &amp; and </script> are text
    /// everywhere: pages, feed and search index.
    func testListingTextIsEscapedEverywhere() throws {
        let scratch = ScratchFolder()
        XCTAssertEqual(try buildFixture(into: scratch.path + "/site").status, 0)
        let files = scratch.files("site")
        var checked = 0
        // BibTeX is not HTML: digest.bib keeps the title as text, escaped for
        // BibTeX's own syntax (IdentityTests); every other file is checked.
        for (path, data) in files where !path.hasPrefix("assets/") && !path.hasSuffix(".bib") {
            let text = String(decoding: data, as: UTF8.self)
            XCTAssertFalse(text.contains("<script>alert"), path)
            XCTAssertFalse(text.contains("</script> \"Quotes\""), path)
            if text.contains("alert(1)") { checked += 1 }
        }
        XCTAssertGreaterThanOrEqual(checked, 5)
        let page = try XCTUnwrap(files.first { $0.key.hasPrefix("papers/script-alert") }.map { String(decoding: $0.value, as: UTF8.self) })
        XCTAssertTrue(page.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &quot;Quotes&quot; &amp;amp; Tags&lt;/script&gt;</h1>"), page)
        // TeX: \emph as emphasis, formulas as MathML, their source kept escaped.
        XCTAssertTrue(page.contains("the <em>escaped</em> bound holds for <math><semantics><mrow><mi>ϵ</mi><mo>&lt;</mo><mn>1</mn></mrow>"
                                    + "<annotation encoding=\"application/x-tex\">\\epsilon &lt; 1</annotation></semantics></math>"), page)
        // Search cards keep the text, escaped so that it cannot close a <script>.
        let cards = files.filter { $0.key.hasPrefix("search/cards/") }.sorted { $0.key < $1.key }.map { String(decoding: $0.value, as: UTF8.self) }.joined()
        XCTAssertTrue(cards.contains(#"["\u003cscript\u003ealert(1)\u003c/script\u003e \"Quotes\" \u0026amp; Tags\u003c/script\u003e","2 authors","3 Mar 2024"#), cards)
        let terms = String(decoding: files["search/terms/0.json"]!, as: UTF8.self)
        // "script" is in one title only (whatever its search id), and in no author, abstract or note.
        XCTAssertNotNil(terms.range(of: #"\["script",\[\d+\],\[\],\[\],\[\]\]"#, options: .regularExpression), terms)
        let feed = String(decoding: files["feed.xml"]!, as: UTF8.self)
        XCTAssertTrue(feed.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; &quot;Quotes&quot; &amp;amp; Tags&lt;/script&gt;</title>"))
        // Markdown from Content/ goes through cmark: smart quotes, raw HTML dropped.
        XCTAssertTrue(String(decoding: files["index.html"]!, as: UTF8.self).contains("A <em>tiny</em> digest – built from “two” listings."))
        XCTAssertFalse(String(decoding: files["about/index.html"]!, as: UTF8.self).contains("<b>is not</b>"))
    }
}
