import XCTest
@testable import DigestCore

final class GroupingTests: XCTestCase {
    static let seeds = Catalog(entries: readSeeds().entries)
    static let content = try! SiteContent.load(from: TestPaths.root.path + "/Content")
    static let grouping = Grouping(catalog: seeds, curated: content.curatedThemes)

    func id(_ title: String) -> Int { Self.seeds.papers.firstIndex { $0.title == title }! }
    func themes(of title: String) -> [String] { Self.grouping.paperThemes[id(title)].map { Self.grouping.themes[$0].slug } }

    /// Named seed papers and why they land where they do.
    func testAssignmentOfNamedSeedPapers() {
        // Title: "momentum", "sharpness"; abstract: gradient descent, optimization… → one theme.
        XCTAssertEqual(themes(of: "Momentum Further Constrains Sharpness at the Edge of Stochastic Stability"), ["training-dynamics"])
        // "single-index" in the title (3) and abstract beats the generalization mentions.
        XCTAssertEqual(themes(of: "Learning Single-Index Models with Shallow Neural Networks"), ["feature-learning", "generalization"])
        XCTAssertEqual(themes(of: "The Principles of Diffusion Models"), ["generative-models"])
        // "Transformers" in the title; "geometric" once in the title is a weaker second.
        XCTAssertEqual(themes(of: "Geometric Factual Recall in Transformers"), ["transformers", "symmetry-geometry"])
        XCTAssertEqual(themes(of: "Heterosynaptic Circuits Are Universal Gradient Machines"), ["bio-plausible"])
    }

    func testAPassingMentionDoesNotCount() {
        let themes = [["diffusion"], ["grokking"]]
        // One abstract mention (1) is under the threshold (3); a title mention (3) is not.
        XCTAssertEqual(ThemeMatcher.match(keywords: themes, title: "On sharpness", abstract: "unlike diffusion, we study grokking"), [])
        XCTAssertEqual(ThemeMatcher.match(keywords: themes, title: "Grokking explained", abstract: "as in diffusion"),
                       [ThemeMatcher.Match(theme: 1, score: 3)])
        // Three abstract mentions add up.
        XCTAssertEqual(ThemeMatcher.match(keywords: themes, title: "X", abstract: "diffusion, diffusion and diffusions"),
                       [ThemeMatcher.Match(theme: 0, score: 3)])
        // Whole words and phrases, case and diacritics folded, plural allowed.
        let phrases = [["edge of stability"], ["Ansatze"], ["transformer"]]
        XCTAssertEqual(ThemeMatcher.match(keywords: phrases, title: "At the EDGE of stability", abstract: "").map(\.theme), [0])
        XCTAssertEqual(ThemeMatcher.match(keywords: phrases, title: "Edge of the stability", abstract: ""), [])
        XCTAssertEqual(ThemeMatcher.match(keywords: phrases, title: "Antisymmetric Ansätze", abstract: "").map(\.theme), [1])
        XCTAssertEqual(ThemeMatcher.match(keywords: phrases, title: "Transformers", abstract: "").map(\.theme), [2])
        XCTAssertEqual(ThemeMatcher.match(keywords: phrases, title: "Transformational", abstract: ""), [])
    }

    func testCuratedThemesCoverTheSeeds() {
        let curated = Self.grouping.themes.indices.filter { !Self.grouping.themes[$0].discovered }
        XCTAssertEqual(curated.count, Self.content.themes.count)
        XCTAssertTrue((8...12).contains(curated.count))
        let covered = Self.grouping.paperThemes.filter { $0.contains { curated.contains($0) } }.count
        XCTAssertGreaterThanOrEqual(Double(covered) / Double(Self.seeds.papers.count), 0.9, "\(covered) of \(Self.seeds.papers.count)")
        for t in curated { XCTAssertGreaterThanOrEqual(Self.grouping.themes[t].papers.count, 3, Self.grouping.themes[t].slug) }
        XCTAssertTrue(Self.grouping.paperThemes.allSatisfy { $0.count <= 4 })
    }

