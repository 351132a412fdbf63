import XCTest
@testable import DigestCore

/// The details readers noticed: counts, headings, legends, sources, theme
/// names and keywords.
final class ReadingTests: XCTestCase {
    func testCountsAreGroupedAndNounsAgree() {
        XCTAssertEqual(Count.grouped(100_000), "100,000")
        XCTAssertEqual(Count.grouped(27567), "27,567")
        XCTAssertEqual(Count.grouped(999), "999")
        XCTAssertEqual(Count.grouped(0), "0")
        XCTAssertEqual(Count.phrase(1, "paper"), "1 paper")
        XCTAssertEqual(Count.phrase(2, "paper"), "2 papers")
        XCTAssertEqual(Count.phrase(1, "person", "people"), "1 person")
        XCTAssertEqual(Count.phrase(27567, "person", "people"), "27,567 people")
    }

    /// One undated paper by one person, implied by a profile: every count
    /// singular, no "newest first", a legend for the asterisk.
    func testASmallSiteReadsRight() throws {
        let site = FixtureSite([
            "seeds/profile.txt": """
                Ada Lovelace
                1 papers on arXiv
                Academic Profile
                Papers on arXiv
                A Single Paper on Analytical Engines
                We describe the engine and its notes, which the listing cut short...

                """,
            "Content/index.md": "---\ntitle: Tiny\n---\nOne paper.\n",
        ])
        XCTAssertEqual(try site.build().status, 0)
        let home = try XCTUnwrap(site.read("site/index.html"))
        XCTAssertTrue(home.contains("<h1>Tiny</h1>"), home)
        XCTAssertTrue(home.contains("1 paper by 1 person."), home)
        let author = try XCTUnwrap(site.read("site/authors/ada-lovelace.html"))
        XCTAssertTrue(author.contains("1 paper in this digest."), author)
        XCTAssertTrue(author.contains("<h2 id=\"papers\">Papers</h2>"), "all undated: no \"newest first\"")
        XCTAssertTrue(author.contains("<p class=\"legend\"><span class=\"inferred\">*</span> On 1 of them the listing implies this person"), author)
        // The asterisk sits on the card's title line, not a line of its own.
        XCTAssertTrue(author.contains("A Single Paper on Analytical Engines</a><span class=\"inferred\">*</span>"), author)
        let paper = try XCTUnwrap(site.read("site/papers/a-single-paper-on-analytical-engines.html"))
        XCTAssertTrue(paper.contains("<p class=\"legend\"><span class=\"inferred\">*</span> Credited by the listing"), paper)
        // Sources as readers know them, the file and line as a detail.
        XCTAssertTrue(paper.contains("<li>An arXiv author profile, pasted <details><summary>Where</summary><code>profile.txt:5</code>"), paper)
        let undated = try XCTUnwrap(site.read("site/papers/undated/index.html"))
        XCTAssertTrue(undated.contains("<h1>Undated papers</h1>"))
        XCTAssertFalse(undated.contains(">Undated</h2>"), "the heading would repeat the title")
        XCTAssertTrue(undated.contains("1 of 1 paper."), undated)
    }

    func testKeywordsOfOneWordHoweverSpelledAreShownOnce() {
        XCTAssertEqual(Keywords.distinct(["optimization", "optimisation", "neural networks", "neural network", "noise", "behaviour", "behavior"]),
                       ["optimization", "neural networks", "noise", "behaviour"])
    }

    func testDiscoveredThemesAreNamedByPhrasesWithAcronymsInCapitals() {
        let entries = (0..<6).map { i in
            ListingEntry(title: "SGD noise and mean field limits \(i)", abstract: "We study SGD noise in the mean field limit of LLMs.",
                         source: SourceRef(path: "x.txt", line: i + 1, format: .dailyPapers))
        }
        let papers = Catalog(entries: entries).papers
        let cluster = ThemeDiscovery.Cluster(label: ["sgd noise", "mean field", "limits"], papers: Array(papers.indices))
        XCTAssertEqual(Grouping.title(of: cluster, papers: papers), "SGD noise, Mean field")
        XCTAssertTrue(Grouping.isAcronym("llm", in: papers), "plural LLMs counts")
        XCTAssertFalse(Grouping.isAcronym("noise", in: papers))
    }

    func testDiscoveredThemesAreMarkedWherePapersListThem() throws {
        let site = FixtureSite([
            "seeds/feed.txt": GeneratedListing.authorFeed(papers: 60, seed: 5),
            "Content/index.md": "---\ntitle: Marked\n---\nIntro.\n",
        ])
        XCTAssertEqual(try site.build().status, 0)
        let files = site.files().mapValues { String(decoding: $0, as: UTF8.self) }
        let papers = files.filter { $0.key.hasPrefix("papers/") && $0.value.contains("id=\"paper-themes\"") }
        XCTAssertFalse(papers.isEmpty)
        for (path, page) in papers {
            XCTAssertTrue(page.contains("<span class=\"badge discovered\" title=\"Found automatically\">discovered</span>"), path)
        }
        XCTAssertTrue(try XCTUnwrap(files["index.html"]).contains("badge discovered"))
    }
}
