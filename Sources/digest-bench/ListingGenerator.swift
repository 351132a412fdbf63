import DigestCore
import Foundation

/// Writes large listings in the four real formats, from the vocabulary and
/// names of the seed listings: realistic title and abstract lengths, a
/// long-tailed author distribution (a few prolific people, many one-off
/// co-authors), and about 5% of papers repeated across listings.
struct ListingGenerator {
    var words: [String]
    var firstNames: [String]
    var lastNames: [String]
    var random: SplitMix64

    init(seedCatalog: Catalog, seed: UInt64 = 7) {
        var words = Set<String>()
        for paper in seedCatalog.papers {
            for word in (paper.title + " " + paper.abstract).split(separator: " ") where word.allSatisfy(\.isLetter) && word.count > 2 {
                words.insert(word.lowercased())
            }
        }
        // A fixed shuffle, so the common words are not all early in the alphabet.
        var shuffler = SplitMix64(seed: seed ^ 0x5EED)
        self.words = words.sorted().shuffled(using: &shuffler)
        let names = seedCatalog.authors.people.map(\.name).map { $0.split(separator: " ") }
        firstNames = Array(Set(names.compactMap { $0.first.map(String.init) })).sorted()
        lastNames = Array(Set(names.compactMap { $0.last.map(String.init) })).sorted()
        random = SplitMix64(seed: seed)
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }

    /// Zipf-like: person i is drawn with weight 1/(i+1).
    mutating func person(poolSize: Int) -> (first: String, last: String) {
        let u = Double(random.next() % 1_000_000) / 1_000_000
        let index = min(poolSize - 1, Int(pow(Double(poolSize), u)) - 1)
        // Distinct people by combining seed first names, last names and a
        // suffix, so every name still reads as a name.
        let suffixes = ["", "son", "ova", "ini", "er", "ez", "sen", "ski", "ic", "escu", "ley", "berg", "ov", "ardi", "ek", "an"]
        let first = firstNames[index % firstNames.count]
        let rest = index / firstNames.count
        let last = lastNames[rest % lastNames.count] + suffixes[(rest / lastNames.count) % suffixes.count]
        return (first, last)
    }

    /// Words drawn Zipf-like (word i with weight 1/(i+1)), as in real text:
    /// a few very common words, a long tail of rare ones.
    mutating func sentence(_ count: Int) -> String {
        (0..<count).map { _ in
            let u = Double(random.next() % 1_000_000) / 1_000_000
            return words[min(words.count - 1, Int(pow(Double(words.count), u)) - 1)]
        }.joined(separator: " ")
    }

    struct Paper { var title: String; var authors: [(first: String, last: String)]; var abstract: String; var year: Int; var month: Int; var day: Int }

    mutating func papers(_ count: Int) -> [Paper] {
        let pool = max(50, count / 2)
        return (0..<count).map { i in
            let title = sentence(5 + Int(random.next() % 9))
            var seen = Set<String>()
            let authors = (0..<(1 + Int(random.next() % 6))).map { _ in person(poolSize: pool) }
                .filter { seen.insert($0.last + " " + $0.first).inserted }
            // A third of the abstracts carry formulas, as theory abstracts
            // do (the seeds' own, so the TeX converter sees real input),
            // the first early enough to survive a listing's cut.
            var abstract = sentence(150 + Int(random.next() % 100)) + "."
            if i % 3 == 0 {
                abstract = sentence(12) + " " + pick(ListingGenerator.formulas) + " " + sentence(80) + " "
                    + pick(ListingGenerator.formulas) + " " + sentence(70) + "."
            }
            return Paper(title: title.prefix(1).uppercased() + title.dropFirst() + " \(i)",
                         authors: authors,
                         abstract: abstract,
                         year: 2015 + Int(random.next() % 11),
                         month: 1 + Int(random.next() % 12),
                         day: 1 + Int(random.next() % 28))
        }
    }

    /// The curator's files for `papers`: a note on every `papers.count /
    /// notes`-th paper (by title; a tenth highlighted, one in fifty hidden,
    /// one in twenty with its themes chosen, one in twenty with a date
    /// corrected, tags from fifty), and `editions` weekly editions back from
    /// the newest paper's week, every other one with its papers listed.
    mutating func curatorFiles(papers: [Paper], notes: Int, editions: Int, themes: [String]) -> [(name: String, text: String)] {
        var files: [(String, String)] = []
        let tags = (0..<50).map { "tag \($0) " + sentence(1) }
        let step = max(1, papers.count / max(1, notes))
        for (n, index) in stride(from: 0, to: papers.count, by: step).prefix(notes).enumerated() {
            var front = "paper: \"\(papers[index].title)\"\n"
            front += "tags: [\(pick(tags)), \(pick(tags))]\n"
            if n % 10 == 0 { front += "highlight: true\n" }
            if n % 50 == 7 { front += "hide: true\n" }
            if n % 20 == 3, !themes.isEmpty { front += "themes: [\(pick(themes))]\n" }
            if n % 20 == 11 { front += "date: \(papers[index].year)-\(papers[index].month < 10 ? "0" : "")\(papers[index].month)\n" }
            files.append(("notes/\(n).md", "---\n\(front)---\nWhy we read it: \(sentence(40)).\n\nAnd **\(sentence(3))**, in [context](https://example.org/\(n)).\n"))
        }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "yyyy-MM-dd"
        for e in 0..<editions {
            // Fridays, back from 2 Jan 2026.
            let day = format.string(from: Date(timeIntervalSince1970: 1_767_312_000 - Double(e) * 7 * 86_400))
            var front = "title: Week \(editions - e): \(sentence(4))\n"
            if e % 2 == 1 {
                front += "papers:\n" + (0..<10).map { _ in "  - \"\(pick(papers).title)\"\n" }.joined()
            }
            files.append(("editions/\(day).md", "---\n\(front)---\n\(sentence(60)).\n\n\(sentence(40)).\n"))
        }
        return files
    }

