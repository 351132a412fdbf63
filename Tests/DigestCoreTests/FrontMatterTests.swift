import XCTest
@testable import DigestCore

/// Front matter and the configuration file: the small YAML subset, and a
/// `file:line` error for everything outside it.
final class FrontMatterTests: XCTestCase {
    func testFieldsListsQuotesAndBody() throws {
        let front = try FrontMatter.parse("""
            ---
            title: Training dynamics: a survey
            keywords: [edge of stability, "catapult, phase", 'single']
            # a comment
            order: 3
            empty: []
            ---
            The *body*.
            """, file: "t.md")
        XCTAssertEqual(front.text("title"), "Training dynamics: a survey")
        XCTAssertEqual(front.list("keywords"), ["edge of stability", "catapult, phase", "single"])
        XCTAssertEqual(front.text("order"), "3")
        XCTAssertEqual(front.list("empty"), [])
        XCTAssertEqual(front.lines["order"], 5)
        XCTAssertEqual(front.body, "The *body*.")
        // A text value reads as a list of one.
        XCTAssertEqual(front.list("title"), ["Training dynamics: a survey"])
    }

    func testNoFrontMatterIsAllBody() throws {
        let front = try FrontMatter.parse("Just text\n---\nmore", file: "t.md")
        XCTAssertTrue(front.fields.isEmpty)
        XCTAssertEqual(front.body, "Just text\n---\nmore")
    }

    func testEveryMistakeIsAnErrorWithItsLine() {
        let source = "---\ntitle: A\nnot a pair\n9 bad key!: x\ntitle: twice\nlist: [a, b\nquoted: [\"open]\nholes: [a, , b]\n"
        XCTAssertThrowsError(try FrontMatter.parse(source, file: "t.md")) { error in
            let messages = (error as! DiagnosticsError).diagnostics.map(\.description)
            XCTAssertEqual(messages, [
                "t.md:3: error: front matter line \"not a pair\" is not \"key: value\"",
                "t.md:4: error: front matter key \"9 bad key!\" must be letters, digits, - or _",
                "t.md:5: error: front matter key \"title\" is set twice",
                "t.md:6: error: list \"[a, b\" has no closing \"]\"",
                "t.md:7: error: list \"[\"open]\" has an unclosed quote",
                "t.md:8: error: list \"[a, , b]\" has an empty item",
                "t.md:1: error: front matter starts with \"---\" but has no closing \"---\" line; did you forget it?",
            ])
        }
    }

    func testConfigurationFileHasNoDelimiters() throws {
        let fields = try FrontMatter.parseFields("title: Lab\n\npage_size: 20\n", file: "config.yaml")
        XCTAssertEqual(fields.text("title"), "Lab")
        XCTAssertEqual(fields.lines["page_size"], 3)
        XCTAssertThrowsError(try FrontMatter.parseFields("title Lab\n", file: "config.yaml")) { error in
            XCTAssertEqual("\(error)", "config.yaml:1: error: line \"title Lab\" is not \"key: value\"")
        }
    }

    func testBaseURLsAreCheckedAndGetTheirSlash() throws {
        XCTAssertEqual(try SiteConfig.normalizedBaseURL("https://lab.example.org/digest"), "https://lab.example.org/digest/")
        XCTAssertEqual(try SiteConfig.normalizedBaseURL("http://localhost:8000/"), "http://localhost:8000/")
        for bad in ["lab.example.org", "https://", "ftp://x.org/", "https://x.org/a b", "https://x.org/?q=1", "javascript:alert(1)"] {
            XCTAssertThrowsError(try SiteConfig.normalizedBaseURL(bad), bad)
        }
        var config = SiteConfig()
        config.baseURL = "https://lab.example.org/lab/digest/"
        XCTAssertEqual(config.basePath, "/lab/digest/")
        config.baseURL = "https://lab.example.org/"
        XCTAssertEqual(config.basePath, "/")
        config.baseURL = nil
        XCTAssertEqual(config.basePath, "/")
    }
}
