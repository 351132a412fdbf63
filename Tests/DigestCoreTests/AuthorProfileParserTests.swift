import XCTest
@testable import DigestCore

final class AuthorProfileParserTests: XCTestCase {
    /// The header of seeds/000 and its first two papers, verbatim.
    let listing = TestPaths.seedLines("000").prefix(10).joined(separator: "\n")

    func testReadsTitleAbstractPairsAndCreditsTheOwner() throws {
        let (parse, diagnostics) = DigestCoreTests.parse(listing)
        XCTAssertEqual(parse?.format, .authorProfile)
        let entries = try XCTUnwrap(parse?.entries)
        XCTAssertEqual(entries.count, 2)
        XCTAssertEqual(entries[0].title, "How Neural Networks Learn the Support is an Implicit Regularization Effect of SGD")
        XCTAssertEqual(entries[0].credits, [Credit("Tomaso Poggio", inferred: true)])
        XCTAssertFalse(entries[0].authorsComplete)
        XCTAssertNil(entries[0].authorCount)
        XCTAssertTrue(entries[0].abstractTruncated)
        XCTAssertTrue(entries[0].abstract.hasSuffix("in the first layer of the netw"), entries[0].abstract)
        XCTAssertEqual(entries[1].source.line, 9)
        // The cut header count (47) does not match the two papers kept here.
        XCTAssertEqual(diagnostics.map(\.description), ["test.txt:1: profile says 47 papers, but 2 were read"])
    }

    func testATitleThatLostItsAbstractIsKeptWithAWarning() throws {
        var lines = TestPaths.seedLines("000").prefix(12).map { $0 }
        lines.remove(at: 7) // the first paper's abstract
        let (parse, diagnostics) = DigestCoreTests.parse(lines.joined(separator: "\n"))
        XCTAssertEqual(parse?.entries.map(\.title).count, 3)
        XCTAssertEqual(parse?.entries[0].abstract, "")
        XCTAssertTrue(diagnostics.contains { $0.description.hasPrefix("test.txt:7: no abstract after title") })
    }
}
