import XCTest
@testable import DigestCore

final class BadInputTests: XCTestCase {
    func testEmptyFileIsOneWarning() {
        let (parse, diagnostics) = DigestCoreTests.parse("")
        XCTAssertNil(parse)
        XCTAssertEqual(diagnostics.map(\.description), ["test.txt:1: file is empty; nothing to read"])
    }

    func testUnknownFormatIsAnErrorWithAHint() {
        let (parse, diagnostics) = DigestCoreTests.parse("just some notes\nabout nothing\n")
        XCTAssertNil(parse)
        XCTAssertEqual(diagnostics.first?.severity, .error)
        XCTAssertTrue(diagnostics.first!.description.hasPrefix("test.txt:1: error: not a known listing format"))
    }

    func testWindowsLineEndingsReadTheSame() throws {
        let unix = TestPaths.seedLines("003").joined(separator: "\n")
        let windows = TestPaths.seedLines("003").joined(separator: "\r\n")
        let a = try XCTUnwrap(DigestCoreTests.parse(unix).0)
        let b = try XCTUnwrap(DigestCoreTests.parse(windows).0)
        XCTAssertEqual(a.entries.map(\.title), b.entries.map(\.title))
        XCTAssertEqual(a.entries.map(\.abstract), b.entries.map(\.abstract))
    }

    func testInvalidUTF8AndBinaryAndHugeLinesAreWarnings() throws {
        var bytes = Array(TestPaths.seedLines("000").prefix(10).joined(separator: "\n").utf8)
        bytes += Array("\nBroken \u{FF} title".utf8).map { $0 == 0xC3 ? 0xFF : $0 }
        bytes += [0x0A, 0xFF, 0xFE, 0x00, 0x01, 0x0A]
        bytes += Array(repeating: UInt8(ascii: "x"), count: 10 * 1024 * 1024)
        bytes += Array("\nA Last Title\nIts abstract, cut...\n".utf8)
        let (parse, diagnostics) = ListingReader(context: testContext).read(SourceText(path: "bad.txt", bytes: bytes))
        let messages = diagnostics.map(\.description)
        XCTAssertTrue(messages.contains("bad.txt:11: invalid UTF-8; bad bytes replaced with U+FFFD"), "\(messages)")
        XCTAssertTrue(messages.contains("bad.txt:12: binary data (NUL bytes); line skipped"), "\(messages)")
        XCTAssertTrue(messages.contains("bad.txt:13: line is 10485760 bytes long (limit 65536); skipped"), "\(messages)")
        XCTAssertEqual(parse?.entries.last?.title, "A Last Title")
    }

    /// Thousands of seeded random mutations of the seed files (lines deleted,
    /// duplicated and swapped, bytes cut): parsing never crashes, and every
    /// diagnostic names its file and a line inside it.
    func testMutatedSeedsNeverCrash() throws {
        var random = SplitMix64(seed: 42)
        let seeds = ["000", "001", "002", "003"].map { TestPaths.seedLines($0) }
        let reader = ListingReader(context: testContext)
        for round in 0..<2_000 {
            var lines = seeds[round % seeds.count]
            for _ in 0..<(1 + Int(random.next() % 6)) {
                guard !lines.isEmpty else { break }
                let i = Int(random.next() % UInt64(lines.count))
                let j = Int(random.next() % UInt64(lines.count))
                switch random.next() % 4 {
                case 0: lines.remove(at: i)
                case 1: lines.insert(lines[i], at: j)
                case 2: lines.swapAt(i, j)
                default: lines[i] = String(lines[i].prefix(Int(random.next() % 40)))
                }
            }
            var bytes = Array(lines.joined(separator: "\n").utf8)
            if !bytes.isEmpty, random.next() % 3 == 0 {
                bytes.removeSubrange(Int(random.next() % UInt64(bytes.count))...)
            }
            let (parse, diagnostics) = reader.read(SourceText(path: "m.txt", bytes: bytes))
            for diagnostic in diagnostics {
                XCTAssertEqual(diagnostic.file, "m.txt")
                XCTAssertTrue((1...max(1, lines.count)).contains(diagnostic.line ?? 0), diagnostic.description)
            }
            for entry in parse?.entries ?? [] { XCTAssertFalse(entry.title.isEmpty) }
        }
    }
}

