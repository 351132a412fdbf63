import XCTest

/// `digest parse`, end to end through the built binary, on a frozen copy
/// of the seed listings (`TestPaths.seeds`), so that the lab's own
/// `seeds/` can change.
final class ParseCommandTests: XCTestCase {
    func testJSONLinesOfTheSeeds() throws {
        let run = try DigestRun.run(["parse", "--json", TestPaths.seeds])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 139)
        let first = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        XCTAssertEqual(first["title"] as? String, "How Neural Networks Learn the Support is an Implicit Regularization Effect of SGD")
        XCTAssertEqual(first["authors"] as? [String], ["Tomaso Poggio"])
        XCTAssertEqual(first["authors_complete"] as? Bool, false)
        XCTAssertTrue(first["author_count"] is NSNull)
        XCTAssertTrue(first["date"] is NSNull)
        XCTAssertEqual(first["abstract_truncated"] as? Bool, true)
        let sources = try XCTUnwrap(first["sources"] as? [[String: Any]])
        XCTAssertEqual(sources[0]["file"] as? String, "000_429c0d43a6e02fb7.txt")
        XCTAssertEqual(sources[0]["line"] as? Int, 7)
        XCTAssertEqual(sources[0]["format"] as? String, "author-profile")
        // Keys in the documented order.
        XCTAssertTrue(lines[0].hasPrefix("{\"title\":"))
        let order = ["\"title\"", "\"authors\"", "\"authors_complete\"", "\"author_count\"", "\"date\"",
                     "\"category\"", "\"abstract\"", "\"abstract_truncated\"", "\"upvotes\"", "\"sources\""]
        let positions = order.map { lines[0].range(of: $0)!.lowerBound }
        XCTAssertEqual(positions, positions.sorted())
        // The year-less "Mar 13" resolves against SOURCE_DATE_EPOCH (2026-11-22).
        XCTAssertTrue(run.stdout.contains("\"title\":\"Ghosts of Softmax: Complex Singularities That Limit Safe Step Sizes in Cross-Entropy\""))
        XCTAssertTrue(run.stdout.contains("\"date\":\"2026-03-13\""))
        XCTAssertTrue(run.stderr.contains(TestPaths.seeds + "/002_944c60175c8f5ac9.txt:80: skipped"), run.stderr)
    }

    func testSameInputSameBytes() throws {
        let a = try DigestRun.run(["parse", "--json", TestPaths.seeds])
        let b = try DigestRun.run(["parse", "--json", TestPaths.seeds])
        XCTAssertEqual(a.stdout, b.stdout)
    }

    /// `--verbose` adds the seconds of each stage on standard error and
    /// leaves the listing as it was; the text listing is two lines a paper.
    func testVerboseTimesTheStagesAndChangesNothingElse() throws {
        let plain = try DigestRun.run(["parse", TestPaths.seeds])
        let verbose = try DigestRun.run(["parse", "--verbose", TestPaths.seeds])
        XCTAssertEqual(verbose.status, 0, verbose.stderr)
        XCTAssertEqual(verbose.stdout, plain.stdout)
        for stage in ["ingest", "catalog", "output"] {
            XCTAssertNotNil(verbose.stderr.range(of: "\n  \(stage) +[0-9]+\\.[0-9]{3} s\n", options: .regularExpression), stage)
            XCTAssertFalse(plain.stderr.contains("  \(stage) "), stage)
        }
        let json = try DigestRun.run(["parse", "--json", TestPaths.seeds])
        let lines = plain.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, 2 * json.stdout.split(separator: "\n").count)
        XCTAssertTrue(lines[1].hasPrefix("            Tomaso Poggio"), String(lines[1]))
    }

    func testMissingPathFailsWithAMessage() throws {
        let run = try DigestRun.run(["parse", "no/such/folder"])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("no/such/folder: error: no such file or folder"), run.stderr)
    }

    func testUnknownFormatFailsButStillPrintsTheRest() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("digest-parse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("shopping list\neggs\n".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        try FileManager.default.copyItem(atPath: TestPaths.seed("003"), toPath: dir.appendingPathComponent("feed.txt").path)
        let run = try DigestRun.run(["parse", "--json", dir.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout.split(separator: "\n").count, 50)
        XCTAssertTrue(run.stderr.contains("notes.txt:1: error: not a known listing format"), run.stderr)
    }
}
