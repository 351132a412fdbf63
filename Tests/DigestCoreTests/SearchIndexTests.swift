import Foundation
import XCTest
@testable import DigestCore

final class SearchIndexTests: XCTestCase {
    /// Reads a list back as search.js does.
    func decode(_ json: String) -> [Int32] {
        if json.hasPrefix("\"") {
            let bytes = Data(base64Encoded: String(json.dropFirst().dropLast()))!
            return bytes.enumerated().flatMap { i, byte in (0..<8).filter { byte & (1 << $0) != 0 }.map { Int32(i * 8 + $0) } }
        }
        var at: Int32 = 0
        return json.dropFirst().dropLast().split(separator: ",").map { at += Int32($0)!; return at }
    }

    func encoded(_ ids: [Int32]) -> String {
        var out: [UInt8] = []
        PostingEncoding.append(ids[...], to: &out)
        XCTAssertEqual(out.count, PostingEncoding.size(ids[...]))
        return String(decoding: out, as: UTF8.self)
    }

    func testSparseListsAreGapsAndDenseListsAreBits() {
        XCTAssertEqual(encoded([500, 501, 5000]), "[500,1,4499]")
        XCTAssertEqual(encoded([5, 6, 18]), "\"YAAE\"")  // 3 bytes of bits beat 8 of gaps
        XCTAssertEqual(encoded([]), "[]")
        let dense = Array(stride(from: Int32(0), to: 4000, by: 2))
        XCTAssertTrue(encoded(dense).hasPrefix("\"VVVV"), encoded(dense))
        var rng = SplitMix64(seed: 1)
        for density in [1, 3, 10, 50] {
            let ids = (0..<3000).filter { _ in rng.next() % UInt64(density) == 0 }.map(Int32.init)
            XCTAssertEqual(decode(encoded(ids)), ids, "density 1/\(density)")
        }
    }

    func testShardsKeepWordsWithACommonPrefixTogether() {
        let terms = ["grad", "gradient", "gradients", "graph", "graphs", "grok", "grokked", "grokking", "group", "groups"]
        let starts = TermShards.cut(terms: terms, sizes: Array(repeating: 10, count: terms.count), target: 30)
        XCTAssertEqual(starts, [0, 3, 5, 8])
        // No shard is cut inside "grad…", "graph…", "grok…" or "group…".
        for start in starts.dropFirst() { XCTAssertLessThanOrEqual(TermShards.sharedPrefix(terms[start - 1], terms[start]), 3) }
        // One word larger than the target is a shard of its own.
        XCTAssertEqual(TermShards.cut(terms: ["a", "b", "c"], sizes: [5, 100, 5], target: 50), [0, 2])
    }

    /// Postings of papers given as text: titles and abstracts cut into
    /// words by `Terms`, as a build does.
    private func postings(_ papers: [(title: String, authors: String, abstract: String, note: String)]) -> SearchPostings {
        let entries = papers.enumerated().map { i, paper in
            ListingEntry(title: paper.title, abstract: paper.abstract, source: SourceRef(path: "x.txt", line: i + 1, format: .dailyPapers))
        }
        let catalog = Catalog(entries: entries)
        let terms = Terms(papers: catalog.papers)
        return SearchPostings(words: terms, documents: papers.map { paper in
            let id = catalog.papers.firstIndex { $0.title == paper.title }!
            return SearchPostings.Document(title: terms.title[id], authors: paper.authors, abstract: terms.abstract[id], note: paper.note)
        })
    }

