import XCTest
@testable import DigestCore

/// arXiv API Atom, arXiv RSS and BibTeX listings; arXiv ids, DOIs and
/// categories; merging by identity; links and citations on the site.
final class IdentityTests: XCTestCase {
    static let fixtures = TestPaths.fixtures + "/identity"

    func read(_ name: String) throws -> (entries: [ListingEntry], diagnostics: [String]) {
        let path = Self.fixtures + "/" + name
        let bytes = try XCTUnwrap(FileBytes.read(path))
        let (parse, diagnostics) = ListingReader(context: testContext).read(path: name, bytes: bytes)
        return (parse?.entries ?? [], diagnostics.map(\.description))
    }

    // MARK: Formats

    func testArxivAPIAtom() throws {
        let (entries, diagnostics) = try read("arxiv-api.xml")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(entries.map(\.arxivID), ["2201.02177", "math/0211159", "2305.18290"])
        let grokking = entries[0]
        XCTAssertEqual(grokking.title, "Grokking: Generalization Beyond Overfitting on Small Algorithmic Datasets")
        XCTAssertEqual(grokking.credits.map(\.name), ["Alethea Power", "Yuri Burda", "Harri Edwards", "Igor Babuschkin", "Vedant Misra"])
        XCTAssertTrue(grokking.authorsComplete)
        XCTAssertEqual(grokking.date?.description, "2022-01-06")
        XCTAssertEqual(grokking.categories, ["cs.LG", "cs.AI"])
        XCTAssertEqual(grokking.source.line, 10)
        XCTAssertTrue(grokking.abstract.hasPrefix("In this paper we propose to study generalization of neural networks on small"))
        XCTAssertEqual(entries[1].categories, ["math.DG"])
        XCTAssertEqual(entries[2].doi, "10.5555/3666122.3668460")
        XCTAssertEqual(entries[2].journalRef, "NeurIPS 2023")
        XCTAssertTrue(entries[2].abstract.hasSuffix("which is stable & performant."))
    }

    func testArxivAnnouncementRSS() throws {
        let (entries, diagnostics) = try read("cs.LG.rss")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(entries.map(\.arxivID), ["2201.02177", "2611.04321"])
        XCTAssertEqual(entries[1].title, "Sharp Feature Learning in Two-Layer Networks with Zdeborová's Replica Method")
        XCTAssertEqual(entries[1].title, entries[1].title.precomposedStringWithCanonicalMapping)
        XCTAssertEqual(entries[1].credits.map(\.name), ["Ada Lovelace", "Lenka Zdeborová"])
        XCTAssertEqual(entries[1].categories, ["cs.LG", "cond-mat.dis-nn"])
        XCTAssertEqual(entries[1].date?.description, "2026-11-30")
        XCTAssertTrue(entries[1].abstract.hasPrefix("We compute the sharp feature learning threshold"), entries[1].abstract)
        XCTAssertFalse(entries[1].abstract.contains("Announce Type"))
        // A replacement's announcement date ranks below a real one.
        XCTAssertTrue(entries[0].dateYearInferred)
        XCTAssertFalse(entries[1].dateYearInferred)
    }

