import XCTest
@testable import DigestCore

/// Digest only ever replaces a folder it made, keeps what it did not
/// write, and swaps atomically. Every case runs in a temporary folder.
final class OutputSafetyTests: XCTestCase {
    /// Each refused `--out` exits 1 with a message that says what to do,
    /// and leaves every file of the project as it was.
    func testRefusesEveryFolderThatIsNotDigests() throws {
        let site = FixtureSite()
        site.write("photos/cat.jpg", "a photo")
        site.write("notes.txt", "a file")
        site.write("home/.profile", "x")
        try FileManager.default.createSymbolicLink(atPath: site.path + "/dangling", withDestinationPath: site.path + "/nowhere")
        let before = site.snapshot()
        let cases: [(out: String, message: String)] = [
            (".", "is the current folder, which holds your project"),
            ("./", "is the current folder"),
            ("", "the output folder has no name"),
            ("..", "holds the current folder"),
            ("seeds", "is the input seeds"),
            ("Content/", "is the input Content"),
            ("Content/themes/new", "lies inside the input Content"),
            ("seeds/../Content", "is the input Content"),
            ("photos", "this folder is not empty and was not made by Digest"),
            ("notes.txt", "is a file, not a folder"),
            ("notes.txt/site", "is a file, so no folder can be made inside it"),
            ("dangling", "is a link to nothing"),
            ("/", "is the root folder"),
            (site.path + "/home", "is your home folder"),
        ]
        for (out, message) in cases {
            let run = try site.build(out: out, environment: ["SOURCE_DATE_EPOCH": "1795305600", "HOME": site.path + "/home"])
            XCTAssertEqual(run.status, 1, "--out \(out): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(message), "--out \"\(out)\": \(run.stderr)")
            XCTAssertFalse(run.stderr.contains("Fatal error") || run.stderr.contains("Error raised"), run.stderr)
            XCTAssertEqual(site.snapshot(), before, "--out \"\(out)\" changed the project")
        }
        let foreign = try site.build(out: "photos")
        XCTAssertTrue(foreign.stderr.contains("choose an empty or new folder, or remove it yourself"), foreign.stderr)
    }

    func testBuildsIntoANewOrEmptyFolderAndMarksIt() throws {
        let site = FixtureSite()
        try FileManager.default.createDirectory(atPath: site.path + "/empty", withIntermediateDirectories: false)
        for out in ["empty", "new/deeper/site"] {
            let run = try site.build(out: out)
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(site.exists(out + "/index.html"))
            XCTAssertTrue(site.read(out + "/" + OutputTarget.marker)!.contains("made by Digest"))
        }
    }