    func testPostingsHoldEachPaperOnceAtItsBestField() {
        let postings = postings([
            ("Grokking at the Edge", "Ada Lovelace", "grokking and edge of stability", "We read it for the sharpness plots."),
            ("Edge cases", "Zoë Grok", "nothing about grokking", "Sharpness again; grokking too."),
        ])
        func lists(_ word: String) -> [[Int32]] {
            let t = postings.terms.firstIndex(of: word)!
            return SearchPostings.Level.allCases.map { Array(postings.list(t, $0)) }
        }
        XCTAssertEqual(lists("grokking"), [[0], [], [1], []])
        XCTAssertEqual(lists("edge"), [[0, 1], [], [], []])
        XCTAssertEqual(lists("zoe"), [[], [1], [], []])
        // The lab's note is the fourth field, after the abstract.
        XCTAssertEqual(lists("sharpness"), [[], [], [], [0, 1]])
        XCTAssertEqual(postings.terms, postings.terms.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) })
    }

    /// On the seed listings, with a note on every fifth paper, the index
    /// built from grouping's words holds exactly what cutting every
    /// paper's four fields into words again finds: the same words, each
    /// paper once, at the first field that has it.
    func testPostingsFindWhatAScanOfEveryPaperFinds() {
        let catalog = Catalog(entries: readSeeds().entries)
        let terms = Terms(papers: catalog.papers)
        let authors = catalog.papers.map { $0.authors.joined(separator: " ") }
        let notes = catalog.papers.indices.map { $0 % 5 == 0 ? "Why we read paper \($0): zyzzyva and sharpness." : "" }
        let postings = SearchPostings(words: terms, documents: catalog.papers.indices.map { id in
            SearchPostings.Document(title: terms.title[id], authors: authors[id], abstract: terms.abstract[id], note: notes[id])
        })
        var expected: [String: [[Int32]]] = [:]
        for (id, paper) in catalog.papers.enumerated() {
            var seen = Set<String>()
            for (level, text) in [paper.title, authors[id], paper.abstract, notes[id]].enumerated() {
                for word in Terms.tokens(text) where seen.insert(word).inserted {
                    expected[word, default: [[], [], [], []]][level].append(Int32(id))
                }
            }
        }
        XCTAssertGreaterThan(expected.count, 1000)
        XCTAssertEqual(postings.terms, expected.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) })
        for (t, word) in postings.terms.enumerated() {
            XCTAssertEqual(SearchPostings.Level.allCases.map { Array(postings.list(t, $0)) }, expected[word], word)
        }
    }

    /// The byte shortcut orders words as JavaScript does (UTF-16 code
    /// units), also where UTF-8 and UTF-16 disagree: U+FF01 sorts before
    /// U+1F600 in UTF-8 bytes and code points, after it in UTF-16 (whose
    /// surrogate D83D is below FF01).
    func testWordOrderIsJavaScriptOrder() {
        XCTAssertTrue(SearchPostings.precedesInUTF16("a😀", "a\u{FF01}"))
        XCTAssertFalse(SearchPostings.precedesInUTF16("a\u{FF01}", "a😀"))
        let pieces = ["a", "b", "z", "0", "é", "ß", "\u{FF01}", "😀", "中"]
        var rng = SplitMix64(seed: 31)
        for _ in 0..<3000 {
            func word() -> String { (0..<Int(rng.next() % 4)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined() }
            let (x, y) = (word(), word())
            XCTAssertEqual(SearchPostings.precedesInUTF16(x, y), x.utf16.lexicographicallyPrecedes(y.utf16), "\(x) \(y)")
        }
    }

    func testSeedIndexIsShardedAndEveryPaperHasACard() throws {
        let scratch = ScratchFolder()
        XCTAssertEqual(try DigestRun.run(["build", "--seeds", TestPaths.seeds, "--out", scratch.path + "/site"]).status, 0)
        let files = scratch.files("site")
        let root = try JSONSerialization.jsonObject(with: files["search/index.json"]!) as! [String: Any]
        XCTAssertEqual(root["papers"] as? Int, 139)
        let perBlock = try XCTUnwrap(root["cards"] as? Int)
        let blocks = (139 + perBlock - 1) / perBlock
        let shards = root["shards"] as! [String]
        XCTAssertEqual(shards, shards.sorted())
        XCTAssertEqual(files.keys.filter { $0.hasPrefix("search/terms/") }.count, shards.count)
        XCTAssertGreaterThan(shards.count, 1)
        let cards = (0..<blocks).flatMap { b in try! JSONSerialization.jsonObject(with: files["search/cards/\(b).json"]!) as! [[Any]] }
        XCTAssertEqual(cards.count, 139)
        XCTAssertEqual(files.keys.filter { $0.hasPrefix("search/cards/") }.count, blocks)
        for card in cards { XCTAssertNotNil(files[card[3] as! String], "\(card)") }
        for (path, data) in files where path.hasPrefix("search/terms/") { XCTAssertLessThan(data.count, 2 * SearchIndex.shardTarget, path) }
    }
}
