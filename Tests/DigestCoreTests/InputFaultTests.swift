import XCTest
@testable import DigestCore

/// Bad or unusual input ends in a clear `file:line` message, never a crash,
/// a hang or a silently wrong site.
final class InputFaultTests: XCTestCase {
    // MARK: Templates that never end

    func library(_ sources: [String: String]) throws -> MustacheLibrary {
        try MustacheLibrary(sources: sources, files: Dictionary(uniqueKeysWithValues: sources.keys.map { ($0, "Templates/\($0).mustache") }))
    }

    func assertTooDeep(_ sources: [String: String], render name: String, file: String, line: Int,
                       sourceLine: UInt = #line) throws {
        let library = try library(sources)
        XCTAssertThrowsError(try library.renderBytes(name, [:]), line: sourceLine) { error in
            let message = (error as? DiagnosticsError)?.description ?? "\(error)"
            XCTAssertTrue(message.hasPrefix("Templates/\(file).mustache:\(line): error: templates nested more than"), message, line: sourceLine)
            XCTAssertTrue(message.contains("include itself"), message, line: sourceLine)
        }
    }

    func testAPartialThatIncludesItselfIsAnError() throws {
        try assertTooDeep(["loop": "x{{> loop}}"], render: "loop", file: "loop", line: 1)
        try assertTooDeep(["a": "A\n{{> b}}", "b": "B\n\n{{> a}}"], render: "a", file: "b", line: 3)
        try assertTooDeep(["page": "{{< page}}{{$main}}x{{/main}}{{/page}}"], render: "page", file: "page", line: 1)
        // Standalone partials add indentation at each level: still ends.
        try assertTooDeep(["indent": "  {{> indent}}\n"], render: "indent", file: "indent", line: 1)
    }

    /// Recursion that ends (the spec's tree drawn by a partial) still works.
    func testRecursionThatEndsStillRenders() throws {
        let library = try library(["node": "{{content}}<{{#nodes}}{{> node}}{{/nodes}}>"])
        let tree: TemplateValue = ["content": "X", "nodes": .list([["content": "Y", "nodes": .list([])]])]
        XCTAssertEqual(try library.render("node", tree), "X<Y<>>")
    }

    func testExtremeNestingIsAParseErrorNotAStackOverflow() {
        let deep = String(repeating: "{{#a}}", count: 100_000) + String(repeating: "{{/a}}", count: 100_000)
        XCTAssertThrowsError(try library(["deep": deep])) { error in
            XCTAssertTrue("\(error)".contains("Templates/deep.mustache:1: error: sections nested more than 60 deep"), "\(error)")
        }
    }

