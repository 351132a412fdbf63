/// One paper in the catalog: every listing that showed it, merged.
public struct Paper: Sendable {
    /// Position in the catalog (listing order), stable for a given input.
    var id: Int
    /// "The same title" key: folded words.
    var titleKey: String
    public var title: String
    var credits: [Credit]
    public var authorsComplete: Bool
    var authorCount: Int?
    public var date: DayDate?
    var dateYearInferred: Bool
    var category: String?
    public var abstract: String
    var abstractTruncated: Bool
    var upvotes: Int?
    var sources: [SourceRef]
    /// The date each source gave the paper (nil: none), in `sources` order.
    var sourceDates: [DayDate?]
    var arxivID: String?
    var doi: String?
    var url: String?
    /// All categories, the primary first.
    var categories: [String]
    var journalRef: String?
    /// Whether the title (and so the slug) came from a machine-readable source.
    private var titleFromMachine: Bool
    /// The lab's note on it (`Content/notes/`), whose corrections are applied.
    var note: PaperNote?

    public var authors: [String] { credits.map(\.name) }

    init(id: Int, key: String, entry: borrowing ListingEntry) {
        self.id = id
        self.titleKey = key
        self.title = entry.title
        self.credits = entry.credits
        self.authorsComplete = entry.authorsComplete
        self.authorCount = entry.authorsComplete ? entry.credits.count : entry.authorCount
        self.date = entry.date
        self.dateYearInferred = entry.dateYearInferred
        self.category = entry.category
        self.abstract = entry.abstract
        self.abstractTruncated = entry.abstractTruncated
        self.upvotes = entry.upvotes
        self.sources = [entry.source]
        self.sourceDates = [entry.date]
        self.arxivID = entry.arxivID
        self.doi = entry.doi
        self.url = entry.url
        self.categories = entry.categories.isEmpty ? (entry.category.map { [$0] } ?? []) : entry.categories
        self.category = self.categories.first ?? entry.category
        self.journalRef = entry.journalRef
        self.titleFromMachine = entry.source.format.isMachineReadable
    }

    /// Folds another listing's view of the same paper into this record,
    /// taking per field the best value, by these rules (README, "Merging"):
    /// - ids, DOI, URL, journal: the first source that has one;
    /// - title: a machine-readable source's (an API, BibTeX) over a pasted
    ///   one, which may have been split from its authors wrongly;
    /// - authors: a complete list over a partial one, then the longer list;
    /// - date: a precise date over a partial one, a given year over an
    ///   inferred one, then machine-readable over pasted;
    /// - abstract: a full abstract over a cut one, then the longer;
    /// - categories: every source's, the primary from a machine-readable
    ///   source first;
    /// and every source is kept.
    mutating func merge(_ other: ListingEntry) {
        let machine = other.source.format.isMachineReadable
        if arxivID == nil { arxivID = other.arxivID }
        if doi == nil { doi = other.doi }
        if url == nil { url = other.url }
        if journalRef == nil { journalRef = other.journalRef }
        if machine, !titleFromMachine, !other.title.isEmpty {
            title = other.title
            titleFromMachine = true
        }
        let otherCategories = other.categories.isEmpty ? (other.category.map { [$0] } ?? []) : other.categories
        var merged = machine ? otherCategories + categories : categories + otherCategories
        var seenCategory = Set<String>()
        merged = merged.filter { seenCategory.insert($0).inserted }
        categories = merged
        category = categories.first ?? category
        let dated = (zip(sources, sourceDates).map { ($0, $1) } + [(other.source, other.date)]).sorted { $0.0 < $1.0 }
        sources = dated.map(\.0)
        sourceDates = dated.map(\.1)
        // The fuller named list wins; people a listing implies (a profile's
        // owner) stay credited unless some listing names them.
        let inferred = credits.filter(\.inferred) + other.credits.filter(\.inferred)
        let named = credits.filter { !$0.inferred }
        let otherNamed = other.credits.filter { !$0.inferred }
        if (other.authorsComplete ? 1 : 0, otherNamed.count) > (authorsComplete ? 1 : 0, named.count) {
            credits = otherNamed
            authorsComplete = other.authorsComplete
        } else {
            credits = named
        }
        var seen = Set(credits.map { PersonName.key($0.name) })
        for credit in inferred where seen.insert(PersonName.key(credit.name)).inserted {
            credits.append(credit)
        }
        // Keep the best spelling any listing gave each person.
        var spellings: [String: [String: Int]] = [:]
        for credit in [credits, other.credits, inferred].joined() {
            spellings[PersonName.key(credit.name), default: [:]][credit.name, default: 0] += 1
        }
        for index in credits.indices {
            credits[index].name = AuthorIndex.bestSpelling(spellings[PersonName.key(credits[index].name)]!)
        }
        let otherCount = other.authorsComplete ? other.credits.count : other.authorCount
        authorCount = [authorCount, otherCount, authorsComplete ? credits.count : nil].compactMap { $0 }.max()
        if let otherDate = other.date {
            func rank(_ date: DayDate?, inferred: Bool, machine: Bool) -> (Int, Int, Int) {
                (date.map { $0.precision.rawValue + 1 } ?? 0, inferred ? 0 : 1, machine ? 1 : 0)
            }
            let mine = rank(date, inferred: dateYearInferred, machine: sources.dropLast().contains { $0.format.isMachineReadable })
            if rank(otherDate, inferred: other.dateYearInferred, machine: machine) > mine {
                date = otherDate
                dateYearInferred = other.dateYearInferred
            }
        }
        if (other.abstractTruncated ? 0 : 1, other.abstract.count) > (abstractTruncated ? 0 : 1, abstract.count) {
            abstract = other.abstract
            abstractTruncated = other.abstractTruncated
        }
        if let votes = other.upvotes { upvotes = max(upvotes ?? 0, votes) }
    }
}