    /// A `CNAME`, a `.git` and a link put into a Digest site by hand survive
    /// the next build that replaces the site; the build says so.
    func testKeepsWhatItDidNotWrite() throws {
        let site = FixtureSite()
        XCTAssertEqual(try site.build().status, 0)
        site.write("site/CNAME", "digest.example.org\n")
        site.write("site/.git/HEAD", "ref: refs/heads/gh-pages\n")
        site.write("site/papers/own-notes.txt", "mine")
        try FileManager.default.createDirectory(atPath: site.path + "/site/.git/refs", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site.path + "/site/latest", withDestinationPath: "papers/index.html")
        site.write("Content/index.md", "---\ntitle: Renamed Digest\n---\nNew intro.\n")
        let run = try site.build()
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(site.read("site/index.html")!.contains("Renamed Digest"))
        XCTAssertEqual(site.read("site/CNAME"), "digest.example.org\n")
        XCTAssertEqual(site.read("site/.git/HEAD"), "ref: refs/heads/gh-pages\n")
        XCTAssertEqual(site.read("site/papers/own-notes.txt"), "mine")
        XCTAssertTrue(site.exists("site/.git/refs"))
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: site.path + "/site/latest"), "papers/index.html")
        XCTAssertTrue(run.stderr.contains("that Digest did not write"), run.stderr)
        XCTAssertTrue(run.stderr.contains("Content/static/"), run.stderr)
        // Nothing changed since: up to date, and the kept files still there.
        let again = try site.build()
        XCTAssertTrue(again.stdout.contains("is up to date"), again.stdout)
        XCTAssertEqual(site.read("site/CNAME"), "digest.example.org\n")
    }

    /// Pages Digest wrote and no longer makes are removed; a file the
    /// user put where a new page would go stops the build.
    func testRemovesItsOwnStalePagesButNeverReplacesAFileItDidNotWrite() throws {
        let site = FixtureSite()
        XCTAssertEqual(try site.build().status, 0)
        XCTAssertTrue(site.exists("site/authors/zoe-ng.html"))
        site.write("site/papers/a-new-paper.html", "my own page")
        site.write("seeds/feed.txt", """
            LGFeb 2, 2024
            A New PaperAda Lovelace
            Its abstract.

            """)
        let run = try site.build()
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("site/papers/a-new-paper.html: error: Digest did not write this file"), run.stderr)
        XCTAssertEqual(site.read("site/papers/a-new-paper.html"), "my own page")
        try FileManager.default.removeItem(atPath: site.path + "/site/papers/a-new-paper.html")
        XCTAssertEqual(try site.build().status, 0)
        XCTAssertFalse(site.exists("site/authors/zoe-ng.html"))
        XCTAssertTrue(site.exists("site/papers/a-new-paper.html"))
    }

    /// A site made before markers existed is known by its state file.
    func testASiteWithItsBuildStateBesideItIsDigests() throws {
        let site = FixtureSite()
        XCTAssertEqual(try site.build().status, 0)
        try FileManager.default.removeItem(atPath: site.path + "/site/" + OutputTarget.marker)
        site.write("Content/index.md", "---\ntitle: Second\n---\nx\n")
        XCTAssertEqual(try site.build().status, 0)
        XCTAssertTrue(site.exists("site/" + OutputTarget.marker))
        // Without the state file too, the folder is no longer known as Digest's.
        try FileManager.default.removeItem(atPath: site.path + "/site/" + OutputTarget.marker)
        try FileManager.default.removeItem(atPath: site.path + "/.site.digest-state")
        let refused = try site.build()
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("was not made by Digest"), refused.stderr)
    }

    func testOutAsALinkBuildsIntoItsTarget() throws {
        let site = FixtureSite()
        try FileManager.default.createDirectory(atPath: site.path + "/real", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: site.path + "/link", withDestinationPath: site.path + "/real")
        XCTAssertEqual(try site.build(out: "link").status, 0)
        XCTAssertEqual(FileTree.kind(site.path + "/link"), .link)
        XCTAssertTrue(site.exists("real/index.html"))
        XCTAssertTrue(site.exists(".real.digest-state"))
        // A link into an input is refused like the input itself.
        try FileManager.default.createSymbolicLink(atPath: site.path + "/sneaky", withDestinationPath: site.path + "/Content")
        let run = try site.build(out: "sneaky")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("is the input Content"), run.stderr)
    }

    func testContentStaticIsCopiedAsIs() throws {
        var files = FixtureSite.minimal
        files["Content/static/CNAME"] = "digest.example.org\n"
        files["Content/static/.nojekyll"] = ""
        files["Content/static/files/slides.pdf"] = "%PDF-1.4"
        files["outside.txt"] = "secret"
        let site = FixtureSite(files)
        try FileManager.default.createSymbolicLink(atPath: site.path + "/Content/static/leak.txt", withDestinationPath: site.path + "/outside.txt")
        try FileManager.default.createSymbolicLink(atPath: site.path + "/Content/static/intro.md", withDestinationPath: "../index.md")
        let run = try site.build()
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(site.read("site/CNAME"), "digest.example.org\n")
        XCTAssertEqual(site.read("site/.nojekyll"), "")
        XCTAssertEqual(site.read("site/files/slides.pdf"), "%PDF-1.4")
        XCTAssertTrue(site.read("site/intro.md")!.contains("Fixture Digest"), "a link inside Content/ is followed")
        XCTAssertFalse(site.exists("site/leak.txt"))
        XCTAssertTrue(run.stderr.contains("Content/static/leak.txt: links outside Content/; not copied"), run.stderr)
        XCTAssertFalse(run.stderr.contains("did not write"), "static files are Digest's: \(run.stderr)")
        // A static file on a path Digest makes is an error naming it.
        site.write("Content/static/papers/index.html", "<p>mine</p>")
        let clash = try site.build()
        XCTAssertEqual(clash.status, 1)
        XCTAssertTrue(clash.stderr.contains("Content/static/papers/index.html: error: would write papers/index.html, which the list of papers"), clash.stderr)
    }

    /// Staging folders of killed builds are removed by the next build;
    /// a folder of that name without the marker is not Digest's to remove.
    func testLeftoversOfKilledBuildsAreRemoved() throws {
        let site = FixtureSite()
        site.write(".site.building-99999/" + OutputTarget.marker, "x")
        site.write(".site.building-99999/index.html", "half a site")
        site.write(".site.building-88888/mine.txt", "not Digest's")
        try FileManager.default.createDirectory(atPath: site.path + "/.site.building-77777", withIntermediateDirectories: false)
        XCTAssertEqual(try site.build().status, 0)
        XCTAssertFalse(site.exists(".site.building-99999"))
        XCTAssertFalse(site.exists(".site.building-77777"))
        XCTAssertEqual(site.read(".site.building-88888/mine.txt"), "not Digest's")
    }

    /// A second build of the same output while one runs stops at once
    /// with a message (the lock is held here as a running build holds it).
    func testASecondBuildOfTheSameOutputIsRefused() throws {
        let site = FixtureSite()
        let fd = open(site.path + "/.site.digest-lock", O_RDWR | O_CREAT, 0o644)
        XCTAssertEqual(flock(fd, LOCK_EX), 0)
        let run = try site.build()
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("another build of site is running"), run.stderr)
        XCTAssertFalse(site.exists("site"))
        close(fd)
        XCTAssertEqual(try site.build().status, 0)
    }

    func testExchangeSwapsTwoFoldersInOneStep() throws {
        let scratch = ScratchFolder()
        scratch.write("a/which", "a")
        scratch.write("b/which", "b")
        XCTAssertEqual(OutputFolder.exchange(scratch.path + "/a", scratch.path + "/b"), 0)
        XCTAssertEqual(scratch.read("a/which"), "b")
        XCTAssertEqual(scratch.read("b/which"), "a")
    }

    /// The output's parent is read-only: a clear message with the system's
    /// reason, never a crash. Root ignores permissions, so as root the
    /// build runs as nobody (setpriv); the full-disk case is in
    /// FaultInjectionTests.
    func testUnwritableParentIsAClearError() throws {
        let site = FixtureSite()
        try FileManager.default.createDirectory(atPath: site.path + "/locked", withIntermediateDirectories: false)
        chmod(site.path, 0o755)
        chmod(site.path + "/locked", 0o555)
        defer { chmod(site.path + "/locked", 0o755) }
        let arguments = ["build", "--seeds", "seeds", "--content", "Content", "--templates", site.templates, "--out", "locked/site"]
        let run: DigestRun
        if getuid() == 0 {
            try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "root writes anywhere, and setpriv is missing")
            run = try DigestRun.run(["--reuid=65534", "--regid=65534", "--clear-groups", DigestRun.binary.path] + arguments,
                                    in: site.scratch.url, executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
            try XCTSkipIf(run.status == 126 || run.status == 127, "nobody cannot run the test binary here: \(run.stderr)")
        } else {
            run = try DigestRun.run(arguments, in: site.scratch.url)
        }
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("locked/.site.digest-lock: error: cannot make the build lock: Permission denied"), run.stderr)
        XCTAssertFalse(site.exists("locked/site"))
    }
}

