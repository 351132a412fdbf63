import Foundation
import XCTest
@testable import DigestCore

/// The curator's voice: notes on papers (`Content/notes/`) and editions
/// (`Content/editions/`), each front-matter key shown on an inline site
/// built through the binary.
final class CurationTests: XCTestCase {
    static let library = """
        @article{sharp, title = {Sharpness and Grokking in Two-Layer Networks}, author = {Lovelace, Ada and Noether, Emmy},
          year = 2024, month = feb, day = 2, eprint = {2402.00001}, archivePrefix = {arXiv}, primaryClass = {cs.LG},
          abstract = {Two-layer networks trained at the edge of stability show grokking when sharpness saturates.}}
        @article{diffusion, title = {Diffusion Models Learn Low-Dimensional Distributions}, author = {Lovelace, Ada and Ng, Zoë},
          year = 2023, month = dec, day = 1, doi = {10.1000/diffusion},
          abstract = {We prove that diffusion models trained by score matching learn low-dimensional distributions.}}
        @article{spectral, title = {Spectral Bias of Random Features}, author = {Turing, Alan},
          year = 2024, month = mar, day = 5, abstract = {Random features prefer low frequencies, as kernels do.}}
        @article{offtopic, title = {An Off-Topic Paper on Protein Folding}, author = {Curie, Marie},
          year = 2024, month = mar, day = 6, abstract = {Zyzzyva proteins fold in water.}}

        """

    static let files: [String: String] = [
        "seeds/library.bib": library,
        "Content/index.md": "---\ntitle: Curated Digest\ndescription: A test site.\n---\nThe intro.\n",
        "Content/themes/training.md": "---\ntitle: Training\nkeywords: [grokking, sharpness]\n---\nHow training goes.\n",
        "Content/themes/generative.md": "---\ntitle: Generative models\nkeywords: [diffusion, score matching]\n---\nModels of data.\n",
        "Content/notes/sharpness.md": """
            ---
            paper: arXiv:2402.00001
            highlight: true
            tags: [Edge of stability, reading group]
            ---
            We read it for the **plots** of the edge of stability.

            """,
        "Content/notes/diffusion.md": """
            ---
            paper: https://doi.org/10.1000/diffusion
            themes: [training]
            title: Diffusion Models Learn Low-Dimensional Structure
            authors: [Ada Lovelace, Zoë Ng, Grace Hopper]
            date: 2023-11
            category: stat.ML
            tags: [Reading Group]
            ---
            Corrected from the journal version.

            """,
        "Content/notes/offtopic.md": "---\npaper: an off-topic paper on PROTEIN   folding\nhide: true\n---\nNot ours.\n",
        "Content/notes/orphan.md": "---\n# A paper no listing has yet.\npaper: Spectral Bias of Random Feature Models\n---\nSoon.\n",
        "Content/editions/2024-02-01.md": """
            ---
            title: First edition
            papers: [2402.00001, No Such Paper]
            ---
            The first one.

            """,
        "Content/editions/2024-03-10.md": "---\ntitle: Week ten\n---\nOur *picks* & more.\n",
    ]