    func testBibTeX() throws {
        let (entries, diagnostics) = try read("library.bib")
        XCTAssertEqual(entries.map(\.title), [
            "Grokking: Generalization beyond overfitting on small algorithmic datasets",
            "Statistical physics of inference: Thresholds and algorithms",
            "Transformers learn through gradual rank increase",
            "A Book with Nested Braces and a & sign",
            "An Entry After the Broken One",
        ])
        // Google Scholar's "arXiv preprint arXiv:ID" journal gives the id.
        XCTAssertEqual(entries[0].arxivID, "2201.02177")
        XCTAssertEqual(entries[0].date?.description, "2022")
        XCTAssertEqual(entries[0].credits.map(\.name).first, "Alethea Power")
        // Accents, "and others", a month macro, @string and # concatenation.
        let zdeborova = entries[1]
        XCTAssertEqual(zdeborova.credits.map(\.name), ["Lenka Zdeborová", "Florent Krzakala", "Jörg Müller"])
        XCTAssertFalse(zdeborova.authorsComplete)
        XCTAssertEqual(zdeborova.date?.description, "2016-12")
        XCTAssertEqual(zdeborova.doi, "10.1080/00018732.2016.1211393")
        XCTAssertEqual(zdeborova.journalRef, "Advances in Neural Information Processing Systems 29")
        XCTAssertEqual(entries[2].arxivID, "2306.07042")
        XCTAssertEqual(entries[2].categories, ["cs.LG"])
        XCTAssertEqual(entries[2].credits.first?.name, "Enric Boix-Adserà")
        XCTAssertEqual(entries[3].credits.map(\.name), ["Research Group on Learning"])
        XCTAssertEqual(entries[3].date?.description, "2024-03")
        XCTAssertEqual(entries[4].date?.description, "2025-06-14")
        XCTAssertEqual(diagnostics, [
            "library.bib:38: entry \"power2022grokking\" repeats the key of the entry at line 4; skipped",
            "library.bib:44: entry \"notitle\": no title; skipped",
            "library.bib:50: error: entry \"broken\" (line 49): the brace opened for \"title\" on line 50 is never closed; the entry is skipped",
        ])
    }

    func testMalformedXMLIsAnErrorAtItsLineAndKeepsWhatCameBefore() throws {
        var text = try XCTUnwrap(String(contentsOfFile: Self.fixtures + "/arxiv-api.xml", encoding: .utf8))
        text = text.replacingOccurrences(of: "<title>The entropy formula", with: "<title><b>The entropy formula")
        let (parse, diagnostics) = ListingReader(context: testContext).read(path: "bad.xml", bytes: Array(text.utf8))
        XCTAssertEqual(parse?.entries.map(\.arxivID), ["2201.02177"])
        XCTAssertTrue(diagnostics.contains { $0.severity == .error && $0.line != nil && $0.description.hasPrefix("bad.xml:") }, "\(diagnostics)")
    }

