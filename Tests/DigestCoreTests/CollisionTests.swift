import XCTest
@testable import DigestCore

/// Pages never collide, papers never merge silently, and output does not
/// grow with the square of a paper's author count.
final class CollisionTests: XCTestCase {
    /// A paper titled "Index" and an author named "Index" do not replace
    /// the lists at papers/index.html and authors/index.html.
    func testListPagesKeepTheirNames() throws {
        let site = FixtureSite([
            "seeds/feed.txt": """
                LGFeb 2, 2024
                IndexAda Lovelace, Bo Byte
                An abstract about indexes.
                LGFeb 1, 2024
                Another PaperAda Lovelace
                Another abstract.

                """,
            "seeds/profile.txt": """
                Index

                1 paper on arXiv

                A Paper by a Person Called Index

                Its abstract, long enough to be an abstract of a paper on arXiv.

                """,
            "Content/index.md": "---\ntitle: T\n---\n",
        ])
        let run = try site.build()
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(site.read("site/papers/index.html")!.contains("<h1>All papers</h1>"))
        XCTAssertTrue(site.read("site/papers/index-2.html")!.contains("<h1>Index</h1>"))
        XCTAssertTrue(site.read("site/authors/index.html")!.contains("<h1>Authors</h1>"))
        XCTAssertTrue(site.read("site/authors/index-2.html")!.contains("<h1>Index</h1>"))
        XCTAssertEqual(Slug.unique([("index", "a"), ("index", "b"), ("other", "c")]), ["index-2", "index-3", "other"])
    }

    func testThemeFilesThatWouldShareAPageAreErrorsNamingBoth() throws {
        var files = FixtureSite.minimal
        files["Content/themes/transformers.md"] = "---\ntitle: Transformers\nkeywords: [attention]\n---\n"
        files["Content/themes/Transformers .md"] = "---\ntitle: More transformers\nkeywords: [attention]\n---\n"
        files["Content/themes/index.md"] = "---\ntitle: Index\nkeywords: [grokking]\n---\n"
        let site = FixtureSite(files)
        let run = try site.build()
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("Content/themes/transformers.md: error: its page would be themes/transformers.html, like the page of Content/themes/Transformers .md"), run.stderr)
        XCTAssertTrue(run.stderr.contains("Content/themes/index.md: error: a theme may not be called \"index\""), run.stderr)
        XCTAssertFalse(site.exists("site"))
    }

    /// Titles without a letter or digit have no words to compare: such
    /// papers are one only when title, authors and abstract agree.
    func testTitlesWithoutWordsAreDifferentPapers() {
        func entry(_ title: String, _ author: String, _ abstract: String, line: Int) -> ListingEntry {
            ListingEntry(title: title, credits: [Credit(author)], authorsComplete: true, abstract: abstract,
                         source: SourceRef(path: "feed.txt", line: line, format: .authorFeed))
        }
        let catalog = Catalog(entries: [
            entry("???", "Ada Lovelace", "First.", line: 1),
            entry("...", "Bo Byte", "Second.", line: 4),
            entry("🚀🚀", "Cy Clean", "Third.", line: 7),
            entry("???", "Ada Lovelace", "First.", line: 10),
        ])
        XCTAssertEqual(catalog.papers.map(\.title), ["???", "...", "🚀🚀"])
        XCTAssertEqual(catalog.papers[0].sources.count, 2)
    }

    func testSameTitleWithNoAuthorInCommonStaysApartWithAWarning() {
        func entry(_ authors: [String], line: Int, inferred: Bool = false) -> ListingEntry {
            ListingEntry(title: "Attention Is All You Need", credits: authors.map { Credit($0, inferred: inferred) }, authorsComplete: !inferred,
                         abstract: "Abstract \(line).", source: SourceRef(path: "seeds/a.txt", line: line, format: .authorFeed))
        }
        let catalog = Catalog(entries: [
            entry(["Ashish Vaswani", "Noam Shazeer"], line: 1),
            entry(["Jane Doe"], line: 5),
            entry(["Vaswani, Ashish"], line: 9),
            entry([], line: 13),
            entry(["Jane Doe", "Max Roe"], line: 17),
        ])
        XCTAssertEqual(catalog.papers.count, 2)
        XCTAssertEqual(catalog.papers[0].sources.map(\.line), [1, 9, 13])
        XCTAssertEqual(catalog.papers[1].sources.map(\.line), [5, 17])
        XCTAssertEqual(catalog.diagnostics.map(\.description), [
            "seeds/a.txt:5: \"Attention Is All You Need\" has the title of the paper at a.txt:1 but no author in common; kept as a separate paper",
        ])
    }

    /// A physics paper with 3,000 authors: each author page lists its 50
    /// most frequent co-authors and says how many more there are.
    func testThreeThousandAuthorsGiveASiteOfReasonableSize() throws {
        func letters(_ n: Int) -> String {
            var n = n, out = ""
            for _ in 0..<3 { out.append(Character(Unicode.Scalar(UInt8(0x61 + n % 26)))); n /= 26 }
            return out.prefix(1).uppercased() + out.dropFirst()
        }
        let names = (0..<3_000).map { "Ada " + letters($0) + "son" }
        let site = FixtureSite([
            "seeds/feed.txt": "LGFeb 2, 2024\nObservation of a New Boson at the Collider" + names.joined(separator: ", ")
                + "\nWe observe a new boson.\nMLDec 1, 2023\nA Smaller PaperAda Aaason, Bo Byte\nIts abstract.\n",
            "Content/index.md": "---\ntitle: T\n---\n",
        ])
        let run = try site.build()
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("3,001 authors") || run.stdout.contains("3001 authors"), run.stdout)
        let files = site.files()
        let authorPages = files.filter { $0.key.hasPrefix("authors/") && $0.key.hasSuffix(".html") && $0.key.split(separator: "/").count == 2 && $0.key != "authors/index.html" }
        XCTAssertEqual(authorPages.count, 3_001)
        let largest = authorPages.values.map(\.count).max()!
        XCTAssertLessThan(largest, 40_000, "largest author page")
        XCTAssertLessThan(files.values.reduce(0) { $0 + $1.count }, 150_000_000)
        let page = site.read("site/authors/ada-aaason.html")!
        XCTAssertTrue(page.contains("<li>and 2950 more</li>") || page.contains("<li>and 2,950 more</li>"), page)
        XCTAssertEqual(page.components(separatedBy: "<span class=\"count\">").count - 1 >= 50, true)
    }
}

extension CollisionTests {
    /// The co-author picker against sorting every co-author.
    func testCoauthorPickerMatchesSortingEveryone() {
        var random = SplitMix64(seed: 7)
        for round in 0..<200 {
            let people = 1 + Int(random.next() % 120)
            let credits = (0..<Int(random.next() % 80)).map { _ in (0..<Int(random.next() % 8)).map { _ in Int(random.next() % UInt64(people)) } }
            let person = Int(random.next() % UInt64(people))
            let papers = credits.indices.filter { credits[$0].contains(person) }
            let limit = 1 + Int(random.next() % 8)
            var shared: [Int: Int] = [:]
            for id in papers { for other in Set(credits[id]) where other != person { shared[other, default: 0] += 1 } }
            let expected = shared.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            let picked = PageData.coauthors(of: person, papers: papers, credits: credits, limit: limit)
            XCTAssertEqual(picked.total, expected.count, "round \(round)")
            XCTAssertEqual(picked.top.map(\.person), expected.prefix(limit).map(\.key), "round \(round)")
            XCTAssertEqual(picked.top.map(\.shared), expected.prefix(limit).map(\.value), "round \(round)")
        }
    }
}