    /// Builds the fixture with a base URL (feeds and sitemap on).
    func built() throws -> (site: FixtureSite, run: DigestRun, files: [String: String]) {
        let site = FixtureSite(Self.files)
        let run = try site.build(["--base-url", "https://lab.example.org/digest/"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let files = site.files().mapValues { String(decoding: $0, as: UTF8.self) }
        return (site, run, files)
    }

    func testANoteIsShownOnItsPaperInCardsAndInTheFeed() throws {
        let (_, _, files) = try built()
        let page = try XCTUnwrap(files["papers/sharpness-and-grokking-in-two-layer-networks.html"])
        XCTAssertTrue(page.contains("<h2 id=\"why\">Why we read it</h2>\n<p>We read it for the <strong>plots</strong> of the edge of stability.</p>"), page)
        // The note sits above the abstract.
        XCTAssertLessThan(page.range(of: "Why we read it")!.lowerBound, page.range(of: "class=\"abstract\"")!.lowerBound)
        XCTAssertTrue(page.contains("<p class=\"badge highlight-badge\">Highlight</p>"))
        // Once: the cards of related papers do not take the page's note.
        XCTAssertEqual(page.components(separatedBy: "lab-note").count, 2)
        // Highlighted on every card of it: the home page, its theme, an author.
        for file in ["index.html", "themes/training.html", "authors/emmy-noether.html"] {
            XCTAssertTrue(try XCTUnwrap(files[file]).contains("<span class=\"badge highlight-badge\">Highlight</span> Ada Lovelace, Emmy Noether"), file + (files[file] ?? ""))
        }
        // The home page lists highlights first.
        let home = try XCTUnwrap(files["index.html"])
        XCTAssertLessThan(home.range(of: "id=\"highlights\"")!.lowerBound, home.range(of: "id=\"newest\"")!.lowerBound)
        // The site's feed carries the note, as HTML, with the abstract.
        let feed = try XCTUnwrap(files["feed.xml"])
        XCTAssertTrue(feed.contains("&lt;p&gt;We read it for the &lt;strong&gt;plots&lt;/strong&gt; of the edge of stability.&lt;/p&gt;"), feed)
    }

    func testCorrectionsWinOverTheListingsAndThemesReplaceMatching() throws {
        let (_, _, files) = try built()
        XCTAssertNil(files["papers/diffusion-models-learn-low-dimensional-distributions.html"])
        let page = try XCTUnwrap(files["papers/diffusion-models-learn-low-dimensional-structure.html"])
        XCTAssertTrue(page.contains("<h1>Diffusion Models Learn Low-Dimensional Structure</h1>"))
        XCTAssertTrue(page.contains(">Grace Hopper</a>"))
        XCTAssertTrue(page.contains("<time datetime=\"2023-11\">Nov 2023</time>"))
        XCTAssertTrue(page.contains("Machine Learning (stat.ML)"))
        XCTAssertTrue(page.contains("The lab corrected this record's title, authors, date and category"))
        // `themes: [training]` replaces the keyword match on "diffusion".
        XCTAssertTrue(page.contains("<li><a href=\"../themes/training.html\">Training</a></li>"), page)
        XCTAssertFalse(page.contains("generative.html\">Generative"))
        XCTAssertFalse(try XCTUnwrap(files["themes/generative.html"]).contains("Low-Dimensional"))
        // Grace Hopper, credited by the correction, has a page.
        XCTAssertNotNil(files["authors/grace-hopper.html"])
    }

    func testAHiddenPaperIsGoneFromEverything() throws {
        let (site, run, files) = try built()
        XCTAssertTrue(run.stdout.contains("3 papers (1 hidden by notes)"), run.stdout)
        for (path, text) in files where !path.hasPrefix(".") {
            XCTAssertFalse(text.localizedCaseInsensitiveContains("protein"), "\(path) mentions the hidden paper")
            XCTAssertFalse(text.localizedCaseInsensitiveContains("zyzzyva"), "\(path) holds a word of the hidden paper")
            XCTAssertFalse(text.contains("Marie Curie"), "\(path) names the hidden paper's only author")
        }
        XCTAssertNil(files["authors/marie-curie.html"])
        XCTAssertTrue(try XCTUnwrap(files["search/index.json"]).contains("\"papers\":3"))
        XCTAssertFalse(site.exists("site/papers/an-off-topic-paper-on-protein-folding.html"))
    }

    func testANoteThatMatchesNothingIsAWarningNamingTheClosestTitle() throws {
        let (_, run, _) = try built()
        XCTAssertTrue(run.stderr.contains("Content/notes/orphan.md:3: note on \"Spectral Bias of Random Feature Models\" matches no paper; "
                                          + "the closest title is \"Spectral Bias of Random Features\""), run.stderr)
        XCTAssertTrue(run.stderr.contains("Content/editions/2024-02-01.md:3: edition paper \"No Such Paper\" matches no paper"), run.stderr)
    }

    func testTwoNotesOnOnePaperAreAnErrorNamingBoth() throws {
        var files = Self.files
        files["Content/notes/again.md"] = "---\npaper: Sharpness and grokking in two-layer networks\n---\nTwice.\n"
        let site = FixtureSite(files)
        let run = try site.build()
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("Content/notes/sharpness.md:2: error: a second note on \"Sharpness and Grokking in Two-Layer Networks\", "
                                          + "already noted in Content/notes/again.md"), run.stderr)
        XCTAssertFalse(site.exists("site"))
    }

    func testTagsHaveTheirPages() throws {
        let (_, _, files) = try built()
        let index = try XCTUnwrap(files["tags/index.html"])
        XCTAssertTrue(index.contains("<a href=\"../tags/edge-of-stability.html\">Edge of stability</a> <span class=\"count\">1</span>"), index)
        // "reading group" and "Reading Group" are one tag.
        XCTAssertTrue(index.contains("<a href=\"../tags/reading-group.html\">reading group</a> <span class=\"count\">2</span>")
                      || index.contains("<a href=\"../tags/reading-group.html\">Reading Group</a> <span class=\"count\">2</span>"), index)
        let tag = try XCTUnwrap(files["tags/reading-group.html"])
        XCTAssertTrue(tag.contains("Sharpness and Grokking") && tag.contains("Low-Dimensional Structure"))
        XCTAssertTrue(try XCTUnwrap(files["papers/sharpness-and-grokking-in-two-layer-networks.html"])
            .contains("<li><a href=\"../tags/edge-of-stability.html\">Edge of stability</a></li>"))
        XCTAssertTrue(try XCTUnwrap(files["sitemap.xml"]).contains("https://lab.example.org/digest/tags/reading-group.html"))
    }

    func testEditionsHavePagesAnIndexAndAFeed() throws {
        let (_, _, files) = try built()
        // Without a list, an edition takes the papers dated after the
        // previous edition, up to its own date.
        let week = try XCTUnwrap(files["editions/2024-03-10.html"])
        XCTAssertTrue(week.contains("<p>Our <em>picks</em> &amp; more.</p>"), week)
        XCTAssertTrue(week.contains("Spectral Bias of Random Features") && week.contains("Sharpness and Grokking"))
        XCTAssertFalse(week.contains("Low-Dimensional"), "dated before the previous edition")
        // With its note on the paper's card.
        XCTAssertTrue(week.contains("<div class=\"lab-note prose\"><p>We read it for the <strong>plots</strong>"))
        let first = try XCTUnwrap(files["editions/2024-02-01.html"])
        XCTAssertTrue(first.contains("Sharpness and Grokking") && !first.contains("Spectral Bias"))
        let index = try XCTUnwrap(files["editions/index.html"])
        XCTAssertLessThan(index.range(of: "Week ten")!.lowerBound, index.range(of: "First edition")!.lowerBound)
        XCTAssertTrue(try XCTUnwrap(files["index.html"]).contains("Latest edition: <a href=\"./editions/2024-03-10.html\">Week ten</a>"))
        XCTAssertTrue(try XCTUnwrap(files["papers/sharpness-and-grokking-in-two-layer-networks.html"])
            .contains("<a href=\"../editions/2024-02-01.html\">First edition</a>"))

        // The feed is Atom, each entry the whole edition as HTML.
        let feed = try AtomReader.read(Data(try XCTUnwrap(files["editions/feed.xml"]).utf8))
        XCTAssertEqual(feed.titles, ["Week ten", "First edition"])
        XCTAssertEqual(feed.entries.first, "https://lab.example.org/digest/editions/2024-03-10.html")
        XCTAssertEqual(feed.selfLink, "https://lab.example.org/digest/editions/feed.xml")
        let content = try XCTUnwrap(feed.contents.first ?? nil)
        XCTAssertTrue(content.contains("<p>Our <em>picks</em> &amp; more.</p>"), content)
        XCTAssertTrue(content.contains("<a href=\"https://lab.example.org/digest/papers/spectral-bias-of-random-features.html\">"), content)
    }

    /// The first edition, with no list and no edition before it, takes its
    /// week: not every paper dated before it.
    func testTheFirstEditionTakesItsWeek() throws {
        var files = Self.files.filter { !$0.key.hasPrefix("Content/editions/") && !$0.key.hasPrefix("Content/notes/") }
        files["Content/editions/2024-02-05.md"] = "---\ntitle: Opening week\n---\n"
        files["Content/notes/none.md"] = "---\npaper: arXiv:2402.00001\nthemes: []\n---\n"
        let site = FixtureSite(files)
        XCTAssertEqual(try site.build().status, 0)
        let page = try XCTUnwrap(site.read("site/editions/2024-02-05.html"))
        XCTAssertTrue(page.contains("Sharpness and Grokking"), "2 Feb is in the week to 5 Feb")
        XCTAssertFalse(page.contains("Diffusion Models"), "1 Dec 2023 is not")
        // `themes: []` keeps a paper out of every theme, discovered ones too.
        let paper = try XCTUnwrap(site.read("site/papers/sharpness-and-grokking-in-two-layer-networks.html"))
        XCTAssertFalse(paper.contains("id=\"paper-themes\""), paper)
    }

    func testTheNoteIsSearchedAfterTheAbstract() throws {
        let (_, _, files) = try built()
        let terms = try XCTUnwrap(files["search/terms/0.json"])
        // "plots" is only in a note: the fourth list.
        XCTAssertNotNil(terms.range(of: #"\["plots",\[\],\[\],\[\],\[\d+\]\]"#, options: .regularExpression), terms)
        XCTAssertTrue(try XCTUnwrap(files["search/index.json"]).contains("\"weights\":[1000,100,10,1]"))
    }

    func testFrontMatterProblemsAreFileLineErrorsAllAtOnce() throws {
        var files = Self.files
        files["Content/notes/bad.md"] = "---\npaper: arXiv:2402.00001\nhightlight: true\nthemes: [trainig]\ndate: March\nhide: maybe\n---\n"
        files["Content/notes/nopaper.md"] = "---\ntags: [x]\n---\nA note on nothing.\n"
        files["Content/editions/week-1.md"] = "---\ntitle: Week one\n---\n"
        files["Content/editions/2024-04-01.md"] = "---\npapers: [2402.00001]\n---\n"
        let site = FixtureSite(files)
        let run = try site.build()
        XCTAssertEqual(run.status, 1)
        for expected in [
            "Content/notes/bad.md:3: error: unknown key \"hightlight\" in a note (did you mean highlight?)",
            "Content/notes/bad.md:4: error: no curated theme \"trainig\" (did you mean training?)",
            "Content/notes/bad.md:5: error: cannot read date \"March\"; write 2024, 2024-03 or 2024-03-05",
            "Content/notes/bad.md:6: error: \"hide\" is true or false, not \"maybe\"",
            "Content/notes/nopaper.md:1: error: a note needs \"paper: …\"",
            "Content/editions/week-1.md: error: an edition's file is named by its date, like 2026-12-04.md",
            "Content/editions/2024-04-01.md:1: error: an edition needs \"title: …\"",
        ] {
            XCTAssertTrue(run.stderr.contains(expected), "missing \(expected) in\n\(run.stderr)")
        }
    }

    func testTheUpToDateCheckSeesNotesAndEditions() throws {
        let site = FixtureSite(Self.files)
        XCTAssertEqual(try site.build().status, 0)
        XCTAssertTrue(try site.build().stdout.contains("is up to date"))
        site.write("Content/notes/sharpness.md", "---\npaper: arXiv:2402.00001\n---\nA new note.\n")
        let rebuilt = try site.build()
        XCTAssertFalse(rebuilt.stdout.contains("is up to date"), rebuilt.stdout)
        XCTAssertTrue(try XCTUnwrap(site.read("site/papers/sharpness-and-grokking-in-two-layer-networks.html")).contains("<p>A new note.</p>"))
        site.write("Content/editions/2024-03-10.md", "---\ntitle: Week ten, revised\n---\n")
        XCTAssertTrue(try XCTUnwrap(try site.build().stdout).contains("papers"))
        XCTAssertTrue(try XCTUnwrap(site.read("site/editions/2024-03-10.html")).contains("Week ten, revised"))
    }

    func testBuildsAreDeterministic() throws {
        let site = FixtureSite(Self.files)
        XCTAssertEqual(try site.build(out: "one", ["--base-url", "https://lab.example.org/"]).status, 0)
        XCTAssertEqual(try site.build(out: "two", ["--base-url", "https://lab.example.org/"]).status, 0)
        XCTAssertEqual(site.files("one").filter { !$0.key.hasPrefix(".") }, site.files("two").filter { !$0.key.hasPrefix(".") })
    }

    func testBlockListsInFrontMatter() throws {
        let front = try FrontMatter.parse("---\npapers:\n  - \"A: title, with a comma\"\n  - 2201.02177\ntitle: T\n---\nBody\n", file: "e.md")
        XCTAssertEqual(front.list("papers"), ["A: title, with a comma", "2201.02177"])
        XCTAssertEqual(front.text("title"), "T")
        XCTAssertEqual(front.body, "Body\n")
    }
}
