import XCTest
@testable import DigestCore

final class CatalogTests: XCTestCase {
    func testSeedCounts() {
        let read = readSeeds()
        XCTAssertEqual(read.listings.map(\.format), [.authorProfile, .dailyPapers, .aggregator, .authorFeed])
        XCTAssertEqual(read.listings.map(\.entries), [47, 33, 9, 50])
        XCTAssertEqual(read.entries.count, 47 + 33 + 9 + 50)
        let catalog = Catalog(entries: read.entries)
        // 47 + 33 + 9 + 50: the aggregator's tenth item is a news story.
        XCTAssertEqual(catalog.papers.count, 139)
        XCTAssertEqual(read.diagnostics.count, 1)
        XCTAssertTrue(read.diagnostics[0].description.contains("002_944c60175c8f5ac9.txt:80: skipped"))
        let bruna = catalog.authors.person(named: "Bruna, Joan")
        XCTAssertEqual(bruna?.papers.count, 50)
        XCTAssertEqual(catalog.authors.person(named: "Tomaso Poggio")?.papers.count, 47)
    }

    /// The same paper from an author profile (owner only, cut abstract) and an
    /// aggregator (full "Last, First" list, full abstract) and a daily page
    /// (date, upvotes): one record with the best of each.
    func testMergeKeepsTheMostCompleteOfEachField() throws {
        let profile = """
            Lenka Zdeborová
            2 papers on arXiv
            Papers on arXiv
            Phase Transitions in Learning: A Review
            We review phase transitions in the learning of neural networks and what they tell about generalization; the analysis...
            """
        let aggregator = """
            Collaborating Authors


            PHASE TRANSITIONS IN LEARNING — A REVIEW

            Krzakala, Florent, Zdeborova, Lenka

            arXiv.org Machine Learning

            We review phase transitions in the learning of neural networks and what they tell about generalization; the analysis is exact.
            """
        let daily = """
            Daily Papers

            Apr 16

            Phase transitions in learning: a review

            We review phase transitions in the learning of neural networks.

              • 2 authors
            ·
            Jan 5, 2024 7
            """
        let reader = ListingReader(context: testContext)
        let entries = [("a.txt", profile), ("b.txt", aggregator), ("c.txt", daily)].flatMap { name, text in
            reader.read(SourceText(path: name, text: text)).0?.entries ?? []
        }
        XCTAssertEqual(entries.count, 3)
        let catalog = Catalog(entries: entries)
        XCTAssertEqual(catalog.papers.count, 1)
        let paper = try XCTUnwrap(catalog.papers.first)
        XCTAssertEqual(paper.title, "Phase Transitions in Learning: A Review")
        XCTAssertEqual(paper.authors, ["Florent Krzakala", "Lenka Zdeborová"])
        XCTAssertTrue(paper.authorsComplete)
        XCTAssertEqual(paper.authorCount, 2)
        XCTAssertFalse(paper.abstractTruncated)
        XCTAssertTrue(paper.abstract.hasSuffix("the analysis is exact."))
        XCTAssertEqual(paper.date?.description, "2024-01-05")
        XCTAssertEqual(paper.upvotes, 7)
        XCTAssertEqual(paper.sources.map(\.fileName), ["a.txt", "b.txt", "c.txt"])
        // One person, the accented spelling shown.
        XCTAssertEqual(catalog.authors.people.count, 2)
        XCTAssertEqual(catalog.authors.person(named: "Zdeborova, Lenka")?.name, "Lenka Zdeborová")
    }

    func testAuthorKeysIgnoreOrderCaseAndDiacritics() {
        XCTAssertEqual(PersonName.key("Zdeborová, Lenka"), PersonName.key("Lenka Zdeborova"))
        XCTAssertEqual(PersonName.key("Boix-Adserà, Enric"), PersonName.key("ENRIC BOIX-ADSERA"))
        XCTAssertNotEqual(PersonName.key("Lenka Zdeborová"), PersonName.key("Lenka Zdeborová-Smith"))
    }

