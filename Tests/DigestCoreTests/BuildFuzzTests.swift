import XCTest
@testable import DigestCore

/// `digest build` on seeded random mutations of Content/ and Templates/:
/// every round ends in a site or in `file:line` errors, never a crash, a
/// hang or an error that names no file.
final class BuildFuzzTests: XCTestCase {
    static let tokens = ["{{", "}}", "{{#papers}}", "{{/papers}}", "{{^x}}", "{{/x}}", "{{> header}}", "{{> page}}", "{{<base}}",
                         "{{/base}}", "{{$main}}", "{{/main}}", "{{=<% %>=}}", "{{{title}}}", "{{!", "{{&x}}", "{{.}}", "---\n",
                         "title:", "keywords: [", "]", "order: x", "\"", "'", "\r", "\r\n", "\u{0}", "\u{FFFE}", "é", "🚀", "<script>",
                         "&", "\n", "[link](", "**", "`", "\\", "$x$", "    ", "# Heading\n", "> quote", "- item\n", "<!-- -->"]

    func testMutatedContentAndTemplatesNeverCrashOrHang() throws {
        let scratch = ScratchFolder()
        let fixture = TestPaths.fixtures + "/golden"
        try FileManager.default.copyItem(atPath: fixture + "/Content", toPath: scratch.path + "/Content.original")
        try FileManager.default.copyItem(atPath: TestPaths.root.path + "/Templates", toPath: scratch.path + "/Templates.original")
        var random = SplitMix64(seed: 99)
        var outcomes = (built: 0, refused: 0)
        for round in 0..<400 {
            for folder in ["Content", "Templates"] {
                try? FileManager.default.removeItem(atPath: scratch.path + "/" + folder)
                try FileManager.default.copyItem(atPath: scratch.path + "/\(folder).original", toPath: scratch.path + "/" + folder)
            }
            let candidates = (FileTree.files(scratch.path + "/Content").map { "Content/" + $0 }
                + FileTree.files(scratch.path + "/Templates").filter { $0.hasSuffix(".mustache") }.map { "Templates/" + $0 }).sorted()
            var changed: [String] = []
            for _ in 0..<(1 + Int(random.next() % 3)) {
                let file = candidates[Int(random.next() % UInt64(candidates.count))]
                var text = Array(scratch.read(file)!.unicodeScalars)
                for _ in 0..<(1 + Int(random.next() % 4)) { mutate(&text, &random) }
                var string = ""
                string.unicodeScalars.append(contentsOf: text)
                scratch.write(file, string)
                changed.append(file)
            }
            var options = Pipeline.Options(reference: ReferenceDate(today: testReference))
            options.seeds = fixture + "/seeds"
            options.content = scratch.path + "/Content"
            options.templates = scratch.path + "/Templates"
            options.output = scratch.path + "/site"
            let pipeline = Pipeline(options: options)
            // A watchdog: the build runs on its own thread and must end.
            nonisolated(unsafe) var outcome: Result<Pipeline.Summary, Error>?
            let done = DispatchSemaphore(value: 0)
            Thread { outcome = Result { try pipeline.build() }; done.signal() }.start()
            guard done.wait(timeout: .now() + 60) == .success, let outcome else {
                return XCTFail("round \(round): build did not end (changed \(changed))")
            }
            switch outcome {
            case .success:
                outcomes.built += 1
                XCTAssertNotNil(scratch.read("site/index.html"), "round \(round)")
            case .failure(let error as DiagnosticsError):
                outcomes.refused += 1
                XCTAssertFalse(error.diagnostics.isEmpty, "round \(round)")
                for diagnostic in error.diagnostics {
                    XCTAssertTrue(diagnostic.file.hasPrefix(scratch.path + "/") || diagnostic.file.hasPrefix(fixture),
                                  "round \(round): \(diagnostic.description)")
                    if let line = diagnostic.line { XCTAssertGreaterThanOrEqual(line, 1, diagnostic.description) }
                }
            case .failure(let error):
                XCTFail("round \(round): \(error) is not a diagnostic (changed \(changed))")
            }
        }
        print("build fuzz: \(outcomes.built) built, \(outcomes.refused) refused")
        // Both outcomes are exercised, so the mutations are neither all
        // harmless nor all fatal.
        XCTAssertGreaterThan(outcomes.built, 10, "\(outcomes)")
        XCTAssertGreaterThan(outcomes.refused, 10, "\(outcomes)")
    }

    private func mutate(_ text: inout [Unicode.Scalar], _ random: inout SplitMix64) {
        let at = text.isEmpty ? 0 : Int(random.next() % UInt64(text.count + 1))
        switch random.next() % 5 {
        case 0, 1:
            let token = Self.tokens[Int(random.next() % UInt64(Self.tokens.count))]
            text.insert(contentsOf: token.unicodeScalars, at: at)
        case 2:
            let end = min(text.count, at + Int(random.next() % 40))
            text.removeSubrange(at..<end)
        case 3:
            let end = min(text.count, at + Int(random.next() % 80))
            text.insert(contentsOf: text[at..<end], at: Int(random.next() % UInt64(text.count + 1)))
        default:
            text.removeSubrange(at...)
        }
    }
}