    static let formulas = [
        "$\\epsilon$-interval $[\\epsilon_0, \\epsilon_1]$", "$G=UΣV^\\top$", "$\\sum_{k=1}^K \\mathrm{ReLU}(w_k^\\top x)$",
        "$\\|f_{ρ_t^{MF}} - f_{\\hatρ_t^m}\\|$", "$\\int_0^\\infty L_t^{1/2} dt =O(\\log d)$", "$n=Θ(d^{k/2})$",
        "$\\lambda_{\\mathrm{cut}}^{*} = \\epsilon$", "$\\mathbb{R}^d$", "$\\frac{1}{\\sqrt{n}}$", "$\\mathcal{O}(n \\log n)$",
        "$\\left\\langle u, v \\right\\rangle$", "$f(x) = φ( x \\cdot θ^*)$", "(Kullback--Leibler~\\cite{kl51})",
    ]

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The papers split over the four formats, with 5% repeated in a second one.
    mutating func listings(papers: [Paper]) -> [(name: String, text: String)] {
        var profile = "Ada Example\n\(papers.count / 4) papers on arXiv\nAcademic Profile\nPapers on arXiv\n"
        var daily = "Daily Papers\n\nbyAK and the research community\n\nApr 16\n\n"
        var aggregator = "Collaborating Authors\n\n Nowhere\n\n\n"
        var feed = ""
        for (i, p) in papers.enumerated() {
            let date = "\(ListingGenerator.months[p.month - 1]) \(p.day), \(p.year)"
            let formats = i % 20 == 0 ? [i % 4, (i + 1) % 4] : [i % 4]
            for format in formats {
                switch format {
                case 0:
                    profile += "\(p.title)\n\(p.abstract.prefix(200))...\n"
                case 1:
                    daily += "\(p.title)\n\n\(p.abstract)\n\n  • \(p.authors.count) authors\n·\n\(date)\n\n"
                case 2:
                    let names = p.authors.map { "\($0.last), \($0.first)" }.joined(separator: ", ")
                    aggregator += "\(p.title)\n\n\(names)\n\narXiv.org Machine Learning\n\n\(p.abstract)\n\n\n"
                default:
                    let names = p.authors.map { "\($0.first) \($0.last)" }.joined(separator: ", ")
                    feed += "LG\(date)\n\(p.title)\(names)\n\(p.abstract.prefix(240))\n"
                }
            }
        }
        return [("000_profile.txt", profile), ("001_daily.txt", daily), ("002_aggregator.txt", aggregator), ("003_feed.txt", feed)]
    }

    /// The same papers as arXiv API results (Atom) and as BibTeX, each file
    /// holding all of them: what `scripts/bench` times `digest parse` on.
    func machineReadable(papers: [Paper]) -> [(name: String, text: String)] {
        var atom = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title type="html">ArXiv Query: generated</title>
              <id>http://arxiv.org/api/generated</id>

            """
        var bib = "% generated\n"
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        for (i, p) in papers.enumerated() {
            let id = "\(pad(p.year % 100, 2))\(pad(p.month, 2)).\(pad(i % 100_000, 5))"
            let date = "\(p.year)-\(pad(p.month, 2))-\(pad(p.day, 2))"
            atom += "  <entry>\n    <id>http://arxiv.org/abs/\(id)v1</id>\n    <published>\(date)T12:00:00Z</published>\n"
            atom += "    <title>\(p.title)</title>\n    <summary>\(p.abstract)</summary>\n"
            for a in p.authors { atom += "    <author>\n      <name>\(a.first) \(a.last)</name>\n    </author>\n" }
            atom += "    <link href=\"http://arxiv.org/abs/\(id)v1\" rel=\"alternate\" type=\"text/html\"/>\n"
            atom += "    <arxiv:primary_category xmlns:arxiv=\"http://arxiv.org/schemas/atom\" term=\"cs.LG\"/>\n"
            atom += "    <category term=\"cs.LG\"/>\n    <category term=\"stat.ML\"/>\n  </entry>\n"
            let names = p.authors.map { "\($0.last), \($0.first)" }.joined(separator: " and ")
            bib += "@misc{paper\(i),\n  title = {\(p.title)},\n  author = {\(names)},\n  year = {\(p.year)},\n"
            bib += "  month = \(ListingGenerator.months[p.month - 1].lowercased()),\n  eprint = {\(id)},\n  archivePrefix = {arXiv},\n"
            bib += "  primaryClass = {cs.LG},\n  abstract = {\(p.abstract)},\n}\n\n"
        }
        return [("atom.xml", atom + "</feed>\n"), ("library.bib", bib)]
    }
}