    func testARecursiveTemplateFailsTheBuildWithFileAndLine() throws {
        let site = FixtureSite()
        try FileManager.default.copyItem(atPath: TestPaths.root.path + "/Templates", toPath: site.path + "/Templates")
        site.write("Templates/partials/footer.mustache", "<footer>\n{{> footer}}\n</footer>\n")
        let run = try site.build()
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("Templates/partials/footer.mustache:2: error: templates nested more than"), run.stderr)
        XCTAssertEqual(run.stderr.components(separatedBy: "nested more than").count, 2, "one message, not one per page: \(run.stderr)")
        XCTAssertFalse(site.exists("site"))
    }

    // MARK: Files that are not files

    func testAFIFOAmongListingsAndContentIsSkippedWithAWarning() throws {
        let site = FixtureSite()
        XCTAssertEqual(mkfifo(site.path + "/seeds/pipe.txt", 0o644), 0)
        XCTAssertEqual(mkfifo(site.path + "/Content/themes-pipe", 0o644), 0)
        try FileManager.default.createDirectory(atPath: site.path + "/Content/themes", withIntermediateDirectories: true)
        XCTAssertEqual(mkfifo(site.path + "/Content/themes/pipe.md", 0o644), 0)
        let run = try site.build()
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("seeds/pipe.txt: not a regular file (a FIFO, socket or device); skipped"), run.stderr)
        XCTAssertTrue(run.stderr.contains("Content/themes/pipe.md: is not a regular file"), run.stderr)
        // An up-to-date check must not open it either.
        XCTAssertTrue(try site.build().stdout.contains("is up to date"))
        let parse = try DigestRun.run(["parse", "seeds/pipe.txt"], in: site.scratch.url)
        XCTAssertEqual(parse.status, 1)
        XCTAssertTrue(parse.stderr.contains("seeds/pipe.txt: not a regular file"), parse.stderr)
    }

    // MARK: Line ends and encodings

    func testCRLFAndCRFrontMatterAndListingsReadLikeLF() throws {
        var files: [String: String] = [:]
        for (path, text) in FixtureSite.minimal { files[path] = text.replacingOccurrences(of: "\n", with: "\r\n") }
        files["Content/about.md"] = "---\rtitle: About the lab\r---\rWe read papers.\r"
        let site = FixtureSite(files)
        let run = try site.build()
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("2 papers"), run.stdout)
        let home = site.read("site/index.html")!
        XCTAssertTrue(home.contains("<title>Fixture Digest</title>"), home)
        XCTAssertFalse(home.contains("title: Fixture"))
        XCTAssertTrue(site.read("site/about/index.html")!.contains("About the lab"))
        XCTAssertFalse(site.read("site/about/index.html")!.contains("title:"))
    }

    func testUTF16WithAByteOrderMarkIsDecoded() throws {
        let site = FixtureSite()
        for (path, bigEndian) in [("seeds/feed.txt", false), ("Content/index.md", true)] {
            let text = site.read(path)!
            var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            for unit in text.utf16 { bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            try Data(bytes).write(to: URL(fileURLWithPath: site.path + "/" + path))
        }
        let run = try site.build()
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(run.stderr.contains("UTF-8"), run.stderr)
        XCTAssertTrue(site.read("site/index.html")!.contains("<title>Fixture Digest</title>"))
        XCTAssertTrue(site.read("site/authors/zoe-ng.html")!.contains("Zoë Ng"))
    }

    func testContentThatIsNotUTF8NamesFileAndLine() throws {
        let site = FixtureSite()
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0x74, 0x3A, 0x20, 0xFF, 0x0A, 0x2D, 0x2D, 0x2D, 0x0A])
            .write(to: URL(fileURLWithPath: site.path + "/Content/about.md"))
        let run = try site.build()
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("Content/about.md:2: error: not UTF-8 text; save it as UTF-8"), run.stderr)
    }

    // MARK: Lines that cannot be read

    /// A listing line with a NUL byte drops its whole entry, so the author
    /// line never becomes a title; the other entries are kept.
    func testAnUnreadableLineDropsItsEntryNotItsNeighbours() throws {
        let text = """
            LGFeb 2, 2024
            First PaperAda Lovelace
            First abstract.
            LGFeb 1, 2024
            Second Paper\u{0}Bo Byte
            Second abstract.
            LGJan 31, 2024
            Third PaperCy Clean
            Third abstract.
            """
        let (parse, diagnostics) = ListingReader(context: testContext).read(SourceText(path: "feed.txt", text: text))
        XCTAssertEqual(parse?.entries.map(\.title), ["First Paper", "Third Paper"])
        let messages = diagnostics.map(\.description)
        XCTAssertTrue(messages.contains("feed.txt:5: binary data (NUL bytes); line skipped"), "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("its line 5 could not be read") }, "\(messages)")
    }

    // MARK: The up-to-date check

    /// An edit behind a linked listing, or in a listing named alone by
    /// `--seeds`, is seen: the next build is a real one.
    func testEditsBehindLinksAndInASingleListingFileRebuild() throws {
        let site = FixtureSite()
        site.write("elsewhere/feed.txt", site.read("seeds/feed.txt")!)
        try FileManager.default.removeItem(atPath: site.path + "/seeds/feed.txt")
        try FileManager.default.createSymbolicLink(atPath: site.path + "/seeds/feed.txt", withDestinationPath: site.path + "/elsewhere/feed.txt")
        XCTAssertEqual(try site.build().status, 0)
        XCTAssertTrue(try site.build().stdout.contains("is up to date"))
        site.write("elsewhere/feed.txt", site.read("elsewhere/feed.txt")!.replacingOccurrences(of: "Zoë Ng", with: "Zoë Ng, Max Planck"))
        let run = try site.build()
        XCTAssertFalse(run.stdout.contains("is up to date"), run.stdout)
        XCTAssertTrue(site.exists("site/authors/max-planck.html"))

        let single = try DigestRun.run(["build", "--seeds", "elsewhere/feed.txt", "--content", "Content",
                                        "--templates", site.templates, "--out", "single"], in: site.scratch.url)
        XCTAssertEqual(single.status, 0, single.stderr)
        site.write("elsewhere/feed.txt", site.read("elsewhere/feed.txt")!.replacingOccurrences(of: "Max Planck", with: "Lise Meitner"))
        let again = try DigestRun.run(["build", "--seeds", "elsewhere/feed.txt", "--content", "Content",
                                       "--templates", site.templates, "--out", "single"], in: site.scratch.url)
        XCTAssertFalse(again.stdout.contains("is up to date"), again.stdout)
        XCTAssertTrue(site.exists("single/authors/lise-meitner.html"))
    }
}

