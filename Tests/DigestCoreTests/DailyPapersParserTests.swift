import XCTest
@testable import DigestCore

final class DailyPapersParserTests: XCTestCase {
    let lines = TestPaths.seedLines("001")

    func testBlockWithFooterHasCountAndDate() throws {
        let (parse, _) = DigestCoreTests.parse(lines.prefix(20).joined(separator: "\n"))
        XCTAssertEqual(parse?.format, .dailyPapers)
        let entry = try XCTUnwrap(parse?.entries.first)
        XCTAssertEqual(entry.title, "A Neural Network Perturbation Theory Based on the Born Series")
        XCTAssertEqual(entry.authorCount, 2)
        XCTAssertTrue(entry.credits.isEmpty)
        XCTAssertEqual(entry.date?.description, "2020-09-07")
        XCTAssertFalse(entry.dateYearInferred)
        XCTAssertEqual(entry.source.line, 13)
    }

    func testWholeSeed() throws {
        let (parse, diagnostics) = DigestCoreTests.parse(lines.joined(separator: "\n"))
        let entries = try XCTUnwrap(parse?.entries)
        XCTAssertEqual(entries.count, 33)
        XCTAssertEqual(diagnostics, [])
        // "Dale meets Langevin" has no footer at all: no count, no date.
        let dale = try XCTUnwrap(entries.first { $0.title.hasPrefix("Dale meets Langevin") })
        XCTAssertNil(dale.date)
        XCTAssertNil(dale.authorCount)
        XCTAssertFalse(dale.abstract.isEmpty)
        // "Oct 23, 2025 3": a date followed by upvotes.
        let principles = try XCTUnwrap(entries.first { $0.title == "The Principles of Diffusion Models" })
        XCTAssertEqual(principles.date?.description, "2025-10-23")
        XCTAssertEqual(principles.upvotes, 3)
        // "Mar 13" without a year: the latest March 13 not after 2026-11-22.
        let ghosts = try XCTUnwrap(entries.last)
        XCTAssertEqual(ghosts.date?.description, "2026-03-13")
        XCTAssertTrue(ghosts.dateYearInferred)
        // Cut mid-word with no ellipsis.
        let dichotomy = try XCTUnwrap(entries.first { $0.title.hasPrefix("Dichotomy of Control") })
        XCTAssertTrue(dichotomy.abstractTruncated)
        XCTAssertFalse(principles.abstractTruncated)
    }

    func testUnreadableFooterDateIsAWarningWithTheLine() {
        var copy = Array(lines.prefix(28))
        copy[18] = "Foo 31"
        let (parse, diagnostics) = DigestCoreTests.parse(copy.joined(separator: "\n"), path: "seeds/feed.txt")
        XCTAssertEqual(parse?.entries.count, 2)
        XCTAssertEqual(diagnostics.map(\.description), ["seeds/feed.txt:19: cannot read date \"Foo 31\""])
    }

    func testYearlessDateIsTheLatestNotAfterTheReference() {
        XCTAssertEqual(DayDate.latest(month: 11, day: 22, notAfter: testReference)?.description, "2026-11-22")
        XCTAssertEqual(DayDate.latest(month: 11, day: 23, notAfter: testReference)?.description, "2025-11-23")
        XCTAssertEqual(DayDate.latest(month: 2, day: 29, notAfter: testReference)?.description, "2024-02-29")
    }
}
