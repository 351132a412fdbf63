/// The listing formats Digest reads. Detected from content, never from names.
public enum ListingFormat: String, Sendable, CaseIterable {
    case authorProfile = "author-profile"
    case dailyPapers = "daily-papers"
    case aggregator = "aggregator"
    case authorFeed = "author-feed"
}

/// Where a paper was read: the title's line.
public struct SourceRef: Sendable, Hashable, Comparable {
    /// The path as given (for messages); `fileName` is its base name.
    public var path: String
    public var line: Int
    public var format: ListingFormat
    /// The path's base name.
    public let fileName: String

    public init(path: String, line: Int, format: ListingFormat) {
        self.path = path
        self.line = line
        self.format = format
        let name = path.utf8.lastIndex(of: 0x2F).map { path[path.utf8.index(after: $0)...] } ?? path[...]
        self.fileName = name.isEmpty ? path : String(name)
    }

    public static func < (a: SourceRef, b: SourceRef) -> Bool {
        (a.fileName, a.path, a.line) < (b.fileName, b.path, b.line)
    }
}

/// An author as a listing credits them, in "First Last" order.
public struct Credit: Sendable, Hashable {
    public var name: String
    /// True when the listing implies the person rather than naming them
    /// (a profile's owner, a feed's owner on an "et al." entry).
    public var inferred: Bool

    public init(_ name: String, inferred: Bool = false) {
        self.name = name
        self.inferred = inferred
    }
}

/// One paper as one listing shows it, before merging.
public struct ListingEntry: Sendable {
    public var title: String
    public var credits: [Credit]
    public var authorsComplete: Bool
    public var authorCount: Int?
    public var date: DayDate?
    /// True when the listing gave no year and it was inferred.
    public var dateYearInferred: Bool = false
    public var category: String?
    public var abstract: String
    public var abstractTruncated: Bool
    public var upvotes: Int?
    public var source: SourceRef

    public init(title: String, credits: [Credit] = [], authorsComplete: Bool = false,
                authorCount: Int? = nil, date: DayDate? = nil, dateYearInferred: Bool = false,
                category: String? = nil, abstract: String = "", abstractTruncated: Bool = false,
                upvotes: Int? = nil, source: SourceRef) {
        self.title = title
        self.credits = credits
        self.authorsComplete = authorsComplete
        self.authorCount = authorCount
        self.date = date
        self.dateYearInferred = dateYearInferred
        self.category = category
        self.abstract = abstract
        self.abstractTruncated = abstractTruncated
        self.upvotes = upvotes
        self.source = source
    }
}

/// What a parser gives back for one file.
public struct ListingParse: Sendable {
    public var format: ListingFormat
    public var entries: [ListingEntry]
    public var diagnostics: [Diagnostic]
}

/// Everything a listing parser needs besides the file: the day that
/// year-less dates are resolved against.
public struct ParseContext: Sendable {
    public var reference: DayDate
    public init(reference: DayDate) { self.reference = reference }
}
