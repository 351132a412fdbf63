import XCTest
@testable import DigestCore

/// `digest build`, end to end through the built binary, on the real seeds.
final class BuildCommandTests: XCTestCase {
    func build(_ out: String, _ extra: [String] = []) throws -> DigestRun {
        try DigestRun.run(["build", "--out", out] + extra)
    }

    /// The real seeds build; what the site holds is checked against the
    /// catalog of the same listings, so adding a listing breaks nothing.
    func testBuildsTheSeedSite() throws {
        let scratch = ScratchFolder()
        let run = try build(scratch.path + "/site", ["--verbose", "--base-url", "https://lab.example.org/digest/"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let seeds = TestPaths.root.appendingPathComponent("seeds").path
        let listings = Pipeline.listings(paths: [seeds], reference: ReferenceDate(today: testReference))
        let catalog = listings.catalog
        XCTAssertTrue(run.stdout.contains("\(catalog.papers.count) papers, "), run.stdout)
        for stage in ["ingest", "catalog", "group", "model", "render", "publish"] { XCTAssertTrue(run.stdout.contains("  \(stage) "), stage) }
        for warning in listings.diagnostics {
            let shown = warning.description.replacingOccurrences(of: seeds + "/", with: "seeds/")
            XCTAssertTrue(run.stderr.contains(shown), shown)
        }
        let files = scratch.files("site")
        for required in ["index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt", "search/index.html",
                         "search/index.json", "papers/index.html", "authors/index.html", "themes/index.html",
                         "about/index.html", "assets/style.css", "assets/search.js", "assets/favicon.svg"] {
            XCTAssertNotNil(files[required], required)
        }
        let paperPages = files.keys.filter { $0.hasPrefix("papers/") && $0.hasSuffix(".html") && $0.split(separator: "/").count == 2 && $0 != "papers/index.html" }
        XCTAssertEqual(paperPages.count, catalog.papers.count)
        for person in catalog.authors.people {
            let slug = Slug.make(person.name)
            XCTAssertTrue(files.keys.contains { $0.hasPrefix("authors/\(slug)") && $0.hasSuffix(".html") }, person.name)
        }
        // The accented spelling is kept for display.
        XCTAssertTrue(scratch.read("site/authors/enric-boix-adsera.html")!.contains("<h1>Enric Boix-Adserà</h1>"))
    }

    func testTwoBuildsGiveTheSameBytes() throws {
        let scratch = ScratchFolder()
        XCTAssertEqual(try build(scratch.path + "/a").status, 0)
        XCTAssertEqual(try build(scratch.path + "/b").status, 0)
        let a = scratch.files("a"), b = scratch.files("b")
        XCTAssertEqual(a.keys.sorted(), b.keys.sorted())
        for (path, bytes) in a { XCTAssertEqual(bytes, b[path], path) }
    }

    func testRebuildWithNothingChangedTouchesNoFile() throws {
        let scratch = ScratchFolder()
        XCTAssertEqual(try build(scratch.path + "/site").status, 0)
        let before = modificationTimes(scratch.path + "/site")
        let again = try build(scratch.path + "/site")
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.stdout.contains("site/ is up to date"), again.stdout)
        // The last build's warnings are still reported.
        XCTAssertTrue(again.stderr.contains("002_944c60175c8f5ac9.txt:80: skipped"), again.stderr)
        XCTAssertEqual(modificationTimes(scratch.path + "/site"), before)
        // A file edited by hand in site/ makes the next build repair it.
        scratch.write("site/robots.txt", "edited")
        let repair = try build(scratch.path + "/site")
        XCTAssertTrue(repair.stdout.contains("1 of "), repair.stdout)
        XCTAssertTrue(scratch.read("site/robots.txt")!.hasPrefix("User-agent"))
        // So does a site folder removed by hand, though the state file stays.
        try FileManager.default.removeItem(atPath: scratch.path + "/site")
        let rebuilt = try build(scratch.path + "/site")
        XCTAssertTrue(rebuilt.stdout.contains("\(before.count) of \(before.count) files written"), rebuilt.stdout)
        XCTAssertEqual(modificationTimes(scratch.path + "/site").keys.sorted(), before.keys.sorted())
    }

    func testEditingOneContentFileRewritesOnlyItsPage() throws {
        let scratch = ScratchFolder()
        try FileManager.default.copyItem(atPath: TestPaths.root.path + "/Content", toPath: scratch.path + "/Content")
        XCTAssertEqual(try build(scratch.path + "/site", ["--content", scratch.path + "/Content"]).status, 0)
        let before = modificationTimes(scratch.path + "/site")
        scratch.write("Content/about.md", "---\ntitle: About\n---\nA new about page.\n")
        let run = try build(scratch.path + "/site", ["--content", scratch.path + "/Content"])
        XCTAssertTrue(run.stdout.contains("1 of \(before.count) files written"), run.stdout)
        let after = modificationTimes(scratch.path + "/site")
        XCTAssertEqual(after.filter { before[$0.key] != $0.value }.map(\.key), ["about/index.html"])
    }

    /// A new listing adds its papers' pages and changes the pages that list
    /// them; every other file is left alone. Removing it removes the pages.
    /// (Both new papers take curated themes: an unthemed one would join a
    /// discovered cluster, whose label, and so slug, follows its members.)
    func testAddingAndRemovingAListing() throws {
        let scratch = ScratchFolder()
        try FileManager.default.copyItem(atPath: TestPaths.seeds, toPath: scratch.path + "/seeds")
        XCTAssertEqual(try build(scratch.path + "/site", ["--seeds", scratch.path + "/seeds"]).status, 0)
        let before = modificationTimes(scratch.path + "/site")
        scratch.write("seeds/004_new.txt", """
            LGNov 2, 2026
            Grokking in Quantum CircuitsAda Quantum, Bo Qubit
            We observe grokking in variational quantum circuits trained by gradient descent and relate the delay to the edge of stability.
            LGNov 1, 2026
            Sharpness and the Edge of Stability in Spin GlassesAda Quantum, Cy Spin
            Gradient descent on spin glass energies sits at the edge of stability, and its sharpness follows the replica prediction.
            """)
        XCTAssertEqual(try build(scratch.path + "/site", ["--seeds", scratch.path + "/seeds"]).status, 0)
        let after = modificationTimes(scratch.path + "/site")
        let added = Set(after.keys).subtracting(before.keys)
        let pages: Set = ["papers/grokking-in-quantum-circuits.html", "papers/sharpness-and-the-edge-of-stability-in-spin-glasses.html",
                          "authors/ada-quantum.html", "authors/bo-qubit.html", "authors/cy-spin.html"]
        XCTAssertTrue(added.isSuperset(of: pages), "\(added.sorted())")
        // Besides those, at most the archive's page for a year the seeds did not have.
        XCTAssertEqual(added.subtracting(pages).filter { !$0.hasPrefix("papers/2026/") }, [])
        let changed = Set(after.filter { before[$0.key] != nil && before[$0.key] != $0.value }.map(\.key))
        XCTAssertTrue(changed.isSuperset(of: ["index.html", "papers/index.html", "authors/index.html",
                                              "search/index.json", "themes/training-dynamics.html"]), "\(changed.sorted())")
        XCTAssertFalse(changed.contains("about/index.html"))
        XCTAssertFalse(changed.contains("authors/tomaso-poggio.html"))
        XCTAssertLessThan(changed.count, before.count / 2, "\(changed.count) of \(before.count) rewritten")
        // Removing the listing removes its pages: nothing stale is left.
        try FileManager.default.removeItem(atPath: scratch.path + "/seeds/004_new.txt")
        XCTAssertEqual(try build(scratch.path + "/site", ["--seeds", scratch.path + "/seeds"]).status, 0)
        XCTAssertEqual(Set(modificationTimes(scratch.path + "/site").keys), Set(before.keys))
    }

    func testAFailedBuildLeavesTheOldSiteAndNamesFileAndLine() throws {
        let scratch = ScratchFolder()
        XCTAssertEqual(try build(scratch.path + "/site").status, 0)
        let before = scratch.files("site")
        // A copy of Content/ with a broken front matter line, and Templates/ with a broken tag.
        try FileManager.default.copyItem(atPath: TestPaths.root.path + "/Content", toPath: scratch.path + "/Content")
        try FileManager.default.copyItem(atPath: TestPaths.root.path + "/Templates", toPath: scratch.path + "/Templates")
        scratch.write("Content/themes/broken.md", "---\ntitle: Broken\nkeywords [no colon]\n---\nText\n")
        scratch.write("Templates/partials/footer.mustache", "<footer>\n{{#site_title}}\n</footer>\n")
        let run = try build(scratch.path + "/site", ["--content", scratch.path + "/Content", "--templates", scratch.path + "/Templates"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("Content/themes/broken.md:3: error: front matter line \"keywords [no colon]\" is not \"key: value\""), run.stderr)
        XCTAssertTrue(run.stderr.contains("Templates/partials/footer.mustache:2: error: {{#site_title}} is never closed"), run.stderr)
        XCTAssertTrue(run.stderr.contains("site/ was left as it was") || run.stderr.contains("was left as it was"), run.stderr)
        XCTAssertEqual(scratch.files("site"), before)
    }

    func testEveryInternalLinkResolves() throws {
        let scratch = ScratchFolder()
        XCTAssertEqual(try build(scratch.path + "/site").status, 0)
        let files = scratch.files("site")
        var checked = 0
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for link in LinkScanner.links(in: html) where !link.contains("://") && !link.hasPrefix("#") && !link.hasPrefix("mailto:") && !link.hasPrefix("data:") {
                let target = LinkScanner.resolve(link, from: path)
                XCTAssertNotNil(files[target] ?? files[target + "index.html"], "\(path): \(link) → \(target)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 1_000)
    }

    private func modificationTimes(_ root: String) -> [String: Date] {
        var times: [String: Date] = [:]
        for file in FileTree.files(root) {
            times[file] = try? FileManager.default.attributesOfItem(atPath: root + "/" + file)[.modificationDate] as? Date
        }
        return times
    }
}

/// href and src attributes, and how a browser resolves them against a page.
enum LinkScanner {
    static func links(in html: String) -> [String] {
        var links: [String] = []
        for attribute in [" href=\"", " src=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                links.append(String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&"))
                rest = rest[end...]
            }
        }
        return links
    }

    /// "../authors/x.html" from "papers/y.html" → "authors/x.html"; "./" → "".
    static func resolve(_ link: String, from page: String) -> String {
        var parts = page.split(separator: "/").dropLast().map(String.init)
        let path = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? link
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch part {
            case "..": _ = parts.popLast()
            case ".", "": continue
            default: parts.append(String(part))
            }
        }
        let joined = parts.joined(separator: "/")
        return path.hasSuffix("/") || path.isEmpty || path == "." ? (joined.isEmpty ? "" : joined + "/") : joined
    }
}
