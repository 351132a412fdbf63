import XCTest
@testable import DigestCore

/// The open-addressing tables behind tokenising and TF-IDF, against the
/// standard library's dictionaries, and the tokeniser that feeds them.
final class KeyTableTests: XCTestCase {
    func testIdsFollowFirstInsertionAcrossGrowth() {
        var table = KeyTable(capacity: 1)
        var rng = SplitMix64(seed: 3)
        let keys = (0..<5000).map { _ in rng.next() % 3000 }
        var expected: [UInt64: Int32] = [:]
        for key in keys {
            let (id, inserted) = table.insert(key)
            if let known = expected[key] {
                XCTAssertEqual(id, known); XCTAssertFalse(inserted)
            } else {
                XCTAssertEqual(id, Int32(expected.count)); XCTAssertTrue(inserted)
                expected[key] = id
            }
        }
        XCTAssertEqual(table.count, expected.count)
        // Keys by id, each counted as often as it was inserted.
        var counts: [UInt64: Int32] = [:]
        for key in keys { counts[key, default: 0] += 1 }
        let (byId, insertCounts) = table.keysAndCounts()
        XCTAssertEqual(byId.count, expected.count)
        for (id, key) in byId.enumerated() {
            XCTAssertEqual(expected[key], Int32(id))
            XCTAssertEqual(insertCounts[id], counts[key])
        }
        XCTAssertEqual(table.insert(0).id, expected[0] ?? Int32(expected.count))
    }
}

final class WordTableTests: XCTestCase {
    func testIdsFollowFirstInsertionAcrossGrowth() {
        var table = WordTable(capacity: 1)
        var rng = SplitMix64(seed: 5)
        // Short words collide often in the low bits; lengths 0 to 17, so
        // none, one and two whole 8-byte steps of the hash, with tails.
        let words = (0..<20_000).map { _ in String((0..<Int(rng.next() % 18)).map { _ in Character(Unicode.Scalar(UInt8(97 + rng.next() % 4))) }) }
        var expected: [String: Int32] = [:]
        for word in words {
            var copy = word
            let id = copy.withUTF8 { table.intern($0) }
            if let known = expected[word] { XCTAssertEqual(id, known) } else {
                XCTAssertEqual(id, Int32(expected.count))
                expected[word] = id
            }
        }
        XCTAssertEqual(table.count, expected.count)
        for (word, id) in expected {
            XCTAssertEqual(table.word(Int(id)), word)
            XCTAssertEqual(table.find(word), id)
        }
        XCTAssertNil(table.find("abcde-not-there"))
        var order: [String] = []
        table.forEachWord { order.append(String(decoding: $0, as: UTF8.self)) }
        XCTAssertEqual(order, expected.sorted { $0.value < $1.value }.map(\.key))
    }

    func testMergeKeepsTableThenIdOrder() {
        func table(_ words: [String]) -> WordTable {
            var table = WordTable()
            for word in words { var word = word; _ = word.withUTF8 { table.intern($0) } }
            return table
        }
        let (merged, maps) = WordTable.merge([table(["edge", "of", "stability"]), table(["grokking", "edge"]), table([])])
        XCTAssertEqual((0..<merged.count).map(merged.word), ["edge", "of", "stability", "grokking"])
        XCTAssertEqual(maps, [[0, 1, 2], [3, 0], []])
    }

    func testMultibyteWordsKeepTheirBytes() {
        var table = WordTable()
        for word in ["zdeborová", "zdeborova", "łukasz", "zdeborová"] {
            var copy = word
            _ = copy.withUTF8 { table.intern($0) }
        }
        XCTAssertEqual(table.count, 3)
        XCTAssertEqual(table.word(0), "zdeborová")
        XCTAssertEqual(table.find("łukasz"), 2)
    }
}

final class TokeniserTests: XCTestCase {
    /// The byte-level ASCII path and the Unicode path cut and fold alike.
    func testWordsOfSeedTextMatchTheUnicodePath() {
        let papers = Catalog(entries: readSeeds().entries).papers
        XCTAssertFalse(papers.isEmpty)
        for paper in papers {
            for text in [paper.title, paper.abstract] + paper.authors {
                XCTAssertEqual(Terms.tokens(text), Text.words(text).map(String.init), text)
            }
        }
        XCTAssertEqual(Terms.tokens("Boix-Adserà, Enric: O(1/n) SGD"), ["boix", "adsera", "enric", "o", "1", "n", "sgd"])
        XCTAssertEqual(Terms.tokens("Edge-of-Stability, 2024!"), ["edge", "of", "stability", "2024"])
        XCTAssertEqual(Terms.tokens(""), [])
        XCTAssertEqual(Terms.tokens("Zdeborová, Lenka—Łukasz's Straße"), ["zdeborova", "lenka", "lukasz", "s", "strasse"])
    }

