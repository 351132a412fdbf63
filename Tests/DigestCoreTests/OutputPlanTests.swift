import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import DigestCore

/// The output plan: every page kind and output, pagination, feeds,
/// sitemaps, the 404 page and the configuration, on sites written inline.
final class OutputPlanTests: XCTestCase {
    static let base = "https://lab.example.org/digest/"

    /// A site of `papers` generated papers and the given extra files.
    func generated(papers: Int, seed: UInt64 = 5, years: Int = 25, _ extra: [String: String] = [:]) -> FixtureSite {
        var files = ["seeds/feed.txt": GeneratedListing.authorFeed(papers: papers, seed: seed, years: years),
                     "Content/index.md": "---\ntitle: Plan Digest\n---\nIntro.\n"]
        files.merge(extra) { $1 }
        return FixtureSite(files)
    }

    func pages(_ site: FixtureSite) -> [String: String] {
        site.files().filter { $0.key.hasSuffix(".html") }.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// Every internal link of every page leads to a file of the site.
    func assertLinksResolve(_ site: FixtureSite, file: StaticString = #filePath, line: UInt = #line) {
        let files = site.files()
        for (path, data) in files where path.hasSuffix(".html") && path != "404.html" {
            for link in LinkScanner.links(in: String(decoding: data, as: UTF8.self))
            where !link.contains("://") && !link.hasPrefix("#") && !link.hasPrefix("mailto:") && !link.hasPrefix("data:") {
                let target = LinkScanner.resolve(link, from: path)
                XCTAssertNotNil(files[target] ?? files[target + "index.html"], "\(path): \(link)", file: file, line: line)
            }
        }
    }

    // MARK: Page kinds

    func testEveryDiscoveredThemeIsListed() throws {
        let site = generated(papers: 400)
        XCTAssertEqual(try site.build().status, 0)
        let discovered = site.files().keys.filter { $0.hasPrefix("themes/discovered-") && $0.hasSuffix(".html") && !$0.contains("/page/") }
        XCTAssertGreaterThan(discovered.count, 2, "the fixture should make several discovered themes")
        let index = site.read("site/themes/index.html")!
        for page in discovered {
            XCTAssertTrue(index.contains("href=\"../\(page)\""), "themes/index.html does not link \(page)")
        }
    }

    func testWithoutAboutThereIsNoAboutLinkOrPage() throws {
        let site = FixtureSite()
        XCTAssertEqual(try site.build().status, 0)
        XCTAssertFalse(site.exists("site/about/index.html"))
        for (path, html) in pages(site) { XCTAssertFalse(html.contains("about/"), path) }
        assertLinksResolve(site)
        site.write("Content/about.md", "---\ntitle: About us\n---\nWe read.\n")
        XCTAssertEqual(try site.build().status, 0)
        XCTAssertTrue(site.read("site/index.html")!.contains("<a href=\"./about/\">About</a>"))
    }

    func testTwoOutputsOnOnePathFailTheBuildNamingBoth() throws {
        XCTAssertThrowsError(try OutputPlan.checkCollisions([("papers/x.html", "the paper at seeds/a.txt:3"), ("index.html", "the home page"),
                                                             ("papers/x.html", "Content/static/papers/x.html")])) { error in
            XCTAssertEqual("\(error)", "Content/static/papers/x.html: error: would write papers/x.html, which the paper at seeds/a.txt:3 writes too; rename one of them")
        }
    }

    // MARK: Pagination

    /// Long lists are cut into pages: page 2 onwards at stable URLs, with
    /// rel=prev/next and "page 2 of N". The archive has a front page and a
    /// page per year, each year paginated, its month headings kept across
    /// pages; every paper is on exactly one year page; no page is large.
    func testLongListsArePaginated() throws {
        let site = generated(papers: 260, years: 2, ["Content/config.yaml": "page_size: 20\nbase_url: \(Self.base)\n",
                                                     "Content/themes/kernels.md": "---\ntitle: Kernels\nkeywords: [kernel]\n---\n",
                                                     "seeds/prolific.txt": (0..<25).map { "LGMar 3, 2023\nWork Number \($0) of a Long CareerProlific Person\nAn abstract.\n" }.joined()])
        XCTAssertEqual(try site.build().status, 0)
        let all = pages(site)
        // 130 papers a year, 20 a page: papers/2025/, papers/2025/page/2/ … /page/7/.
        XCTAssertNotNil(all["papers/2025/page/7/index.html"])
        XCTAssertNil(all["papers/2025/page/8/index.html"])
        let second = try XCTUnwrap(all["papers/2025/page/2/index.html"])
        XCTAssertTrue(second.contains("<link rel=\"prev\" href=\"../../../../papers/2025/\">"), second)
        XCTAssertTrue(second.contains("<link rel=\"next\" href=\"../../../../papers/2025/page/3/\">"), second)
        XCTAssertTrue(second.contains("Page 2 of 7"))
        XCTAssertTrue(second.contains("<title>Papers of 2025 (page 2 of 7) · Plan Digest</title>"), second)
        XCTAssertEqual(second.components(separatedBy: "class=\"card\"").count - 1, 20)
        XCTAssertFalse(all["papers/2025/index.html"]!.contains("rel=\"prev\""))
        XCTAssertFalse(all["papers/2025/page/7/index.html"]!.contains("rel=\"next\""))
        XCTAssertTrue(all["papers/2025/page/7/index.html"]!.contains("<a href=\"../../../../papers/2024/\">Papers of 2024</a> (older)"))
        // Every paper is on exactly one year page.
        let yearPages = all.filter { $0.key.hasPrefix("papers/20") }
        XCTAssertEqual(yearPages.values.reduce(0) { $0 + $1.components(separatedBy: "class=\"card\"").count - 1 }, 285)
        // A month begun on one page is shown again, marked continued.
        XCTAssertTrue(second.contains("<span class=\"continued\">(continued)</span>"), second)
        // The front page links every year and shows the newest page.
        let front = try XCTUnwrap(all["papers/index.html"])
        XCTAssertTrue(front.contains("href=\"../papers/2025/\"") && front.contains("href=\"../papers/2024/\""))
        XCTAssertEqual(front.components(separatedBy: "class=\"card\"").count - 1, 20)
        // Authors index, author pages and theme pages are paginated too.
        XCTAssertTrue(all.keys.contains { $0.range(of: #"^authors/[a-z-]+/page/2/index\.html$"#, options: .regularExpression) != nil })
        XCTAssertTrue(all.keys.contains { $0.range(of: #"^themes/[a-z-]+/page/2/index\.html$"#, options: .regularExpression) != nil })
        for (path, html) in all { XCTAssertLessThan(html.utf8.count, 250_000, path) }
        assertLinksResolve(site)
    }

    func testTheAuthorsIndexIsPaginatedWithLettersLinkingTheirPage() throws {
        let site = generated(papers: 600, ["Content/config.yaml": "page_size: 5\n"])
        XCTAssertEqual(try site.build().status, 0)
        let all = pages(site)
        XCTAssertNotNil(all["authors/page/2/index.html"])
        let first = all["authors/index.html"]!
        XCTAssertTrue(first.contains("Page 1 of"), first)
        // Each letter links to the page where it starts: on its own page
        // by anchor, on another page by that page's address.
        XCTAssertTrue(first.contains("<a href=\"#letter-B\">B</a>") || first.contains("<a href=\"../authors/page/"), first)
        XCTAssertTrue(first.contains("../authors/page/"), first)
        assertLinksResolve(site)
    }

    // MARK: Feeds and sitemaps

    func testEachThemeAndAuthorHasAnAtomFeedLinkedFromItsPage() throws {
        let site = generated(papers: 120, ["Content/config.yaml": "base_url: \(Self.base)\nfeed_length: 5\n",
                                           "Content/themes/grokking.md": "---\ntitle: Grokking\nkeywords: [grokking]\n---\nDelayed generalisation.\n"])
        XCTAssertEqual(try site.build().status, 0)
        let files = site.files()
        let theme = try XCTUnwrap(site.read("site/themes/grokking.html"))
        XCTAssertTrue(theme.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Grokking · Plan Digest\" href=\"../themes/grokking.xml\">"), theme)
        let authorPages = files.keys.filter { $0.hasPrefix("authors/") && $0.hasSuffix(".html") && $0.split(separator: "/").count == 2 && $0 != "authors/index.html" }
        XCTAssertFalse(authorPages.isEmpty)
        for page in authorPages {
            let feed = String(page.dropLast(5)) + ".xml"
            XCTAssertNotNil(files[feed], feed)
            XCTAssertTrue(String(decoding: files[page]!, as: UTF8.self).contains("href=\"../\(feed)\""), page)
        }
        for feed in ["feed.xml", "themes/grokking.xml", authorPages.sorted()[0].replacingOccurrences(of: ".html", with: ".xml")] {
            let atom = try AtomReader.read(files[feed]!)
            XCTAssertEqual(atom.selfLink, Self.base + feed, feed)
            XCTAssertFalse(atom.entries.isEmpty, feed)
            XCTAssertLessThanOrEqual(atom.entries.count, 5, feed)
            for entry in atom.entries { XCTAssertTrue(entry.hasPrefix(Self.base + "papers/"), entry) }
        }
        // A theme's and an author's feed cut abstracts to 280 characters; the site's keeps them whole.
        XCTAssertTrue(String(decoding: files["themes/grokking.xml"]!, as: UTF8.self).contains("…</summary>"))
        XCTAssertFalse(String(decoding: files["feed.xml"]!, as: UTF8.self).contains("…</summary>"))
    }

    func testSitemapsPastTheLimitBecomeAnIndex() throws {
        let routes = (0..<25).map { "papers/p\($0).html" }
        let files = Sitemap.files(routes: routes, base: Self.base, maxURLs: 10)
        XCTAssertEqual(files.map(\.path), ["sitemap.xml", "sitemaps/1.xml", "sitemaps/2.xml", "sitemaps/3.xml"])
        let index = String(decoding: try files[0].make(), as: UTF8.self)
        XCTAssertTrue(index.contains("<sitemapindex"))
        XCTAssertTrue(index.contains("<loc>\(Self.base)sitemaps/3.xml</loc>"))
        let counts = try files.dropFirst().map { String(decoding: try $0.make(), as: UTF8.self).components(separatedBy: "<url>").count - 1 }
        XCTAssertEqual(counts, [10, 10, 5])
        XCTAssertEqual(Sitemap.files(routes: routes, base: Self.base).map(\.path), ["sitemap.xml"])
        XCTAssertEqual(String(decoding: Sitemap.robots(base: Self.base), as: UTF8.self), "User-agent: *\nAllow: /\nSitemap: \(Self.base)sitemap.xml\n")
    }

    // MARK: 404 and the base URL

    func testNotFoundPageLinksFromTheBasePath() throws {
        let site = FixtureSite(FixtureSite.minimal.merging(["Content/config.yaml": "base_url: https://lab.example.org/lab/digest/\n"]) { $1 })
        XCTAssertEqual(try site.build().status, 0)
        let page = try XCTUnwrap(site.read("site/404.html"))
        XCTAssertTrue(page.contains("href=\"/lab/digest/assets/style.css\""), page)
        XCTAssertTrue(page.contains("<a href=\"/lab/digest/papers/\">"), page)
        XCTAssertFalse(page.contains("href=\"./"), page)
        XCTAssertFalse(page.contains("rel=\"canonical\""), page)
    }

    /// Without any base URL no absolute URL is written: no canonical links,
    /// no feeds, no sitemap, and the build says so once.
    func testWithoutABaseURLNoAbsoluteURLIsWritten() throws {
        let site = FixtureSite()
        let run = try site.build()
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr.components(separatedBy: "note: no base URL").count - 1, 1, run.stderr)
        let files = site.files()
        XCTAssertNil(files["feed.xml"])
        XCTAssertNil(files["sitemap.xml"])
        for (path, data) in files where !path.hasPrefix("assets/") {
            let text = String(decoding: data, as: UTF8.self)
            XCTAssertFalse(text.contains("localhost") || text.contains("rel=\"canonical\""), path)
        }
        XCTAssertEqual(site.read("site/robots.txt"), "User-agent: *\nAllow: /\n")
        // --base-url overrides the configuration, and is checked.
        site.write("Content/config.yaml", "base_url: https://config.example.org/\n")
        XCTAssertEqual(try site.build(out: "site", ["--base-url", "https://flag.example.org/x"]).status, 0)
        XCTAssertTrue(site.read("site/index.html")!.contains("<link rel=\"canonical\" href=\"https://flag.example.org/x/\">"))
        let bad = try site.build(out: "site", ["--base-url", "ftp://nowhere"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--base-url: base URL \"ftp://nowhere\" is not an http:// or https:// address"), bad.stderr)
    }

    // MARK: Configuration

    func testConfigurationSetsTitleLanguageAndSizes() throws {
        let site = generated(papers: 30, ["Content/config.yaml": """
            # The lab's settings
            title: Configured Digest
            description: "Set in config.yaml"
            language: en-GB
            page_size: 10
            feed_length: 3
            base_url: \(Self.base)
            """])
        XCTAssertEqual(try site.build().status, 0)
        let home = site.read("site/index.html")!
        XCTAssertTrue(home.contains("<html lang=\"en-GB\">"))
        XCTAssertTrue(home.contains("<title>Configured Digest</title>"))
        XCTAssertTrue(home.contains("content=\"Set in config.yaml\""))
        XCTAssertTrue(site.exists("site/authors/page/2/index.html"))
        XCTAssertEqual(site.read("site/papers/index.html")!.components(separatedBy: "class=\"card\"").count - 1, 10)
        XCTAssertEqual(try AtomReader.read(site.files()["feed.xml"]!).entries.count, 3)
        // A change to the configuration is seen by the up-to-date check.
        XCTAssertTrue(try site.build().stdout.contains("is up to date"))
        site.write("Content/config.yaml", "title: Renamed\nbase_url: \(Self.base)\n")
        XCTAssertEqual(try site.build().status, 0)
        XCTAssertTrue(site.read("site/index.html")!.contains("<title>Renamed</title>"))
    }

    func testBadConfigurationIsFileAndLineErrors() throws {
        let site = FixtureSite()
        site.write("Content/config.yaml", "title: Ok\npage_sise: 20\npage_size: many\nbase_url: lab.example.org\nlanguage: English please\nsame_person: [Ada]\n")
        let run = try site.build()
        XCTAssertEqual(run.status, 1)
        for expected in ["Content/config.yaml:2: error: unknown setting \"page_sise\" (did you mean page_size?)",
                         "Content/config.yaml:3: error: page_size \"many\" is not a whole number from 5 to 1000",
                         "Content/config.yaml:4: error: base URL \"lab.example.org\" is not an http:// or https:// address",
                         "Content/config.yaml:5: error: language \"English please\" is not a language tag",
                         "Content/config.yaml:6: error: same_person \"Ada\" is not \"Name = Other spelling\""] {
            XCTAssertTrue(run.stderr.contains(expected), "\(expected)\n\(run.stderr)")
        }
        XCTAssertFalse(site.exists("site"))
    }

    /// Spellings merged into one person, and one spelling split in two by
    /// a co-author.
    func testAuthorAliasesMergeAndSplitPeople() throws {
        let site = FixtureSite([
            "seeds/feed.txt": """
                LGFeb 2, 2024
                First PaperJ. Bruna, Ada Lovelace
                An abstract.
                LGFeb 1, 2024
                Second PaperJoan Bruna, Bo Byte
                An abstract.
                LGJan 3, 2024
                Third PaperWei Chen, Yann LeCun
                An abstract.
                LGJan 2, 2024
                Fourth PaperWei Chen, Ada Lovelace
                An abstract.

                """,
            "Content/index.md": "---\ntitle: T\n---\n",
            "Content/config.yaml": "same_person: [\"Joan Bruna = J. Bruna\"]\nsplit_person: [\"Wei Chen with Yann LeCun = Wei Chen (NYU)\"]\n",
        ])
        XCTAssertEqual(try site.build().status, 0)
        let bruna = try XCTUnwrap(site.read("site/authors/joan-bruna.html"))
        XCTAssertTrue(bruna.contains("First Paper") && bruna.contains("Second Paper"))
        XCTAssertFalse(site.exists("site/authors/j-bruna.html"))
        XCTAssertTrue(site.read("site/authors/wei-chen-nyu.html")!.contains("Third Paper"))
        let chen = try XCTUnwrap(site.read("site/authors/wei-chen.html"))
        XCTAssertTrue(chen.contains("Fourth Paper"))
        XCTAssertFalse(chen.contains("Third Paper"))
    }

    // MARK: Commands on the same pipeline

    func testThemesSuggestReportsAMissingSeedsFolder() throws {
        let site = FixtureSite()
        let missing = try DigestRun.run(["themes", "--suggest", "--seeds", "nowhere", "--content", "Content"], in: site.scratch.url)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("nowhere: error: no such file or folder"), missing.stderr)
        XCTAssertFalse(missing.stdout.contains("nothing to suggest"))
        let generated = self.generated(papers: 400)
        let run = try DigestRun.run(["themes", "--suggest", "--seeds", "seeds", "--content", "Content"], in: generated.scratch.url)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("# Content/themes/"), run.stdout)
        XCTAssertTrue(run.stdout.contains("keywords: ["), run.stdout)
    }
}

/// Reads an Atom feed with Foundation's XMLParser: its rel=self link and
/// each entry's link, title and content, and fails on XML that is not well
/// formed (Foundation's parser may report success on it, so errors are
/// caught as they are reported).
final class AtomReader: NSObject, XMLParserDelegate {
    var selfLink: String?
    var entries: [String] = []
    var titles: [String] = []
    var contents: [String?] = []
    private var inEntry = false
    private var root: String?
    private var text = ""
    private var failed = false

    static func read(_ data: Data) throws -> AtomReader {
        let reader = AtomReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        parser.shouldProcessNamespaces = true
        guard parser.parse(), !reader.failed else { throw parser.parserError ?? NSError(domain: "atom: not well-formed", code: 1) }
        guard reader.root == "feed" else { throw NSError(domain: "atom: root is not <feed>", code: 2) }
        return reader
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { failed = true }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if root == nil { root = name; XCTAssertEqual(namespaceURI, "http://www.w3.org/2005/Atom") }
        if name == "entry" { inEntry = true; contents.append(nil) }
        if name == "link", attributes["rel"] == "self", !inEntry { selfLink = attributes["href"] }
        if name == "link", attributes["rel"] == "alternate", inEntry, let href = attributes["href"] { entries.append(href) }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "entry" { inEntry = false }
        if inEntry, name == "title" { titles.append(text) }
        if inEntry, name == "content" { contents[contents.count - 1] = text }
        text = ""
    }
}
