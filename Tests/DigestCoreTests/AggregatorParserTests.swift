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

    /// The byte-level check for "Last, First" author lines agrees with a
    /// character-level reading, on real lines and on random mixes.
    func testAuthorLineCheckAgreesWithCharacterSplitting() {
        func reference(_ line: Substring) -> Bool {
            let parts = line.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count >= 2, parts.count % 2 == 0 else { return false }
            return parts.allSatisfy { part in
                let words = part.split(separator: " ")
                guard (1...4).contains(words.count) else { return false }
                return words.allSatisfy { $0.first!.isUppercase || PersonName.particles.contains(String($0)) }
            }
        }
        XCTAssertTrue(ListingText.looksLikeLastFirstList("Boix-Adserà, Enric, Bordelon, Blake"))
        XCTAssertTrue(ListingText.looksLikeLastFirstList("van der Hoeven, Joris, Émery, Zoë"))
        XCTAssertFalse(ListingText.looksLikeLastFirstList("We study grokking, and show that, in practice, it helps."))
        let pieces = ["Ada", "Lovelace", "van", "der", "émile", "Émile", "x", "1", " ", "  ", ",", ", ", "Ø", "ñ"]
        var rng = SplitMix64(seed: 41)
        for _ in 0..<5000 {
            let line = (0..<Int(1 + rng.next() % 9)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            XCTAssertEqual(ListingText.looksLikeLastFirstList(line[...]), reference(line[...]), line.debugDescription)
        }
    }
}
