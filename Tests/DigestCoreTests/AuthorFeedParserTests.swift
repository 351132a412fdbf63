import XCTest
@testable import DigestCore

final class AuthorFeedParserTests: XCTestCase {
    let lines = TestPaths.seedLines("003")

    func testHeadersGlueCategoryAndDate() throws {
        let ctx = testContext
        XCTAssertEqual(AuthorFeedParser.readHeader("LGOct 27, 2022", context: ctx)?.category, "LG")
        XCTAssertEqual(AuthorFeedParser.readHeader("LGOct 27, 2022", context: ctx)?.date?.date.description, "2022-10-27")
        XCTAssertEqual(AuthorFeedParser.readHeader("OCDec 4, 2023Code", context: ctx)?.date?.date.description, "2023-12-04")
        XCTAssertEqual(AuthorFeedParser.readHeader("MLMay 21", context: ctx)?.date?.date.description, "2026-05-21")
        XCTAssertEqual(AuthorFeedParser.readHeader("AO-PHMar 24, 2023", context: ctx)?.category, "AO-PH")
        XCTAssertNil(AuthorFeedParser.readHeader("Deep neural networks have been shown", context: ctx))
    }

    /// The hardest splits of the seed feed, verbatim.
    func testTitleAuthorSplitOnHardTitles() {
        func check(_ line: String, _ title: String, _ authors: [String], etAl: Bool = false,
                   file: StaticString = #filePath, lineNumber: UInt = #line) {
            let split = TitleAuthorSplitter.split(line[...])
            XCTAssertEqual(split, .init(title: title, authors: authors, etAl: etAl), file: file, line: lineNumber)
        }
        check(lines[1], "Neural Galerkin Schemes with Active Learning for High-Dimensional Evolution Equations",
              ["Joan Bruna", "Benjamin Peherstorfer", "Eric Vanden-Eijnden"])
        check(lines[16], "When does return-conditioned supervised learning work for offline reinforcement learning?",
              ["David Brandfonbrener", "Alberto Bietti", "Jacob Buckman"], etAl: true)
        check(lines[10], "A Neural Collapse Perspective on Feature Evolution in Graph Neural Networks",
              ["Vignesh Kothapalli", "Tom Tirer", "Joan Bruna"])
        check(lines[82], "Compositional Reasoning with Transformers, RNNs, and Chain of Thought",
              ["Gilad Yehudai", "Noah Amsel", "Joan Bruna"])
        check(lines[142], "Geometric Deep Learning: Grids, Groups, Graphs, Geodesics, and Gauges",
              ["Michael M. Bronstein", "Joan Bruna", "Taco Cohen"], etAl: true)
        check(lines[136], "Offline RL Without Off-Policy Evaluation",
              ["David Brandfonbrener", "William F. Whitney", "Rajesh Ranganath"], etAl: true)
        check(lines[115], "Neural Fields as Learnable Kernels for 3D Reconstruction",
              ["Francis Williams", "Zan Gojcic", "Sameh Khamis"], etAl: true)
        check(lines[31], "On Non-Linear operators for Geometric Deep Learning",
              ["Grégoire Sergeant-Perthuis", "Jakob Maier", "Joan Bruna"], etAl: true)
        check(lines[109], "Lattice-Based Methods Surpass Sum-of-Squares in Clustering",
              ["Ilias Zadik", "Min Jae Song", "Alexander S. Wein"], etAl: true)
        // Not in the seeds: an acronym, a digit, ")" and particles or inner capitals in names.
        check("Scaling GPT-4Jane McDonald, Ann DeVore", "Scaling GPT-4", ["Jane McDonald", "Ann DeVore"])
        check("Learning in the BBP Regime (BBP)Jie Huang", "Learning in the BBP Regime (BBP)", ["Jie Huang"])
        check("Why PINNsJoris van der Hoeven, Li Wei", "Why PINNs", ["Joris van der Hoeven", "Li Wei"])
    }

    func testWholeSeedCreditsTheFeedOwnerOnEveryPaper() throws {
        let (parse, diagnostics) = DigestCoreTests.parse(lines.joined(separator: "\n"))
        XCTAssertEqual(diagnostics, [])
        let entries = try XCTUnwrap(parse?.entries)
        XCTAssertEqual(entries.count, 50)
        XCTAssertTrue(entries.allSatisfy { $0.credits.contains { $0.name == "Joan Bruna" } })
        // On "et al." entries that do not name him, Joan Bruna is inferred.
        let quantile = try XCTUnwrap(entries.first { $0.title == "Quantile Filtered Imitation Learning" })
        XCTAssertEqual(quantile.credits.last, Credit("Joan Bruna", inferred: true))
        XCTAssertFalse(quantile.authorsComplete)
        XCTAssertNil(quantile.authorCount)
        let galerkin = try XCTUnwrap(entries.first)
        XCTAssertEqual(galerkin.authorCount, 3)
        XCTAssertTrue(galerkin.authorsComplete)
        XCTAssertEqual(galerkin.category, "math.NA", "a pasted category becomes its arXiv code")
        XCTAssertFalse(galerkin.credits.contains { $0.inferred })
    }
}