    /// Random mixes of ASCII, accented letters, combining marks, Unicode
    /// punctuation and spaces: words cut at ASCII separators only where
    /// Unicode folding would cut them too.
    func testMixedTextMatchesTheUnicodePath() {
        let pieces = ["a", "Z", "7", " ", "-", ",", "é", "Ö", "ł", "ß", "\u{301}", "—", "’", "\u{A0}", "Σ", "ﬁ", "日本", "x\u{308}", "(", "\n"]
        var rng = SplitMix64(seed: 11)
        for _ in 0..<2_000 {
            let text = (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            XCTAssertEqual(Terms.tokens(text), Text.words(text).map(String.init), text.debugDescription)
        }
    }
}

/// The fingerprint hash that decides whether a rebuild can stop early.
final class ContentHasherTests: XCTestCase {
    func hash(_ parts: [[UInt8]]) -> UInt64 {
        var hasher = ContentHasher()
        for part in parts { hasher.add(part) }
        return hasher.value
    }

    func testSameBytesSameValueOnEveryMachine() {
        let parts = [Array("seeds/000_profile.txt".utf8), Array("Joan Bruna\n66 papers on arXiv\n".utf8)]
        XCTAssertEqual(hash(parts), hash(parts))
        // Pinned: words are read little-endian, so the value is portable.
        XCTAssertEqual(String(hash(parts), radix: 16), "642de263730b2b31")
        XCTAssertEqual(hash([]), ContentHasher().value)
        XCTAssertNotEqual(hash([[]]), hash([]), "an empty file still counts")
    }

    func testSplitsAndSingleByteChangesDiffer() {
        XCTAssertNotEqual(hash([Array("ab".utf8), Array("c".utf8)]), hash([Array("a".utf8), Array("bc".utf8)]))
        XCTAssertNotEqual(hash([[0]]), hash([[0, 0]]), "trailing zero bytes count")
        var rng = SplitMix64(seed: 11)
        let base = (0..<4099).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let original = hash([base])
        var seen: Set<UInt64> = [original]
        for position in stride(from: 0, to: base.count, by: 37) {
            var changed = base
            changed[position] ^= UInt8(1 << (position % 8))
            XCTAssertTrue(seen.insert(hash([changed])).inserted, "one flipped bit at \(position) must change the hash")
        }
    }
}

/// Moving entries between arrays (ingest's gathering) against copying them.
final class MovingTests: XCTestCase {
    func testJoinedIsTheConcatenationAndLeavesOnlyFillers() {
        var random = SplitMix64(seed: 5)
        for round in 0..<50 {
            let parts = (0..<Int(random.next() % 5)).map { part in
                (0..<Int(random.next() % 40)).map { n in "entry \(round)-\(part)-\(n) " + String(repeating: "x", count: Int(random.next() % 30)) }
            }
            var moved = parts
            // Half the rounds keep a second reference to a part: the move
            // must then leave that copy as it was.
            let shared = round % 2 == 0 ? moved.first : nil
            let joined = Moving.joined(&moved, filler: "")
            XCTAssertEqual(joined, parts.flatMap { $0 })
            if let shared { XCTAssertEqual(shared, parts.first) }
            if parts.count > 1 { XCTAssertTrue(moved.allSatisfy { $0.allSatisfy(\.isEmpty) }) }
        }
    }

    func testCompactedKeepsTheValuesInOrderAndLeavesNils() {
        var random = SplitMix64(seed: 9)
        for _ in 0..<50 {
            let items: [[Int]?] = (0..<Int(random.next() % 60)).map { n in random.next() % 3 == 0 ? nil : [n, n * n] }
            var moved = items
            XCTAssertEqual(Moving.compacted(&moved), items.compactMap { $0 })
            XCTAssertTrue(moved.allSatisfy { $0 == nil })
            XCTAssertEqual(moved.count, items.count)
        }
    }
}