extension BadInputTests {
    /// Two signatures of equal strength: the choice never depends on
    /// dictionary order (the format named first alphabetically wins).
    func testFormatDetectionTiesAreDeterministic() throws {
        let text = "Collaborating Authors\nDaily Papers\nA Title\nAn abstract of the paper.\n"
        var picks = Set<String>()
        for _ in 0..<20 {
            let lines = SourceText(path: "tie.txt", text: text).contentLines
            picks.insert(FormatDetector.detect(lines, context: testContext)?.rawValue ?? "none")
        }
        XCTAssertEqual(picks, ["aggregator"])
        // A stronger signature wins over a weaker one wherever it stands.
        let profile = "Ada Lovelace\n3 papers on arXiv\nLGOct 27, 2022\nA Title\n"
        XCTAssertEqual(FormatDetector.detect(SourceText(path: "p.txt", text: profile).contentLines, context: testContext), .authorProfile)
    }

    /// A corrupt or cut build state file is not trusted: the next build is
    /// a full one, and succeeds.
    func testACorruptBuildStateFileMeansAFullBuild() throws {
        let site = FixtureSite()
        XCTAssertEqual(try site.build().status, 0)
        let state = site.read(".site.digest-state")!
        for corrupt in ["garbage\n\u{0}\u{1}", String(state.prefix(state.count / 2)), state.replacingOccurrences(of: "file ", with: "file x")] {
            site.write(".site.digest-state", corrupt)
            let run = try site.build()
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertFalse(run.stdout.contains("is up to date"), run.stdout)
            XCTAssertTrue(try site.build().stdout.contains("is up to date"), "the state is whole again")
        }
    }
}

extension BadInputTests {
    /// Seeded mutations of the arXiv Atom, arXiv RSS and BibTeX fixtures
    /// (bytes cut, deleted, duplicated; tags and braces inserted): reading
    /// never crashes, every diagnostic names the file and a line inside it,
    /// and no entry is published without a title.
    func testMutatedMachineReadableListingsNeverCrash() throws {
        var random = SplitMix64(seed: 77)
        let originals = try ["arxiv-api.xml", "cs.LG.rss", "library.bib"].map { name in
            (name, Array(try String(contentsOfFile: TestPaths.fixtures + "/identity/" + name, encoding: .utf8).utf8))
        }
        let inserts = ["<", ">", "</entry>", "<entry>", "<title>", "&", "&amp", "{", "}", "@misc{", "\"", "=", ",", "#", "\\'", "\u{0}", "]]>"]
        let reader = ListingReader(context: testContext)
        for round in 0..<600 {
            let (name, original) = originals[round % originals.count]
            var bytes = original
            for _ in 0..<(1 + Int(random.next() % 5)) {
                guard !bytes.isEmpty else { break }
                let at = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 4 {
                case 0: bytes.removeSubrange(at..<min(bytes.count, at + Int(random.next() % 60)))
                case 1: bytes.insert(contentsOf: inserts[Int(random.next() % UInt64(inserts.count))].utf8, at: at)
                case 2: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + Int(random.next() % 200))], at: Int(random.next() % UInt64(bytes.count)))
                default: bytes.removeSubrange(at...)
                }
            }
            let lines = bytes.filter { $0 == 0x0A }.count + 1
            let (parse, diagnostics) = reader.read(path: name, bytes: bytes)
            for diagnostic in diagnostics {
                XCTAssertEqual(diagnostic.file, name)
                XCTAssertTrue((1...lines + 1).contains(diagnostic.line ?? 1), "round \(round): \(diagnostic.description)")
            }
            for entry in parse?.entries ?? [] { XCTAssertFalse(entry.title.isEmpty, "round \(round)") }
        }
    }
}