extension InputFaultTests {
    /// The deepest template the limits allow (sections 59 deep in a
    /// partial that includes itself) renders to its error on worker
    /// threads, as pages are rendered, without running out of stack.
    func testTheDeepestAllowedTemplateFitsAWorkerThreadsStack() throws {
        let deep = String(repeating: "{{#a}}", count: 59) + "{{> deep}}" + String(repeating: "{{/a}}", count: 59)
        let library = try library(["deep": deep])
        let results = ParallelMap.map([0, 1, 2, 3]) { _ in Result { try library.renderBytes("deep", ["a": true]) } }
        for result in results {
            XCTAssertThrowsError(try result.get()) { XCTAssertTrue("\($0)".contains("nested more than"), "\($0)") }
        }
    }
}

extension InputFaultTests {
    /// U+FDD0, which Swift does not take as a literal.
    static let fdd0 = String(Unicode.Scalar(0xFDD0)!)

    func testAnInvalidSourceDateEpochIsAnErrorThatNamesIt() throws {
        let site = FixtureSite()
        for value in ["yesterday", "-5", "1e9", "17953056001795305600", " 1795305600"] {
            let run = try site.build(environment: ["SOURCE_DATE_EPOCH": value])
            XCTAssertEqual(run.status, 1, value)
            XCTAssertTrue(run.stderr.hasPrefix("SOURCE_DATE_EPOCH: error: \"\(value)\" is not a date"), run.stderr)
        }
        XCTAssertFalse(site.exists("site"))
        XCTAssertEqual(try site.build(environment: ["SOURCE_DATE_EPOCH": "0"]).status, 0)
    }

