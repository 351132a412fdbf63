/// Everything a page needs, computed once: the catalog, its grouping, the
/// curated content and settings, every slug, and the build's fixed clock.
struct Site: Sendable {
    var catalog: Catalog
    var grouping: Grouping
    var content: SiteContent
    var config: SiteConfig
    /// The configured (or `--base-url`) address, with its trailing "/";
    /// nil when none is set: then no absolute URL is written anywhere.
    var baseURL: String? { config.baseURL }
    var title: String { config.title ?? content.index.front.text("title") ?? "Paper digest" }
    var description: String { config.description ?? content.index.front.text("description") ?? "" }
    /// The build's timestamp: SOURCE_DATE_EPOCH, else the newest paper's day.
    var updated: DayDate
    var paperSlugs: [String]
    var authorSlugs: [String]
    /// Per paper: for each credit, its index in `catalog.authors.people`.
    var creditPeople: [[Int]] { catalog.authors.paperPeople }
    /// Paper ids, newest first (undated last).
    var newestFirst: [Int]
    /// Paper id → position in `newestFirst`.
    var newestRank: [Int]
    /// Per person: their papers, newest first (their pages and feeds).
    var papersByPerson: [[Int]]
    /// The lab's tags, highlights and editions.
    var curated: Curated

    init(catalog: Catalog, grouping: Grouping, content: SiteContent, config: SiteConfig, pinnedDate: DayDate?) {
        self.catalog = catalog
        self.grouping = grouping
        self.content = content
        self.config = config
        let papers = catalog.papers
        let people = catalog.authors.people
        paperSlugs = Slug.unique(ParallelMap.map(Array(papers.indices), minimumBatch: 1024) { (Slug.make(papers[$0].title), papers[$0].titleKey) })
        authorSlugs = Slug.unique(ParallelMap.map(Array(people.indices), minimumBatch: 1024) { (Slug.make(people[$0].name), people[$0].key) })
        newestFirst = papers.indices.sorted { a, b in
            switch (papers[a].date, papers[b].date) {
            case let (x?, y?) where x != y: return x > y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a < b
            }
        }
        var rank = [Int](repeating: 0, count: papers.count)
        for (position, id) in newestFirst.enumerated() { rank[id] = position }
        newestRank = rank
        papersByPerson = ParallelMap.map(Array(people.indices), minimumBatch: 1024) { person in
            people[person].papers.sorted { rank[$0] < rank[$1] }
        }
        curated = Curated(catalog: catalog, editions: content.editions, rank: rank)
        let newest = newestFirst.first.flatMap { papers[$0].date } ?? DayDate(year: 1970, month: 1, day: 1)!
        updated = pinnedDate ?? newest
    }

    /// A paper's authors as cards show them: "A, B, C, D et al.", or
    /// "3 authors" when the listing only counted them.
    func authorLine(_ id: Int) -> String {
        let paper = catalog.papers[id]
        let people = creditPeople[id]
        if people.isEmpty { return paper.authorCount.map { "\($0) author\($0 == 1 ? "" : "s")" } ?? "" }
        var line = people.prefix(4).map { catalog.authors.people[$0].name }.joined(separator: ", ")
        if people.count > 4 || !paper.authorsComplete { line += " et al." }
        return line
    }

    func paperRoute(_ id: Int) -> String { Route.paper(paperSlugs[id]) }
    func authorRoute(_ person: Int) -> String { Route.author(authorSlugs[person]) }
    func themeRoute(_ theme: Int) -> String { Route.theme(grouping.themes[theme].slug) }
    func tagRoute(_ tag: Int) -> String { Route.tag(curated.tags[tag].slug) }
    func editionRoute(_ edition: Int) -> String { Route.edition(curated.editions[edition].slug) }
}

/// Dates as pages show them: "5 Mar 2024".
extension DayDate {
    /// "5 Mar 2024", or "Mar 2024" and "2024" for partial dates.
    var display: String {
        switch precision {
        case .year: return String(year)
        case .month: return "\(DayDate.monthNames[month - 1]) \(year)"
        case .day: return "\(day) \(DayDate.monthNames[month - 1]) \(year)"
        }
    }
    /// The archive's month heading; a date known to the year only has none.
    var monthTitle: String {
        guard precision != .year else { return "Undated" }
        let names = ["January", "February", "March", "April", "May", "June", "July",
                     "August", "September", "October", "November", "December"]
        return "\(names[month - 1]) \(year)"
    }
}