    func testClusteringIsDeterministic() {
        let terms = Terms(papers: Self.seeds.papers)
        let tfidf = TFIDF(terms: terms, papers: Self.seeds.papers.count, includeAuthors: false)
        let all = Array(Self.seeds.papers.indices)
        let a = ThemeDiscovery.cluster(all, tfidf: tfidf)
        let b = ThemeDiscovery.cluster(all, tfidf: tfidf)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.count, ThemeDiscovery.k(for: all.count))
        XCTAssertTrue(a.allSatisfy { $0.papers.count >= ThemeDiscovery.minimumSize && $0.label.count == 3 })
        XCTAssertEqual(Set(a.flatMap(\.papers)).count, a.flatMap(\.papers).count, "a paper is in one cluster")
        // The single-index papers of the Bruna feed end up together.
        let singleIndex = ["Symmetric Single Index Learning", "On Single Index Models beyond Gaussian Data",
                           "Learning Single-Index Models with Shallow Neural Networks"].map(id)
        XCTAssertEqual(Set(singleIndex.map { p in a.firstIndex { $0.papers.contains(p) } }).count, 1)
    }

    /// Fitted on a sample (as for a large corpus), clusters are still
    /// deterministic, and the papers outside the sample join them too.
    func testClusteringFittedOnASampleAssignsEveryPaper() {
        let terms = Terms(papers: Self.seeds.papers)
        let tfidf = TFIDF(terms: terms, papers: Self.seeds.papers.count, includeAuthors: false)
        let all = Array(Self.seeds.papers.indices)
        let a = ThemeDiscovery.cluster(all, tfidf: tfidf, sampleLimit: 60)
        XCTAssertEqual(a, ThemeDiscovery.cluster(all, tfidf: tfidf, sampleLimit: 60))
        XCTAssertNotEqual(a, ThemeDiscovery.cluster(all, tfidf: tfidf))
        let clustered = a.flatMap(\.papers)
        XCTAssertEqual(Set(clustered).count, clustered.count, "a paper is in one cluster")
        // Only clusters under the minimum size drop their papers.
        XCTAssertGreaterThan(clustered.count, all.count - ThemeDiscovery.k(for: all.count) * ThemeDiscovery.minimumSize)
    }

    func testRelatedPapers() {
        let related = Self.grouping.related
        XCTAssertEqual(related.count, Self.seeds.papers.count)
        for (paper, list) in related.enumerated() {
            XCTAssertFalse(list.contains(paper))
            XCTAssertLessThanOrEqual(list.count, RelatedPapers.count)
            XCTAssertEqual(Set(list).count, list.count)
        }
        XCTAssertTrue(related[id("Grokking as the Transition from Lazy to Rich Training Dynamics")]
            .contains(id("Provable Scaling Laws of Feature Emergence from Learning Dynamics of Grokking")))
        // Same input, same answer.
        XCTAssertEqual(Grouping(catalog: Self.seeds, curated: Self.content.curatedThemes).related, related)
        // A paper that shares a co-author and the word "weak", and little
        // else, is under the similarity floor: fewer related papers rather
        // than an unrelated one.
        let chaos = related[id("Uniform-in-Time Weak Propagation-of-Chaos in Shallow Neural Networks")]
        XCTAssertTrue(chaos.contains(id("Propagation of Chaos in One-hidden-layer Neural Networks beyond Logarithmic Time")))
        XCTAssertFalse(chaos.contains(id("Agentic Systems as Boosting Weak Reasoning Models")))
        XCTAssertLessThan(chaos.count, RelatedPapers.count)
    }

    /// The inverted index against comparing every pair: on the seeds no
    /// posting list is cut, so both see the same shared strong terms and
    /// sum them in the same order (the paper's heaviest term first).
    func testRelatedPapersMatchEveryPairCompared() {
        let terms = Terms(papers: Self.seeds.papers)
        let tfidf = TFIDF(terms: terms, papers: Self.seeds.papers.count, includeAuthors: true)
        let strong = tfidf.vectors.map(RelatedPapers.strongest)
        let expected = strong.indices.map { p -> [Int] in
            let scored = strong.indices.compactMap { q -> (paper: Int, score: Float)? in
                guard q != p else { return nil }
                var score: Float = 0
                for entry in strong[p] {
                    if let other = strong[q].first(where: { $0.feature == entry.feature }) { score += entry.weight * other.weight }
                }
                return score >= RelatedPapers.minimumSimilarity ? (q, score) : nil
            }
            return scored.sorted { ($1.score, $0.paper) < ($0.score, $1.paper) }.prefix(RelatedPapers.count).map(\.paper)
        }
        XCTAssertEqual(RelatedPapers.compute(tfidf), expected)
        XCTAssertGreaterThan(expected.filter { $0.count == RelatedPapers.count }.count, 20)
    }

    func testRelatedNeverUsesAMissingTermAndTiesBreakById() {
        // Three identical papers: each relates to the other two, lower id first.
        let entries = (0..<3).map { i in
            ListingEntry(title: "Copy \(i) of grokking dynamics", abstract: "grokking dynamics sharpness",
                         source: SourceRef(path: "x.txt", line: i + 1, format: .dailyPapers))
        }
        let catalog = Catalog(entries: entries)
        let grouping = Grouping(catalog: catalog, curated: [])
        XCTAssertEqual(grouping.related, [[1, 2], [0, 2], [0, 1]])
    }

    func testPeopleWhoseNamesFoldToTheSameSlugBothKeepPages() {
        let entries = [("王 芳", 1), ("李 明", 2), ("Ana Ruiz", 3)].map { name, line in
            ListingEntry(title: "Paper \(line)", credits: [Credit(name)], authorsComplete: true,
                         source: SourceRef(path: "x.txt", line: line, format: .aggregator))
        }
        let catalog = Catalog(entries: entries)
        XCTAssertEqual(catalog.authors.people.count, 3)
        let slugs = Slug.unique(catalog.authors.people.map { (Slug.make($0.name), $0.key) })
        XCTAssertEqual(Set(slugs).count, 3)
        XCTAssertEqual(slugs.sorted(), ["ana-ruiz", "untitled", "untitled-2"])
    }

    func testSlugsAreSafe() {
        XCTAssertEqual(Slug.make("../../etc/passwd"), "etc-passwd")
        XCTAssertEqual(Slug.make("Zdeborová, Lenka"), "zdeborova-lenka")
        XCTAssertEqual(Slug.make("///"), "untitled")
        XCTAssertEqual(Slug.unique([("a", "1"), ("a", "0"), ("a-2", "x")]), ["a-3", "a", "a-2"])
    }

    /// Labels pick from the best-scored few first and fall back to the
    /// whole ranking when those overlap too much: both give the labels a
    /// full sort gives.
    func testClusterLabelsMatchAFullRanking() {
        func reference(_ centroid: [Float], _ mean: [Float], _ names: [String]) -> [String] {
            var scored: [(feature: Int, score: Float)] = []
            for f in centroid.indices where centroid[f] > 0 {
                let phrase: Float = names[f].contains(" ") ? 1.5 : 1
                scored.append((f, phrase * centroid[f] * centroid[f] / (mean[f] + 1e-6)))
            }
            scored.sort { ($1.score, names[$0.feature]) < ($0.score, names[$1.feature]) }
            // Word pairs first (two at most), then single words to make three.
            var chosen: [String] = []
            for phrases in [true, false] {
                for (feature, _) in scored where chosen.count < (phrases ? 2 : 3) && names[feature].contains(" ") == phrases {
                    let words = Set(names[feature].split(separator: " "))
                    if chosen.contains(where: { !Set($0.split(separator: " ")).isDisjoint(with: words) }) { continue }
                    chosen.append(names[feature])
                }
            }
            return chosen
        }
        // Fifty strong phrases that all share "grokking", then weaker words.
        let names = (0..<50).map { "grokking w\($0)" } + (0..<30).map { "word\($0)" }
        let centroid = (0..<80).map { $0 < 50 ? Float(1) : Float(80 - $0) / 100 }
        let mean = [Float](repeating: 0.5, count: 80)
        XCTAssertEqual(ThemeDiscovery.label(centroid, mean: mean, names: names), reference(centroid, mean, names))
        XCTAssertEqual(ThemeDiscovery.label(centroid, mean: mean, names: names).count, 3)
        var rng = SplitMix64(seed: 47)
        for _ in 0..<200 {
            let count = Int(rng.next() % 60)
            let names = (0..<count).map { _ in ["a", "b", "c b", "a d", "e", "f g"][Int(rng.next() % 6)] + String(rng.next() % 5) }
            let centroid = (0..<count).map { _ in Float(rng.next() % 4) / 4 }
            let mean = (0..<count).map { _ in Float(rng.next() % 3 + 1) / 4 }
            XCTAssertEqual(ThemeDiscovery.label(centroid, mean: mean, names: names), reference(centroid, mean, names))
        }
    }

    /// The one-pass pick of a vector's strongest terms is the head of the
    /// vector sorted heaviest first, ties by feature.
    func testStrongestTermsAreTheHeadOfTheSortedVector() {
        var rng = SplitMix64(seed: 29)
        for size in [0, 1, 5, 24, 25, 60, 300] {
            // Few distinct weights, so ties are common.
            let vector = (0..<size).map { TFIDF.Entry(feature: Int32($0), weight: Float(rng.next() % 7) / 7) }
            let expected = vector.sorted { ($1.weight, $0.feature) < ($0.weight, $1.feature) }.prefix(RelatedPapers.strongestTerms)
            XCTAssertEqual(RelatedPapers.strongest(vector).map(\.feature), expected.map(\.feature), "size \(size)")
        }
    }

    /// The eight-lane nearest centroid is the first best of the dot products
    /// summed one centroid at a time, for every k up to two full groups and
    /// a partial one, with ties (repeated centroids) included.
    func testNearestCentroidMatchesOneDotProductAtATime() {
        var rng = SplitMix64(seed: 37)
        let dimension = 40
        for k in 1...19 {
            var centroids = (0..<k).map { _ in (0..<dimension).map { _ in rng.next() % 3 == 0 ? Float(rng.next() % 1000) / 997 : 0 } }
            if k > 2 { centroids[k - 1] = centroids[1] }
            let byFeature = ThemeDiscovery.FeatureMajor(centroids, dimension: dimension)
            for _ in 0..<50 {
                let vector = (0..<dimension).filter { _ in rng.next() % 4 == 0 }.map { ($0, Float(rng.next() % 1000) / 991) }
                let sims = centroids.map { c in vector.reduce(Float(0)) { $0 + $1.1 * c[$1.0] } }
                let expected = sims.indices.first { sims[$0] == sims.max()! }!
                XCTAssertEqual(byFeature.nearest(vector), expected, "k \(k)")
            }
        }
        XCTAssertEqual(ThemeDiscovery.FeatureMajor([], dimension: dimension).nearest([(0, 1)]), 0, "no centroid at all")
    }

    /// Merging two sorted runs gives what sorting all (key, weight) items
    /// and summing equal keys gives, on runs with many repeats and overlaps.
    func testBagMergeMatchesSortingEveryItem() {
        var rng = SplitMix64(seed: 31)
        for (sizeA, sizeB) in [(0, 0), (0, 5), (4, 0), (10, 300), (40, 40), (200, 3)] {
            let a = (0..<sizeA).map { _ in rng.next() % 50 }, b = (0..<sizeB).map { _ in rng.next() % 50 }
            let items = a.map { ($0, Float(2)) } + b.map { ($0, Float(1)) }
            var expected: [(key: UInt64, count: Float)] = []
            for item in items.sorted(by: { $0.0 < $1.0 }) {
                if expected.last?.key == item.0 { expected[expected.count - 1].count += item.1 } else { expected.append(item) }
            }
            let merged = TFIDF.merge(sorted: a.sorted(), weight: 2, with: b.sorted(), weight: 1)
            XCTAssertEqual(merged.map(\.key), expected.map(\.key), "\(sizeA) + \(sizeB)")
            XCTAssertEqual(merged.map(\.count), expected.map(\.count), "\(sizeA) + \(sizeB)")
        }
    }

    /// Numbering each group of equal bases on its own gives what one pass
    /// over every item in (base, key) order gives, on colliding mixes.
    func testUniqueSlugsAgreeWithOneOrderedPass() {
        func reference(_ items: [(base: String, key: String)]) -> [String] {
            let taken = Set(items.map(\.base))
            var used = Set<String>()
            var result = [String](repeating: "", count: items.count)
            for index in items.indices.sorted(by: { (items[$0].base, items[$0].key, $0) < (items[$1].base, items[$1].key, $1) }) {
                let base = items[index].base
                var slug = base
                var n = 2
                while used.contains(slug) || (slug != base && taken.contains(slug)) { slug = "\(base)-\(n)"; n += 1 }
                used.insert(slug)
                result[index] = slug
            }
            return result
        }
        let bases = ["a", "a-2", "a-3", "a-2-2", "b", "b-2", "untitled", "untitled-2"]
        var rng = SplitMix64(seed: 23)
        for _ in 0..<500 {
            let items = (0..<Int(rng.next() % 14)).map { _ in
                (base: bases[Int(rng.next() % UInt64(bases.count))], key: String(rng.next() % 4))
            }
            let slugs = Slug.unique(items)
            XCTAssertEqual(slugs, reference(items), "\(items)")
            XCTAssertEqual(Set(slugs).count, items.count)
        }
    }

    func testInferredCreditsAreKept() {
        let bruna = Self.seeds.authors.person(named: "Joan Bruna")!
        // 23 "et al." entries in his feed, 9 of which name him.
        XCTAssertEqual(bruna.inferredOn.count, 14)
        let poggio = Self.seeds.authors.person(named: "Tomaso Poggio")!
        XCTAssertEqual(poggio.inferredOn.count, 47)
    }
}
