import Foundation
import XCTest
@testable import DigestCore

/// Paths into the checkout. `seeds` is a frozen copy of the four real
/// pasted listings the project started from (Fixtures/listings), so tests
/// that count their papers do not change when the curator's `seeds/` does.
enum TestPaths {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var seeds: String { root.appendingPathComponent("Tests/DigestCoreTests/Fixtures/listings").path }
    static var fixtures: String { root.appendingPathComponent("Tests/DigestCoreTests/Fixtures").path }

    static func seed(_ prefix: String) -> String {
        let names = try! FileManager.default.contentsOfDirectory(atPath: seeds)
        return seeds + "/" + names.first { $0.hasPrefix(prefix) }!
    }

    static func seedLines(_ prefix: String) -> [String] {
        try! String(contentsOfFile: seed(prefix), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

/// The reference day every test uses: 2026-11-22.
let testReference = DayDate(year: 2026, month: 11, day: 22)!
let testContext = ParseContext(reference: testReference)

func parse(_ text: String, path: String = "test.txt") -> (ListingParse?, [Diagnostic]) {
    ListingReader(context: testContext).read(SourceText(path: path, text: text))
}

func readSeeds() -> ListingReader.Result {
    ListingReader(context: testContext).read(paths: [TestPaths.seeds])
}

/// Runs the built `digest` binary, as a user would.
struct DigestRun {
    var status: Int32
    var stdout: String
    var stderr: String

    static var binary: URL {
        // The test runner (…/DigestPackageTests.xctest) sits beside the
        // products in .build/<config>/.
        var url = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
        while url.pathExtension != "xctest", url.path != "/" { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent("digest")
    }

    static func run(_ arguments: [String], environment: [String: String] = ["SOURCE_DATE_EPOCH": "1795305600"],
                    in directory: URL = TestPaths.root, executable: URL? = nil) throws -> DigestRun {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the process runs, so neither fills up.
        nonisolated(unsafe) var errData = Data()
        let errReader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        errReader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errReader.isFinished { usleep(1_000) }
        return DigestRun(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A scratch folder removed when the test ends.
final class ScratchFolder: @unchecked Sendable {
    let url: URL
    var path: String { url.path }

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("digest-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ relative: String, _ text: String) {
        let file = url.appendingPathComponent(relative)
        try! FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: file)
    }

    func read(_ relative: String) -> String? {
        (try? Data(contentsOf: url.appendingPathComponent(relative))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every regular file below `relative`, with its bytes.
    func files(_ relative: String) -> [String: Data] {
        let root = url.appendingPathComponent(relative).path
        var result: [String: Data] = [:]
        for file in FileTree.files(root) {
            result[file] = FileManager.default.contents(atPath: root + "/" + file)
        }
        return result
    }
}

/// A small site written from strings in the test, the way Hugo's tests
/// write theirs: `FixtureSite(["seeds/a.txt": …, "Content/index.md": …])`,
/// then `build()` through the binary and assertions on the output files.
/// Templates are the real `Templates/` unless the test writes its own.
final class FixtureSite: @unchecked Sendable {
    let scratch = ScratchFolder()
    var path: String { scratch.path }

    /// Two papers in the author-feed format and an index page: the least
    /// that builds.
    static let minimal: [String: String] = [
        "seeds/feed.txt": """
            LGFeb 2, 2024
            Sharpness and Grokking in Two-Layer NetworksAda Lovelace, Enric Boix-Adserà
            Two-layer networks trained at the edge of stability show grokking when sharpness saturates.
            MLDec 1, 2023
            Diffusion Models Learn Low-Dimensional DistributionsAda Lovelace, Zoë Ng
            We prove that diffusion models trained by score matching learn low-dimensional distributions.

            """,
        "Content/index.md": "---\ntitle: Fixture Digest\ndescription: A test site.\n---\nThe intro.\n",
    ]

    init(_ files: [String: String] = FixtureSite.minimal) {
        for (relative, text) in files { scratch.write(relative, text) }
    }

    func write(_ relative: String, _ text: String) { scratch.write(relative, text) }
    func read(_ relative: String) -> String? { scratch.read(relative) }
    func files(_ relative: String = "site") -> [String: Data] { scratch.files(relative) }
    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + relative) }

    var templates: String {
        FileManager.default.fileExists(atPath: path + "/Templates") ? path + "/Templates" : TestPaths.root.path + "/Templates"
    }

    /// `digest build` run in the fixture's folder, into `out` (relative to it).
    func build(out: String = "site", _ extra: [String] = [], environment: [String: String] = ["SOURCE_DATE_EPOCH": "1795305600"]) throws -> DigestRun {
        try DigestRun.run(["build", "--seeds", "seeds", "--content", "Content", "--templates", templates, "--out", out] + extra,
                          environment: environment, in: scratch.url)
    }

    /// Every path below the fixture's folder with its bytes (links as
    /// their targets): to show that a refused build touched nothing.
    func snapshot() -> [String: Data] {
        var result: [String: Data] = [:]
        for entry in FileTree.entries(path) {
            let full = path + "/" + entry
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: full) {
                result[entry] = Data(("link:" + target).utf8)
            } else {
                result[entry] = FileManager.default.contents(atPath: full) ?? Data()
            }
        }
        return result
    }
}

/// Listings of many papers, made up from a seed, for tests that need a
/// build that takes a while (kills, concurrent builds, a full disk).
enum GeneratedListing {
    static let words = ["learning", "gradient", "networks", "kernel", "sparse", "attention", "scaling", "diffusion", "spectral",
                        "random", "features", "grokking", "dynamics", "theory", "tensor", "margin", "noise", "symmetry"]
    static let first = ["Ada", "Bo", "Cy", "Dana", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"]
    static let last = ["Lovelace", "Noether", "Turing", "Hopper", "Curie", "Gauss", "Euler", "Fermi", "Dirac", "Bohr", "Planck", "Meitner"]

    /// An author feed of `papers` entries.
    /// Dates run over `years` years, newest first.
    static func authorFeed(papers: Int, seed: UInt64, years: Int = 25) -> String {
        var random = SplitMix64(seed: seed)
        func pick(_ items: [String]) -> String { items[Int(random.next() % UInt64(items.count))] }
        var out = ""
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        for n in 0..<papers {
            let title = (0..<6).map { _ in pick(words) }.joined(separator: " ")
            let authors = (0..<(1 + Int(random.next() % 4))).map { _ in
                pick(first) + " " + pick(last) + String(repeating: "s", count: Int(random.next() % 3))
            }
            out += "LG\(months[n % 12]) \(1 + n % 28), \(2025 - n % years)\n"
            out += "Paper \(n) on \(title)\(authors.joined(separator: ", "))\n"
            out += "We study " + (0..<40).map { _ in pick(words) }.joined(separator: " ") + ".\n"
        }
        return out
    }
}