extension OutputSafetyTests {
    /// A site made before markers and manifest ids: its state file (no
    /// "end" line, no ids) marks it as Digest's, and lists its files.
    func testASiteFromBeforeMarkersIsRecognisedByItsOldStateFile() throws {
        let site = FixtureSite()
        site.write("site/index.html", "old home")
        site.write("site/papers/gone.html", "a page the old build wrote")
        site.write("site/CNAME", "mine.example.org")
        site.write(".site.digest-state", "fingerprint 1\nfile 8 1 index.html\nfile 26 1 papers/gone.html\n")
        let run = try site.build()
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(site.read("site/index.html")!.contains("<!DOCTYPE html>"))
        XCTAssertFalse(site.exists("site/papers/gone.html"), "the old build's page is its own to remove")
        XCTAssertEqual(site.read("site/CNAME"), "mine.example.org", "a file the old build did not write is kept")
    }
}

extension OutputSafetyTests {
    /// A folder that happens to have the staging folder's name but no
    /// marker is not Digest's: the build stops, and the folder stays.
    func testAStrangersFolderWithTheStagingNameIsNeverRemoved() throws {
        let scratch = ScratchFolder()
        scratch.write(".site.building-\(getpid())/notes.txt", "mine")
        let target = try OutputTarget.resolve(scratch.path + "/site", inputs: [])
        XCTAssertThrowsError(try OutputFolder(target: target).stage([OutputFile(path: "index.html", bytes: [0x41])], manifest: nil)) { error in
            XCTAssertTrue("\(error)".contains("cannot make folder: File exists"), "\(error)")
        }
        XCTAssertEqual(scratch.read(".site.building-\(getpid())/notes.txt"), "mine")
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.path + "/site"))
    }
}