    func testTitleKeyIgnoresCasePunctuationAndDiacritics() {
        XCTAssertEqual(Text.key("Towards Antisymmetric Neural Ansatz Separation"), Text.key("towards  antisymmetric neural-ansatz separation!"))
        XCTAssertEqual(Text.key("Ansätze"), Text.key("ANSATZE"))
    }

    /// Keys of text with accented Latin letters are folded on the bytes
    /// through a table; they must be the keys Unicode folding gives.
    func testKeysFoldedOnBytesAreTheKeysOfUnicodeFolding() {
        var pieces = ["a", "Bc", " ", "-", ",", "9", "x y", "e\u{301}", "×", "÷", "Σ", "日", "ŉ", "İ", "ǅ", "ﬁ"]
        pieces += (0xC0...0x24F).compactMap { Unicode.Scalar($0).map { String(Character($0)) } }
        var random = SplitMix64(seed: 21)
        for _ in 0..<5000 {
            let text = (0..<Int(random.next() % 8)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            XCTAssertEqual(Text.key(text), Text.words(text).joined(separator: " "), text.debugDescription)
            var shared: [UInt8] = Array("before".utf8)
            Text.appendKey(text, to: &shared)
            XCTAssertEqual(shared, Array(("before" + Text.words(text).joined(separator: " ")).utf8), text.debugDescription)
        }
        // Names: "Last, First" is keyed as "First Last", on the bytes of its two parts.
        let nameParts = ["Ada", "Lovelace", ",", ", ", " ", "-", "Zdeborová", "e\u{301}", "\u{1}", "\u{85}", "日本", "Ærø", ".", "\t"]
        for _ in 0..<5000 {
            let name = (0..<Int(random.next() % 7)).map { _ in nameParts[Int(random.next() % UInt64(nameParts.count))] }.joined()
            XCTAssertEqual(PersonName.key(name), Text.words(PersonName.displayOrder(name)).joined(separator: " "), name.debugDescription)
            var shared: [UInt8] = [0x7A, 0]
            PersonName.appendKey(name, to: &shared)
            XCTAssertEqual(shared, [0x7A, 0] + Array(PersonName.key(name).utf8), name.debugDescription)
        }
        XCTAssertEqual(PersonName.key("Zdeborová, Lenka"), "lenka zdeborova")
        XCTAssertEqual(Text.key("Łukasz Straße Ærø"), "lukasz strasse aero")
    }

    /// Clean ASCII is returned as it is; anything else goes through the
    /// byte collapse: both agree with splitting at white space and controls.
    func testCleanAgreesWithSplittingAndJoiningOnASCIIMixes() {
        let pieces = ["a", "Bc", " ", "  ", "\t", "\r\n", "\u{0}", "\u{7F}", ".", "x y", "a longer run of words"]
        var rng = SplitMix64(seed: 37)
        for _ in 0..<3000 {
            let text = (0..<Int(rng.next() % 30)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let expected = text.unicodeScalars.split { $0.value <= 0x20 || $0.value == 0x7F }.map { String($0) }.joined(separator: " ")
            XCTAssertEqual(Text.clean(text), expected, text.debugDescription)
            XCTAssertEqual(Text.clean(text[...]), expected, text.debugDescription)
        }
    }

    /// The eight-bytes-at-a-time check agrees with looking at one byte at a
    /// time, on long mixes: spaces meeting across the 8-byte steps,
    /// controls, DEL, and bytes above 0x7F at every position.
    func testCleanASCIICheckMatchesOneByteAtATime() {
        func reference(_ bytes: [UInt8]) -> Bool {
            guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return bytes.isEmpty }
            var previous: UInt8 = 0
            for byte in bytes {
                if byte > 0x20 && byte < 0x7F { previous = byte; continue }
                if byte != 0x20 || previous == 0x20 { return false }
                previous = byte
            }
            return true
        }
        let pieces: [[UInt8]] = [[0x20, 0x20], [0x09], [0x00], [0x7F], [0x7E], [0x21], [0x1F], [0xC3, 0xA9], [0xFF], [0x80], [0x0A]]
        var rng = SplitMix64(seed: 41)
        var clean = 0, long = 0
        for _ in 0..<20_000 {
            let bytes = (0..<Int(rng.next() % 40)).flatMap { _ -> [UInt8] in
                switch rng.next() % 12 {
                case 0: return pieces[Int(rng.next() % UInt64(pieces.count))]
                case 1, 2: return [0x20]
                default: return [0x61 + UInt8(rng.next() % 26)]
                }
            }
            let expected = reference(bytes)
            if expected, bytes.count >= 16 { long += 1 }
            if expected { clean += 1 }
            XCTAssertEqual(bytes.withUnsafeBufferPointer(Text.isCleanASCII), expected, "\(bytes)")
        }
        XCTAssertGreaterThan(long, 500, "enough clean texts that take the 8-byte steps")
        XCTAssertGreaterThan(20_000 - clean, 5_000)
    }

    /// `clean` collapses in one pass that notes whether NFC could change
    /// the text, and composes only then: the result must be the one of
    /// composing first, then splitting at white space and controls.
    func testCleanComposesWhenNeededAndCollapsesLikeTheReference() {
        let pieces = ["a", " ", "é", "e\u{301}", "Σ", "ρ", "\u{1100}\u{1161}", "Ω", "\u{2126}", "𝔼", "ΰ", "\u{0344}", "क़", "—", "∑", "ǅ", "x\u{308}",
                      "\t", "\u{A0}", "\u{2009}", "\u{85}", "\u{7F}", "\u{0}", "\n", "Bc", "a run of plain words ", " x"]
        var random = SplitMix64(seed: 11)
        for _ in 0..<3000 {
            let text = (0..<Int(random.next() % 24)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let expected = text.precomposedStringWithCanonicalMapping.unicodeScalars
                .split { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
                .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
            XCTAssertEqual(Text.clean(text), expected, text.debugDescription)
        }
    }

    func testCleanGivesNFCAndSingleSpaces() {
        XCTAssertEqual(Text.clean("  Ferre\u{301},\t Gre\u{301}goire \r"), "Ferré, Grégoire")
        XCTAssertEqual(Text.clean("a\u{0}b  c"), "a b c")
        // Unicode white space and C1 controls collapse too; other text stays byte for byte.
        XCTAssertEqual(Text.clean("\u{A0}x\u{2009}\u{2009}y\u{85}z\u{3000}"), "x y z")
        XCTAssertEqual(Text.clean("Zdeborová – “₿” 𝔼[x] \u{7F}end "), "Zdeborová – “₿” 𝔼[x] end")
    }

    /// Records follow their first source: file name, then line, whatever
    /// order the entries arrive in; the credit → person table agrees with
    /// looking each name up.
    func testOrderFollowsFileNameThenLineAndCreditsMapToPeople() {
        func entry(_ title: String, _ file: String, _ line: Int, _ names: [String]) -> ListingEntry {
            ListingEntry(title: title, credits: names.map { Credit($0) }, authorsComplete: true,
                         source: SourceRef(path: "listings/" + file, line: line, format: .aggregator))
        }
        let entries = [
            entry("Third", "b.txt", 3, ["Ada Lovelace"]),
            entry("Fourth", "b.txt", 9, ["Zdeborová, Lenka", "Alan Turing"]),
            entry("Second", "a.txt", 7, ["Lenka Zdeborova"]),
            entry("First", "a.txt", 2, ["Alan  Turing", ""]),
            entry("first!", "b.txt", 1, ["Turing, Alan", "Grace Hopper"]),
        ]
        let catalog = Catalog(entries: entries)
        XCTAssertEqual(catalog.papers.map(\.title), ["First", "Second", "Third", "Fourth"])
        XCTAssertEqual(catalog.papers[0].sources.map(\.fileName), ["a.txt", "b.txt"], "\"first!\" merged into \"First\"")
        for paper in catalog.papers {
            let expected = paper.credits.compactMap { catalog.authors.index(ofKey: PersonName.key($0.name)) }
            XCTAssertEqual(catalog.authors.paperPeople[paper.id], expected, paper.title)
        }
        // One person however spelled: "Zdeborová, Lenka" is "Lenka Zdeborova",
        // "Alan  Turing" is "Alan Turing"; the empty name is no one.
        XCTAssertEqual(catalog.authors.paperPeople[3], [catalog.authors.paperPeople[1][0], catalog.authors.paperPeople[0][0]])
        XCTAssertEqual(catalog.authors.paperPeople[0].count, 1)
        // Ada, Lenka, Alan; the list with Grace, no longer, lost the merge to the first one.
        XCTAssertEqual(catalog.authors.people.count, 3)
    }

    /// Papers are made at the end, and only merging ones on the way; the
    /// result must be that of making a paper for each new entry and
    /// merging the rest into it one at a time (the reference below).
    func testPapersMadeAtTheEndAreThoseOfMergingOneAtATime() {
        var random = SplitMix64(seed: 13)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        let titles = ["A study", "A Study!", "Another one", "Third", "Fourth paper", "???"]
        let names = ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Lovelace, Ada", "Zdeborová, Lenka"]
        let files = ["a.txt", "b.bib", "c.xml"]
        let formats: [ListingFormat] = [.aggregator, .bibtex, .arxivAtom]
        let entries = (0..<400).map { n -> ListingEntry in
            let file = Int(random.next() % 3)
            var entry = ListingEntry(title: pick(titles), credits: (0..<Int(random.next() % 3)).map { _ in Credit(pick(names)) },
                                     authorsComplete: random.next() % 2 == 0, date: pick([nil, DayDate(year: 2024, month: 3, day: 5)]),
                                     abstract: pick(["", "Short.", "A longer abstract."]), source: SourceRef(path: files[file], line: n + 1, format: formats[file]))
            entry.arxivID = pick([nil, nil, "2201.00001", "2201.00002"])
            entry.doi = pick([nil, nil, nil, "10.1/x", "10.1/X"])
            entry.categories = pick([[], ["cs.LG"], ["stat.ML", "cs.LG"]])
            return entry
        }
        var papers: [Paper] = []
        var byKey: [String: Int] = [:], apart: [String: [Int]] = [:], byArxiv: [String: Int] = [:], byDOI: [String: Int] = [:]
        var warnings = 0
        func register(_ paper: Int) {
            if let id = papers[paper].arxivID, byArxiv[id] == nil { byArxiv[id] = paper }
            if let doi = papers[paper].doi?.lowercased(), byDOI[doi] == nil { byDOI[doi] = paper }
        }
        func mayBeOne(_ paper: Paper, _ entry: ListingEntry) -> Bool {
            Catalog.mayBeOnePaper(Catalog.Identity(paper: paper), entry)
        }
        for index in Catalog.sourceOrder(entries) {
            let entry = entries[index], key = Catalog.key(of: index, in: entries)
            if let same = entry.arxivID.flatMap({ byArxiv[$0] }) ?? entry.doi.flatMap({ byDOI[$0.lowercased()] }) {
                papers[same].merge(entry); register(same)
                if byKey[key] == nil { byKey[key] = same }
            } else if let known = byKey[key] {
                if mayBeOne(papers[known], entry) {
                    papers[known].merge(entry); register(known)
                } else if let other = apart[key]?.first(where: { mayBeOne(papers[$0], entry) }) {
                    papers[other].merge(entry); register(other)
                } else {
                    warnings += 1
                    apart[key, default: []].append(papers.count)
                    papers.append(Paper(id: papers.count, key: key, entry: entry)); register(papers.count - 1)
                }
            } else {
                byKey[key] = papers.count
                papers.append(Paper(id: papers.count, key: key, entry: entry)); register(papers.count - 1)
            }
        }
        func summary(_ paper: Paper) -> String {
            "\(paper.id) \(paper.title) \(paper.authors) \(paper.authorsComplete) \(paper.authorCount ?? -1) \(paper.date?.description ?? "-") "
                + "\(paper.abstract) \(paper.arxivID ?? "-") \(paper.doi ?? "-") \(paper.categories) \(paper.sources.map { "\($0.fileName):\($0.line)" })"
        }
        let catalog = Catalog(entries: entries)
        XCTAssertEqual(catalog.papers.map(summary), papers.map(summary))
        XCTAssertEqual(catalog.diagnostics.count, warnings)
        XCTAssertGreaterThan(warnings, 0, "some same-titled papers are kept apart")
        XCTAssertLessThan(papers.count, 200, "most entries merge")
    }

    /// The index is built in one pass over interned key bytes; it must be
    /// the one a plain dictionary of people gives, the reference.
    func testAuthorIndexIsTheOneADictionaryOfPeopleGives() {
        let names = ["Joan Bruna", "Bruna, Joan", "Zdeborová, Lenka", "Lenka Zdeborova", "Lenka Zdeborová", "Alan Turing",
                     "Grace Hopper", "Hopper, Grace", "Ada Lovelace", "", "Enric Boix-Adserà", "Boix-Adsera, Enric",
                     "王小明", "Wang Xiaoming", "Bartholomew Jojo Simpson-Featherstonehaugh", "featherstonehaugh, bartholomew jojo simpson"]
        var random = SplitMix64(seed: 7)
        let entries = (0..<400).map { n in
            ListingEntry(title: "Paper \(n)", credits: (0..<Int(random.next() % 5)).map { _ in
                             Credit(names[Int(random.next() % UInt64(names.count))], inferred: random.next() % 7 == 0) },
                         authorsComplete: true, source: SourceRef(path: "a.txt", line: n + 1, format: .aggregator))
        }
        let papers = Catalog(entries: entries).papers
        var spellings: [String: [String: Int]] = [:], paperIDs: [String: [Int]] = [:], inferred: [String: Set<Int>] = [:]
        for paper in papers {
            for credit in paper.credits {
                let key = PersonName.key(credit.name)
                guard !key.isEmpty else { continue }
                spellings[key, default: [:]][credit.name, default: 0] += 1
                if paperIDs[key]?.last != paper.id { paperIDs[key, default: []].append(paper.id) }
                if credit.inferred { inferred[key, default: []].insert(paper.id) }
            }
        }
        let keys = spellings.keys.sorted()
        let expected = keys.map { "\($0) \(AuthorIndex.bestSpelling(spellings[$0]!)) \(paperIDs[$0]!) \(inferred[$0, default: []].sorted())" }
            + papers.map { paper in "\(paper.credits.compactMap { keys.firstIndex(of: PersonName.key($0.name)) })" }
        let index = AuthorIndex(papers: papers)
        let actual = index.people.map { "\($0.key) \($0.name) \($0.papers) \($0.inferredOn.sorted())" } + index.paperPeople.map { "\($0)" }
        XCTAssertEqual(actual, expected)
        XCTAssertEqual(index.people.count, 9)
        for key in keys { XCTAssertEqual(index.index(ofKey: key).map { index.people[$0].key }, key) }
        XCTAssertNil(index.index(ofKey: "nobody at all"))
    }

    /// Plain ASCII names skip the "Last, First" reordering; the key is the
    /// same as through it.
    func testPersonKeyShortcutAgreesWithTheFullPath() {
        let names = ["Joan Bruna", "William F. Whitney", "Bruna, Joan", "Zdeborová, Lenka", "Lenka Zdeborova",
                     "O'Neil, Cathy", "Jean-Pierre Serre", "  Alan\tTuring ", "A\u{1}B", "van der Hoeven, Joris"]
        for name in names {
            XCTAssertEqual(PersonName.key(name), Text.key(PersonName.displayOrder(name)), name)
        }
        XCTAssertEqual(PersonName.key("Bruna, Joan"), PersonName.key("joan bruna"))
    }
}
