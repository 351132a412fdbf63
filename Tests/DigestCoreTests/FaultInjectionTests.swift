import XCTest
@testable import DigestCore

/// Faults from outside: builds killed at random moments, two builds of one
/// output at once, a full disk. After each, `site/` is a whole site (the
/// old one or the new one, byte for byte) and the next build cleans up.
final class FaultInjectionTests: XCTestCase {
    static let papers = 2_000

    func fixture() -> FixtureSite {
        FixtureSite([
            "seeds/feed.txt": GeneratedListing.authorFeed(papers: Self.papers, seed: 1),
            "Content/index.md": "---\ntitle: Fault Digest\n---\nIntro.\n",
        ])
    }

    /// The built site without the marker (its manifest id differs by input).
    func siteFiles(_ site: FixtureSite, _ folder: String = "site") -> [String: Data] {
        site.files(folder).filter { $0.key != OutputTarget.marker }
    }

    func leftovers(_ site: FixtureSite) -> [String] {
        (FileTree.names(site.path) ?? []).map(\.name).filter { $0.contains(".building-") }
    }

    /// Starts `digest build` and kills it with SIGKILL after `delay`.
    func killedBuild(_ site: FixtureSite, after delay: Double) throws -> Int32 {
        let process = Process()
        process.executableURL = DigestRun.binary
        process.arguments = ["build", "--seeds", "seeds", "--content", "Content", "--templates", site.templates, "--out", "site"]
        process.currentDirectoryURL = site.scratch.url
        process.environment = ProcessInfo.processInfo.environment.merging(["SOURCE_DATE_EPOCH": "1795305600"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(UInt32(delay * 1_000_000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Two inputs, A and B, built whole as references; then builds that
    /// switch between them are killed at random moments. Each time `site/`
    /// is exactly A's site or B's; the next full build succeeds, leaves no
    /// staging folder and gives the site of its input.
    func testKillDuringABuildLeavesAWholeSite() throws {
        let site = fixture()
        let inputA = site.read("seeds/feed.txt")!
        let inputB = GeneratedListing.authorFeed(papers: Self.papers, seed: 2)
        let started = Date()
        XCTAssertEqual(try site.build(out: "reference-a").status, 0)
        let duration = Date().timeIntervalSince(started)
        site.write("seeds/feed.txt", inputB)
        XCTAssertEqual(try site.build(out: "reference-b").status, 0)
        let references = [siteFiles(site, "reference-a"), siteFiles(site, "reference-b")]
        XCTAssertNotEqual(references[0], references[1])

        site.write("seeds/feed.txt", inputA)
        XCTAssertEqual(try site.build().status, 0)
        var current = 0
        var random = SplitMix64(seed: 2024)
        var outcomes: [String] = []
        for round in 0..<8 {
            current = 1 - current
            site.write("seeds/feed.txt", current == 0 ? inputA : inputB)
            let delay = duration * Double(random.next() % 1_000) / 1_000 * 1.3
            let status = try killedBuild(site, after: delay)
            let now = siteFiles(site)
            let matches = references.firstIndex(of: now)
            XCTAssertNotNil(matches, "round \(round): killed after \(delay) s, site/ is neither whole site (\(now.count) files)")
            outcomes.append("\(String(format: "%.2f", delay))s → \(matches.map { $0 == 0 ? "A" : "B" } ?? "broken") (exit \(status))")
            // The next build repairs and cleans up, whatever the kill left.
            let next = try site.build()
            XCTAssertEqual(next.status, 0, "round \(round): \(next.stderr)")
            XCTAssertFalse(next.stderr.contains("did not write"), "round \(round): \(next.stderr)")
            XCTAssertEqual(siteFiles(site), references[current], "round \(round)")
            XCTAssertEqual(leftovers(site), [], "round \(round)")
        }
        print("kills: " + outcomes.joined(separator: "; "))
    }

    /// A kill after the state was saved but before the swap: the old site
    /// stays, its marker names the previous manifest the state keeps, and
    /// the next build replaces it with nothing kept by mistake.
    func testAKillBetweenSavingTheStateAndTheSwapIsRecovered() throws {
        let site = FixtureSite()
        XCTAssertEqual(try site.build().status, 0)
        let target = try OutputTarget.resolve(site.path + "/site", inputs: [])
        let statePath = site.path + "/.site.digest-state"
        let previousID = target.markerManifestID()
        let previous = BuildState.manifest(statePath, id: previousID)
        XCTAssertNotNil(previous)
        let staged = try OutputFolder(target: target).stage([OutputFile(path: "index.html", bytes: Array("other".utf8)),
                                                             OutputFile(path: "elsewhere/new.html", bytes: Array("new".utf8))],
                                                            manifest: previous)
        try BuildState.save(fingerprint: 1, warnings: [], folder: staged.path, statePath: statePath, manifest: staged.manifest,
                            manifestID: staged.manifestID, kept: [], previous: previous.map { (previousID ?? 0, $0) })
        // Killed here: the staging folder stays, the swap never happens.
        XCTAssertEqual(leftovers(site).count, 1)
        site.write("Content/index.md", "---\ntitle: After the kill\n---\n")
        let run = try site.build()
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(run.stderr.contains("did not write"), run.stderr)
        XCTAssertTrue(site.read("site/index.html")!.contains("After the kill"))
        XCTAssertEqual(leftovers(site), [])
    }

    /// Builds of one output started together: each ends in success or in
    /// "another build … is running", never a crash, and the site is whole.
    func testConcurrentBuildsOfOneOutput() throws {
        let site = fixture()
        XCTAssertEqual(try site.build(out: "reference").status, 0)
        let reference = siteFiles(site, "reference")
        nonisolated(unsafe) var runs: [DigestRun?] = Array(repeating: nil, count: 4)
        let group = DispatchGroup()
        for index in runs.indices {
            DispatchQueue.global().async(group: group) {
                runs[index] = try? site.build()
            }
        }
        group.wait()
        var succeeded = 0
        for run in runs {
            let run = try XCTUnwrap(run)
            if run.status == 0 { succeeded += 1; continue }
            XCTAssertEqual(run.status, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains("another build of site is running"), run.stderr)
        }
        XCTAssertGreaterThanOrEqual(succeeded, 1)
        XCTAssertEqual(siteFiles(site), reference)
        XCTAssertEqual(leftovers(site), [])
    }

    /// A disk that fills up: the build fails with the system's reason and
    /// a path, the old site stays whole, and no staging folder is left. As
    /// root the disk is a small tmpfs; otherwise a file-size limit stands in.
    func testAFullDiskIsAClearErrorAndKeepsTheOldSite() throws {
        let site = FixtureSite()
        let disk = site.path + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: false)
        let mounted = getuid() == 0 && run("/bin/mount", ["-t", "tmpfs", "-o", "size=600k", "tmpfs", disk]) == 0
        defer { if mounted { _ = run("/bin/umount", [disk]) } }
        try XCTSkipUnless(mounted || FileManager.default.fileExists(atPath: "/bin/sh"), "no way to fill a disk here")
        func build(out: String) throws -> DigestRun {
            if mounted { return try site.build(out: out) }
            // Without a small disk: a file-size limit, which makes write(2)
            // fail with "File too large" once the process ignores SIGXFSZ.
            return try DigestRun.run(["-c", "ulimit -f 200; exec \"$0\" \"$@\"", DigestRun.binary.path, "build",
                                      "--seeds", "seeds", "--content", "Content", "--templates", site.templates, "--out", out],
                                     in: site.scratch.url, executable: URL(fileURLWithPath: "/bin/sh"))
        }
        let small = try build(out: "disk/site")
        XCTAssertEqual(small.status, 0, small.stderr)
        let before = site.files("disk/site")
        site.write("seeds/feed.txt", GeneratedListing.authorFeed(papers: 1_500, seed: 3))
        let full = try build(out: "disk/site")
        XCTAssertEqual(full.status, 1, full.stderr)
        XCTAssertTrue(full.stderr.contains(mounted ? "No space left on device" : "File too large"), full.stderr)
        XCTAssertTrue(full.stderr.contains("disk/site/") && full.stderr.contains("error: cannot write"), full.stderr)
        XCTAssertFalse(full.stderr.contains("Fatal error") || full.stderr.contains("Error raised"), full.stderr)
        XCTAssertEqual(site.files("disk/site"), before)
        XCTAssertEqual((FileTree.names(disk) ?? []).map(\.name).filter { $0.contains(".building-") }, [])
    }

    private func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