    /// Noncharacters and control characters (a terminal escape pasted with
    /// a listing) never reach a page; the rest of the text does.
    func testNoncharactersAndControlsAreRemovedFromPages() throws {
        var files = FixtureSite.minimal
        files["seeds/feed.txt"] = "LGFeb 2, 2024\nSharp\u{FFFE}ness\u{1B}[31m and " + InputFaultTests.fdd0 + "Grok\u{10FFFF}kingAda Lovelace, Bo Byte\nAn abstract\u{FFFF} with \u{7F}junk\u{85}.\n"
        files["Content/about.md"] = "---\ntitle: About\u{FFFE}\n---\nWe\u{0B} read\u{1FFFE} papers.\n"
        let site = FixtureSite(files)
        let run = try site.build()
        XCTAssertEqual(run.status, 0, run.stderr)
        for (path, data) in site.files() where path.hasSuffix(".html") || path.hasSuffix(".xml") || path.hasSuffix(".json") {
            let text = String(decoding: data, as: UTF8.self)
            for scalar in text.unicodeScalars {
                let v = scalar.value
                let forbidden = (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (v >= 0x7F && v < 0xA0)
                    || (v >= 0xFDD0 && v <= 0xFDEF) || v & 0xFFFE == 0xFFFE
                XCTAssertFalse(forbidden, "\(path) holds U+\(String(v, radix: 16, uppercase: true))")
            }
        }
        XCTAssertTrue(site.read("site/papers/sharpness-31m-and-grokking.html")!.contains("<h1>Sharpness[31m and Grokking</h1>"))
        XCTAssertTrue(site.read("site/about/index.html")!.contains("We read papers."))
    }

    /// The cleaning pass, eight bytes a step, against a byte-by-byte one.
    func testTextCleaningMatchesAByteByByteReference() {
        func reference(_ bytes: [UInt8]) -> [UInt8] {
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            var out = ""
            for scalar in text.unicodeScalars {
                let v = scalar.value
                if v == 0x0D { out += "\n"; continue }
                let forbidden = (v < 0x20 && v != 0 && v != 0x09 && v != 0x0A) || (v >= 0x7F && v < 0xA0)
                    || (v >= 0xFDD0 && v <= 0xFDEF) || v & 0xFFFE == 0xFFFE
                if !forbidden { out.unicodeScalars.append(scalar) }
            }
            return Array(out.utf8)
        }
        let pieces: [String] = ["a", "b c", "\n", "\r", "\r\n", "\t", "\u{0}", "\u{1B}", "\u{7F}", "\u{85}", "\u{A0}", "é", "ü",
                                "\u{FFFE}", "\u{FFFF}", InputFaultTests.fdd0, String(Unicode.Scalar(0xFDEF)!), "\u{FDF0}", "\u{1FFFE}", "\u{10FFFF}", "\u{FFFD}", "😀", "中"]
        var random = SplitMix64(seed: 12)
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<Int(random.next() % 40) {
                text += random.next() % 3 == 0 ? pieces[Int(random.next() % UInt64(pieces.count))] : "plain text"
            }
            let bytes = Array(text.utf8)
            XCTAssertEqual(TextDecoding.normalized(bytes), reference(bytes), text.debugDescription)
            // A large file's check runs in stretches, cut anywhere: it must
            // agree with one pass over the whole.
            let whole = TextDecoding.needsCleaning(bytes, stretches: 1)
            XCTAssertEqual(whole, reference(bytes) != bytes, text.debugDescription)
            for stretches in [2, 3, 7] { XCTAssertEqual(TextDecoding.needsCleaning(bytes, stretches: stretches), whole, "\(stretches): \(text.debugDescription)") }
        }
    }

    /// A large file is read in one stretch per core, into one array: it
    /// must be the file, byte for byte, whatever its size's remainder.
    func testALargeFileReadOnEveryCoreIsTheFile() throws {
        let scratch = ScratchFolder()
        var random = SplitMix64(seed: 4)
        for size in [FileBytes.parallelReadSize - 1, FileBytes.parallelReadSize + 7] {
            var bytes = [UInt8](repeating: 0, count: size)
            for index in stride(from: 0, to: size, by: 8) { withUnsafeBytes(of: random.next()) { word in
                for k in 0..<min(8, size - index) { bytes[index + k] = word[k] }
            } }
            let path = scratch.path + "/big-\(size).bin"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            guard case .success(let loaded) = FileBytes.load(path) else { return XCTFail("\(size) bytes not read") }
            XCTAssertEqual(loaded.count, size)
            XCTAssertTrue(loaded == bytes, "\(size) bytes read as they are")
        }
    }

    func testFileNamesInMessagesAreEscaped() {
        let diagnostic = Diagnostic.error(file: "seeds/evil\n\u{1B}[2Jname.txt", line: 3, "bad")
        XCTAssertEqual(diagnostic.description, "seeds/evil\\n\\u{1B}[2Jname.txt:3: error: bad")
        XCTAssertEqual(Diagnostic(file: "seeds/ünï code.txt", line: nil, "ok").description, "seeds/ünï code.txt: ok")
    }
}