    func testFormatsAreDetectedByContent() {
        XCTAssertEqual(ListingReader.structuredFormat(Array("\u{FEFF}  <?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">".utf8)), .arxivAtom)
        XCTAssertEqual(ListingReader.structuredFormat(Array("<?xml version='1.0'?>\n<rss version=\"2.0\">".utf8)), .arxivRSS)
        XCTAssertEqual(ListingReader.structuredFormat(Array("% comment\n\n@Article{key,\n".utf8)), .bibtex)
        XCTAssertNil(ListingReader.structuredFormat(Array("Daily Papers\n@ someone\n".utf8)))
        XCTAssertNil(ListingReader.structuredFormat(Array("LGOct 27, 2022\nA title".utf8)))
    }

    // MARK: Identity

    func testArxivIdsAndDOIs() {
        XCTAssertEqual(ArxivID.parse("2201.02177v3"), "2201.02177")
        XCTAssertEqual(ArxivID.parse("arXiv:2201.02177"), "2201.02177")
        XCTAssertEqual(ArxivID.parse("https://arxiv.org/abs/1706.03762v7"), "1706.03762")
        XCTAssertEqual(ArxivID.parse("http://arxiv.org/abs/math/0211159v1"), "math/0211159")
        XCTAssertEqual(ArxivID.parse("hep-th/9901001"), "hep-th/9901001")
        XCTAssertEqual(ArxivID.parse("math.GT/0309136"), "math.GT/0309136")
        XCTAssertEqual(ArxivID.parse("https://arxiv.org/pdf/2305.18290.pdf"), "2305.18290")
        for bad in ["2201.021", "2201.021777", "Grokking", "math/021115", ""] { XCTAssertNil(ArxivID.parse(bad), bad) }
        XCTAssertEqual(ArxivID.find(in: "Builds on arXiv:2201.02177v2 and https://arxiv.org/abs/1706.03762."), ["2201.02177", "1706.03762"])
        XCTAssertEqual(DOI.parse("https://doi.org/10.1080/00018732.2016.1211393"), "10.1080/00018732.2016.1211393")
        XCTAssertEqual(DOI.arxivID("10.48550/arXiv.2201.02177"), "2201.02177")
        XCTAssertNil(DOI.parse("not a doi"))
        XCTAssertEqual(Route.doi("10.1000/a<b>#c"), "https://doi.org/10.1000/a%3Cb%3E%23c")
    }

    /// Pasted listings carry an id where the page wrote it as the paper's
    /// own: at either end of the abstract or at the end of the title. One
    /// in the middle of an abstract cites another paper.
    func testPastedListingsTakeTheIdsWrittenAsThePapersOwn() {
        func entry(_ title: String, _ abstract: String) -> ListingEntry {
            ListingEntry(title: title, credits: [], authorsComplete: false, date: nil, abstract: abstract,
                         source: SourceRef(path: "pasted.txt", line: 1, format: .authorFeed))
        }
        var entries = [
            entry("Grokking", "arXiv:2201.02177v2 We study small algorithmic datasets."),
            entry("Attention", "We propose the Transformer. [arXiv:1706.03762]"),
            entry("Attention again", "We propose it again. https://arxiv.org/abs/1706.03762v7."),
            entry("Old style (arXiv:math/0211159)", "Ricci flow."),
            entry("Citing", "We extend arXiv:2201.02177 to larger datasets and beyond."),
            entry("(arXiv:2201.02177)", "A title that is only an id stays."),
            entry("Disagreeing [arXiv:2301.00001]", "Abstract. arXiv:2301.00002"),
        ]
        ListingReader.identify(&entries)
        XCTAssertEqual(entries.map { $0.arxivID ?? "-" }, ["2201.02177", "1706.03762", "1706.03762", "math/0211159", "-", "-", "2301.00002"])
        XCTAssertEqual(entries.map(\.title), ["Grokking", "Attention", "Attention again", "Old style", "Citing", "(arXiv:2201.02177)",
                                              "Disagreeing [arXiv:2301.00001]"])
        XCTAssertEqual(entries.map(\.abstract), ["We study small algorithmic datasets.", "We propose the Transformer.", "We propose it again.",
                                                 "Ricci flow.", "We extend arXiv:2201.02177 to larger datasets and beyond.",
                                                 "A title that is only an id stays.", "Abstract."])
    }

    func testPastedCategoriesBecomeCodesWhereUnambiguous() {
        let cases = ["LG": "cs.LG", "ML": "stat.ML", "OC": "math.OC", "NA": "math.NA", "AO-PH": "physics.ao-ph",
                     "STAT-ML": "stat.ML", "COND-MAT-DIS-NN": "cond-mat.dis-nn", "cs.CL": "cs.CL", "QUANT-PH": "quant-ph",
                     "CV": "CV", "Machine Learning": "Machine Learning"]
        for (raw, code) in cases { XCTAssertEqual(ArxivCategories.code(raw), code, raw) }
        XCTAssertEqual(ArxivCategories.label("cs.LG"), "Machine Learning (cs.LG)")
        XCTAssertEqual(ArxivCategories.label("Machine Learning"), "Machine Learning")
    }

    /// One paper from three formats: merged by arXiv id, the best field
    /// from each by the documented rules, every source kept.
    func testMergingByIdentityTakesTheBestOfEachSource() throws {
        let listings = Pipeline.listings(paths: [Self.fixtures], reference: ReferenceDate(today: testReference))
        let grokking = try XCTUnwrap(listings.catalog.papers.first { $0.arxivID == "2201.02177" })
        XCTAssertEqual(Set(grokking.sources.map(\.format)), [.arxivAtom, .arxivRSS, .bibtex])
        XCTAssertEqual(listings.catalog.papers.filter { $0.arxivID == "2201.02177" }.count, 1)
        // The precise first-submission date, not the replacement's announcement or BibTeX's year.
        XCTAssertEqual(grokking.date?.description, "2022-01-06")
        XCTAssertEqual(grokking.title, "Grokking: Generalization Beyond Overfitting on Small Algorithmic Datasets")
        XCTAssertEqual(grokking.categories, ["cs.LG", "cs.AI"])
        XCTAssertTrue(grokking.abstract.hasSuffix("studied in great detail."), "the full abstract, not the feed's cut one")
        // The same title under another arXiv id is another paper; a listing
        // without an id joins the one whose title and authors it shares.
        var first = ListingEntry(title: grokking.title, credits: [Credit("Alethea Power")], authorsComplete: false,
                                 source: SourceRef(path: "seeds/x.txt", line: 1, format: .authorFeed))
        first.arxivID = "2201.02177"
        var other = first
        other.arxivID = "2999.00001"
        other.source.line = 5
        var plain = first
        plain.arxivID = nil
        plain.source.line = 9
        let catalog = Catalog(entries: [first, other, plain])
        XCTAssertEqual(catalog.papers.count, 2)
        XCTAssertEqual(catalog.papers[0].sources.map(\.line), [1, 9])
        XCTAssertEqual(catalog.diagnostics.count, 1)
        XCTAssertTrue(catalog.diagnostics.first?.description.contains("another arXiv id (2999.00001") ?? false, "\(catalog.diagnostics)")
    }

    func testParseJSONHasIdentityKeys() throws {
        let run = try DigestRun.run(["parse", "--json", Self.fixtures + "/arxiv-api.xml"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let first = try XCTUnwrap(run.stdout.split(separator: "\n").first)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        XCTAssertEqual(object["arxiv_id"] as? String, "2201.02177")
        XCTAssertTrue(object["doi"] is NSNull)
        XCTAssertEqual(object["url"] as? String, "http://arxiv.org/abs/2201.02177v2")
        XCTAssertEqual(object["categories"] as? [String], ["cs.LG", "cs.AI"])
        XCTAssertEqual(object["category"] as? String, "cs.LG")
        XCTAssertEqual(object["date"] as? String, "2022-01-06")
    }

    // MARK: On the site

    func testPaperPagesLinkTheirSourceAndCiteIt() throws {
        let site = FixtureSite(["Content/index.md": "---\ntitle: Identity\n---\n", "Content/config.yaml": "base_url: https://lab.example.org/\n"])
        for name in ["arxiv-api.xml", "cs.LG.rss", "library.bib"] {
            var text = try String(contentsOfFile: Self.fixtures + "/" + name, encoding: .utf8)
            // The library's broken entry is an error, which would stop the build.
            if let broken = text.range(of: "@article{broken,"), let next = text.range(of: "@misc{afterbroken") {
                text.removeSubrange(broken.lowerBound..<next.lowerBound)
            }
            site.write("seeds/" + name, text)
        }
        let run = try site.build()
        XCTAssertEqual(run.status, 0, run.stderr)
        let grokking = try XCTUnwrap(site.read("site/papers/grokking-generalization-beyond-overfitting-on-small-algorithmic-datasets.html"))
        for link in ["https://arxiv.org/abs/2201.02177", "https://arxiv.org/pdf/2201.02177", "https://arxiv.org/html/2201.02177"] {
            XCTAssertTrue(grokking.contains("href=\"\(link)\""), link)
        }
        XCTAssertFalse(grokking.contains("arxiv.org/search"))
        XCTAssertTrue(grokking.contains("<meta name=\"citation_arxiv_id\" content=\"2201.02177\">"))
        XCTAssertTrue(grokking.contains("<meta name=\"citation_publication_date\" content=\"2022/01/06\">"))
        XCTAssertEqual(grokking.components(separatedBy: "<meta name=\"citation_author\"").count - 1, 5)
        XCTAssertTrue(grokking.contains("<meta property=\"og:title\" content=\"Grokking: Generalization Beyond Overfitting on Small Algorithmic Datasets\">"))
        XCTAssertTrue(grokking.contains("Machine Learning (cs.LG)"))
        XCTAssertTrue(grokking.contains("eprint = {2201.02177}"))
        // JSON-LD is JSON.
        let start = try XCTUnwrap(grokking.range(of: "<script type=\"application/ld+json\">"))
        let end = try XCTUnwrap(grokking.range(of: "</script>", range: start.upperBound..<grokking.endIndex))
        let jsonLD = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(grokking[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
        XCTAssertEqual(jsonLD["@type"] as? String, "ScholarlyArticle")
        XCTAssertEqual(jsonLD["sameAs"] as? [String], ["https://arxiv.org/abs/2201.02177"])
        // A DOI-only paper links its DOI; a paper with neither, arXiv's title search.
        let zdeborova = try XCTUnwrap(site.read("site/papers/statistical-physics-of-inference-thresholds-and-algorithms.html"))
        XCTAssertTrue(zdeborova.contains("href=\"https://doi.org/10.1080/00018732.2016.1211393\""))
        XCTAssertTrue(site.read("site/papers/an-entry-after-the-broken-one.html")!.contains("https://arxiv.org/search/?searchtype=title"))
        // The whole digest as BibTeX.
        let bib = try XCTUnwrap(site.read("site/digest.bib"))
        XCTAssertEqual(bib.components(separatedBy: "\n@").count, 8)
        XCTAssertTrue(bib.contains("title = {A Book with Nested Braces and a \\& sign}"), bib)
        XCTAssertTrue(bib.contains("month = dec,"), bib)
    }

    func testBibTeXEscapingReadsBack() {
        XCTAssertEqual(Citation.escape("50% of {x} & $y$ #1 a_b ~ ^ \\"), "50\\% of \\{x\\} \\& \\$y\\$ \\#1 a\\_b \\textasciitilde{} \\textasciicircum{} \\textbackslash{}")
        XCTAssertEqual(TeXText.plain(Citation.escape("50% of {x} & y #1 a_b")), "50% of {x} & y #1 a_b")
    }
}

extension IdentityTests {
    /// A feed large enough to be parsed in pieces on several cores gives the
    /// same entries, in order, with the file's own line numbers; an error
    /// in a later piece keeps the entries before it.
    func testALargeFeedIsReadInPiecesWithTheFilesLineNumbers() throws {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:arxiv=\"http://arxiv.org/schemas/atom\">\n"
        var lines: [Int] = []
        var line = 3  // the next entry's line: after the declaration and <feed>
        let filler = String(repeating: "a long abstract about kernels and features ", count: 60)
        for n in 0..<4_000 {
            lines.append(line)
            line += 8
            text += "  <entry>\n    <id>http://arxiv.org/abs/2401.\(String(10000 + n))v1</id>\n    <published>2024-01-05T00:00:00Z</published>\n"
            text += "    <title>Paper \(n)</title>\n    <summary>\(filler)</summary>\n    <author><name>Ada Lovelace</name></author>\n"
            text += "    <arxiv:primary_category term=\"cs.LG\"/>\n  </entry>\n"
        }
        text += "</feed>\n"
        let bytes = Array(text.utf8)
        XCTAssertGreaterThan(ArxivAtomParser.split(bytes).count, 1, "the fixture must be cut into pieces")
        let parse = ArxivAtomParser.parse(path: "big.xml", bytes: bytes)
        XCTAssertEqual(parse.diagnostics.map(\.description), [])
        XCTAssertEqual(parse.entries.map(\.title), (0..<4_000).map { "Paper \($0)" })
        XCTAssertEqual(parse.entries.map(\.source.line), lines)
        XCTAssertEqual(parse.entries.last?.arxivID, "2401.13999")
        // Break entry 3,500 (in a later piece): the entries before it stay.
        let broken = text.replacingOccurrences(of: "<title>Paper 3500</title>", with: "<title>Paper 3500</titel>")
        let damaged = ArxivAtomParser.parse(path: "big.xml", bytes: Array(broken.utf8))
        XCTAssertEqual(damaged.entries.count, 3_500)
        XCTAssertEqual(damaged.diagnostics.first?.line, lines[3_500] + 3, damaged.diagnostics.map(\.description).joined())
    }

    /// A big .bib is read in pieces on every core; the result must be the
    /// one of reading it from start to end, the simple reference.
    func testABigBibTeXFileReadInPiecesReadsLikeOneReading() {
        func summary(_ parse: ListingParse) -> [String] {
            parse.entries.map { "\($0.source.line) \($0.title) | \($0.credits.map(\.name)) | \($0.date?.description ?? "-") | \($0.arxivID ?? "-")" }
                + parse.diagnostics.map(\.description)
        }
        var text = "% a library\n"
        for n in 0..<300 {
            switch n % 5 {
            case 0: text += "@article{key\(n),\n  title = {Paper {\\'E}t\\'e \(n)},\n  author = {Zdeborov{\\'a}, Lenka and others},\n  year = 2020, month = dec,\n}\n\n"
            case 1: text += "@misc(key\(n), title = \"Quoted {Paper} \(n)\", eprint = {2101.\(String(10000 + n))},\n archivePrefix = {arXiv})\n"
            case 2: text += "Text between entries, with an address me@example.org.\n@inproceedings{key\(n),\n  title = {Paper \(n)},\n  booktitle = {NeurIPS},\n  abstract = {Line one\n   @ not an entry, indented\n  line three}\n}\n"
            case 3: text += "@comment{a comment {with braces}}\n@book{key\(n % 7), title = {Repeated key \(n)}, year = {2001}}\n"
            default: text += "@misc{untitled\(n), author = {Nobody}}\n"
            }
        }
        let bytes = Array(text.utf8)
        let reference = BibTeXParser.parse(path: "lib.bib", bytes: bytes, pieceSize: Int.max / 4)
        XCTAssertNotNil(BibTeXParser.readInPieces(path: "lib.bib", bytes: bytes, pieceSize: 500), "the fixture must be read in pieces")
        XCTAssertEqual(summary(BibTeXParser.parse(path: "lib.bib", bytes: bytes, pieceSize: 500)), summary(reference))
        XCTAssertEqual(reference.entries.count, 182)  // 60 + 60 + 60, and key3 and key4 once
        XCTAssertTrue(reference.diagnostics.contains { $0.description.contains("repeats the key") })
        // A value holding a line that starts with "@" may be cut there: the
        // piece before it has an error, and the file is read as one.
        let long = String(repeating: "a", count: 600)
        let cut = "@misc{first, title = {First}, abstract = {\(long)\n@ inside the abstract\n\(long)}}\n" + text
        XCTAssertNil(BibTeXParser.readInPieces(path: "lib.bib", bytes: Array(cut.utf8), pieceSize: 500))
        XCTAssertEqual(summary(BibTeXParser.parse(path: "lib.bib", bytes: Array(cut.utf8), pieceSize: 500)),
                       summary(BibTeXParser.parse(path: "lib.bib", bytes: Array(cut.utf8), pieceSize: Int.max / 4)))
        // An unclosed brace and an @string: read as one, same messages.
        for variant in [text.replacingOccurrences(of: "title = {Paper 152}", with: "title = {Paper 152"),
                        "@String{ nips = {NeurIPS} }\n" + text] {
            let bytes = Array(variant.utf8)
            XCTAssertNil(BibTeXParser.readInPieces(path: "lib.bib", bytes: bytes, pieceSize: 500))
            XCTAssertEqual(summary(BibTeXParser.parse(path: "lib.bib", bytes: bytes, pieceSize: 500)),
                           summary(BibTeXParser.parse(path: "lib.bib", bytes: bytes, pieceSize: Int.max / 4)))
        }
    }

    /// TeX only inside formulas needs no conversion: the shortcut gives what
    /// converting would (formulas are kept as written either way).
    func testTeXOnlyInFormulasIsLeftAsWritten() {
        let pieces = ["$x_{i}$", "$\\frac{a}{b}$", " text ", "--", "{\\\"o}", "\\$", "~", "$", "\\emph{e}", "é", "  ", "{", "}"]
        var random = SplitMix64(seed: 5)
        var checked = 0
        for _ in 0..<2000 {
            let text = (0..<Int(random.next() % 8)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            if !TeXText.hasTeXOutsideMath(text) {
                XCTAssertEqual(TeXText.convert(text), Text.clean(text), text)
                checked += 1
            }
            XCTAssertEqual(TeXText.plain(text), TeXText.hasTeX(text) && TeXText.hasTeXOutsideMath(text) ? TeXText.convert(text) : Text.clean(text))
        }
        XCTAssertGreaterThan(checked, 300)
        XCTAssertEqual(TeXText.plain("An abstract with $\\mathcal{O}(n)$ only."), "An abstract with $\\mathcal{O}(n)$ only.")
        XCTAssertEqual(TeXText.plain("Zdeborov{\\'a} and $x$"), "Zdeborová and $x$")
    }

    /// TeX conversion on bytes against the conversion scalar by scalar
    /// (the reference below, the way it was first written).
    func testTeXConversionOnBytesMatchesTheScalarWalk() {
        let pieces = ["plain words ", "$x_{i}$", "$", "{", "}", "~", "-", "--", "---", "\\", "\\'", "\\'{e}", "{\\\"o}", "\\c{c}", "\\\"{\\i}",
                      "\\'\\j", "\\&", "\\%", "\\$", "\\_", "\\#", "\\{", "\\}", "\\\\", "\\emph{x}", "\\textbf ", "\\ss ", "\\o", "\\AA",
                      "\\unknown", "\\é", "\\'é", "é", "Σ", "𝔼", "\\u{a}", "\\v ", "\\k", "\\cite{k}", " ", "a", "\\'", "\\'\\"]
        var random = SplitMix64(seed: 17)
        for _ in 0..<5000 {
            let text = (0..<Int(random.next() % 9)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            XCTAssertEqual(TeXText.convert(text), convertByScalars(text), text.debugDescription)
            var inMath = false, outside = false, previous: Character = " "
            for c in text {
                if c == "$" { inMath.toggle() } else if !inMath, "{}\\~".contains(c) || (c == "-" && previous == "-") { outside = true }
                previous = c
            }
            XCTAssertEqual(TeXText.hasTeXOutsideMath(text), outside, text.debugDescription)
        }
    }

    private func convertByScalars(_ tex: String) -> String {
        let chars = Array(tex.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var inMath = false
        func isLetter(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic }
        while i < chars.count {
            let c = chars[i]
            if c == "$" { inMath.toggle(); out.append(c); i += 1; continue }
            if inMath { out.append(c); i += 1; continue }
            switch c {
            case "{", "}": i += 1
            case "~": out.append(" "); i += 1
            case "-" where i + 1 < chars.count && chars[i + 1] == "-":
                if i + 2 < chars.count, chars[i + 2] == "-" { out.append("—"); i += 3 } else { out.append("–"); i += 2 }
            case "\\":
                i += 1
                guard i < chars.count else { break }
                let next = chars[i]
                if let mark = TeXText.accentMarks[next], !(isLetter(next) && i + 1 < chars.count && isLetter(chars[i + 1])) {
                    i += 1
                    while i < chars.count, chars[i] == " " || chars[i] == "{" { i += 1 }
                    var base: Unicode.Scalar = " "
                    if i < chars.count, chars[i] == "\\", i + 1 < chars.count, chars[i + 1] == "i" || chars[i + 1] == "j" {
                        base = chars[i + 1]; i += 2
                    } else if i < chars.count {
                        base = chars[i]; i += 1
                    }
                    out.append(base); out.append(mark)
                } else if "&%$_#{}".unicodeScalars.contains(next) {
                    out.append(next); i += 1
                } else if next == "\\" {
                    out.append(" "); i += 1
                } else if isLetter(next) {
                    var name = String.UnicodeScalarView()
                    while i < chars.count, isLetter(chars[i]) { name.append(chars[i]); i += 1 }
                    let command = String(name)
                    if let letter = TeXText.letters[command] {
                        out.append(contentsOf: letter.unicodeScalars)
                        if i < chars.count, chars[i] == " " { i += 1 }
                    } else if ["emph", "textit", "textbf", "textrm", "textsc", "textsf", "texttt", "mbox", "text", "url", "href"].contains(command) {
                    } else {
                        out.append("\\"); out.append(contentsOf: name)
                    }
                } else {
                    out.append(next); i += 1
                }
            default:
                out.append(c); i += 1
            }
        }
        return Text.clean(String(out))
    }
}
