import Foundation
import XCTest
@testable import DigestCore

/// Every test of the Mustache spec (Tests/DigestCoreTests/Fixtures/mustache-spec,
/// with its LICENSE), lambdas excepted (the optional module is not shipped).
final class MustacheSpecTests: XCTestCase {
    func value(_ json: Any) -> TemplateValue {
        // JSONSerialization gives NSNumber for numbers and booleans alike.
        if let number = json as? NSNumber {
            if type(of: json) == Bool.self || String(cString: number.objCType) == "c" { return .bool(number.boolValue) }
            return "\(number)".contains(".") ? .double(number.doubleValue) : .int(number.intValue)
        }
        switch json {
        case let string as String: return .string(string)
        case let array as [Any]: return .list(array.map(value))
        case let object as [String: Any]: return .object(TemplateObject(object.map { ($0.key, value($0.value)) as (String, TemplateValue) }))
        default: return .null
        }
    }

    func runSpec(_ file: String) throws {
        let url = URL(fileURLWithPath: TestPaths.fixtures + "/mustache-spec/" + file)
        let spec = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let tests = try XCTUnwrap(spec["tests"] as? [[String: Any]])
        XCTAssertFalse(tests.isEmpty)
        for test in tests {
            let name = test["name"] as! String
            let partials = (test["partials"] as? [String: String]) ?? [:]
            let library = try MustacheLibrary(sources: partials)
            let output = try library.render(template: test["template"] as! String, value(test["data"] as Any))
            XCTAssertEqual(output, test["expected"] as? String, "\(file): \(name)")
        }
    }

    func testComments() throws { try runSpec("comments.json") }
    func testDelimiters() throws { try runSpec("delimiters.json") }
    func testInterpolation() throws { try runSpec("interpolation.json") }
    func testInverted() throws { try runSpec("inverted.json") }
    func testPartials() throws { try runSpec("partials.json") }
    func testSections() throws { try runSpec("sections.json") }
    func testInheritance() throws { try runSpec("~inheritance.json") }

    func testErrorsNameTheFileAndLine() {
        XCTAssertThrowsError(try MustacheLibrary(sources: ["page": "ok\n{{#papers}}\n{{title}}\n"],
                                                 files: ["page": "Templates/page.mustache"])) { error in
            XCTAssertEqual("\(error)", "Templates/page.mustache:2: error: {{#papers}} is never closed")
        }
        XCTAssertThrowsError(try MustacheLibrary(sources: ["page": "{{#a}}\n{{/b}}"], files: ["page": "p.mustache"])) { error in
            XCTAssertEqual("\(error)", "p.mustache:2: error: {{/b}} closes {{#a}} opened on line 1")
        }
        let library = try! MustacheLibrary(sources: ["page": "{{> nav}}"], files: ["page": "p.mustache"])
        XCTAssertEqual(library.missingReferences().map(\.description),
                       ["p.mustache:1: error: no template named \"nav\"; is there a file nav.mustache in the templates folder?"])
    }

    func testEscapesByDefault() throws {
        let library = try MustacheLibrary(sources: ["t": "{{x}}|{{{x}}}|{{&x}}"])
        XCTAssertEqual(try library.render("t", ["x": "<script>alert(\"1\")</script>&'"]),
                       "&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt;&amp;&#39;|<script>alert(\"1\")</script>&'|<script>alert(\"1\")</script>&'")
    }
}

/// Template objects: fields in order, later ones replacing earlier ones.
final class TemplateObjectTests: XCTestCase {
    func testFieldsAreFoundReplacedAndRemoved() {
        var object = TemplateObject([("title", "A"), ("url", "a.html"), ("title", "B")])
        XCTAssertEqual(object.count, 2)
        XCTAssertEqual(object["title"]?.text, "B")
        XCTAssertNil(object["Title"])
        object["url"] = nil
        object["count"] = 3
        XCTAssertEqual(object.count, 2)
        XCTAssertNil(object["url"])
        XCTAssertEqual(object["count"]?.text, "3")
        // Many fields, each found under its own name only.
        let names = (0..<200).map { "field_\($0)" }
        let big = TemplateObject(names.map { ($0, TemplateValue.string($0)) })
        for name in names { XCTAssertEqual(big[name]?.text, name) }
        let library = try! MustacheLibrary(sources: [:])
        XCTAssertEqual(try library.render(template: "{{a.b}} {{#a}}{{b}}{{/a}}", ["a": ["b": "x"]]), "x x")
    }
}
