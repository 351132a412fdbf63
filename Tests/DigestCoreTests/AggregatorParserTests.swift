import XCTest
@testable import DigestCore

final class AggregatorParserTests: XCTestCase {
    let lines = TestPaths.seedLines("002")

    func testLastFirstAuthorsAndTheNewsItemIsSkipped() throws {
        let (parse, diagnostics) = DigestCoreTests.parse(lines.joined(separator: "\n"), path: "agg.txt")
        XCTAssertEqual(parse?.format, .aggregator)
        let entries = try XCTUnwrap(parse?.entries)
        XCTAssertEqual(entries.count, 9)
        XCTAssertFalse(entries.contains { $0.title.contains("Sudan") })
        XCTAssertEqual(diagnostics.map(\.description), [
            "agg.txt:80: skipped \"Sudan drone attack on key hospital killed 64 people during E\": not a paper (source \"BBC News\", no authors)",
        ])
        let rmt = try XCTUnwrap(entries.first { $0.title.hasPrefix("Random Matrix Theory") })
        XCTAssertEqual(rmt.credits.map(\.name), ["Florentin Coeurdoux", "Grégoire Ferré", "Jean-Philippe Bouchaud"])
        XCTAssertTrue(rmt.authorsComplete)
        XCTAssertEqual(rmt.category, "Machine Learning")
        let sharp = try XCTUnwrap(entries.first { $0.title.hasPrefix("Sharp description") })
        XCTAssertEqual(sharp.credits.map(\.name), ["Jie Huang", "Bruno Loureiro", "Stefano Sarao Mannelli"])
        let theory = try XCTUnwrap(entries.first)
        XCTAssertEqual(theory.credits.count, 14)
        XCTAssertEqual(theory.credits[3].name, "Enric Boix-Adserà")
        XCTAssertEqual(theory.credits[11].name, "Eric J. Michaud")
    }
}
