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

    public var authors: [String] { credits.map(\.name) }

    init(id: Int, key: String, entry: ListingEntry) {
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
    }

    /// Folds another listing's view of the same paper into this record,
    /// keeping the most complete of each field.
    mutating func merge(_ other: ListingEntry) {
        sources.append(other.source)
        sources.sort()
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
        if let otherDate = other.date, date == nil || (dateYearInferred && !other.dateYearInferred) {
            date = otherDate
            dateYearInferred = other.dateYearInferred
        }
        if category == nil { category = other.category }
        if (other.abstractTruncated ? 0 : 1, other.abstract.count) > (abstractTruncated ? 0 : 1, abstract.count) {
            abstract = other.abstract
            abstractTruncated = other.abstractTruncated
        }
        if let votes = other.upvotes { upvotes = max(upvotes ?? 0, votes) }
    }
}
