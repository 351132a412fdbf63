/// The listing formats Digest reads. Detected from content, never from names.
enum ListingFormat: String, Sendable, CaseIterable {
    case authorProfile = "author-profile"
    case dailyPapers = "daily-papers"
    case aggregator = "aggregator"
    case authorFeed = "author-feed"
    case arxivAtom = "arxiv-atom"
    case arxivRSS = "arxiv-rss"
    case bibtex = "bibtex"

    /// Written by a machine (an API, an export), not pasted from a page:
    /// its fields win when sources disagree.
    var isMachineReadable: Bool {
        switch self {
        case .arxivAtom, .arxivRSS, .bibtex: return true
        default: return false
        }
    }
}

/// Where a paper was read: the title's line.
struct SourceRef: Sendable, Hashable, Comparable {
    /// The path as given (for messages); `fileName` is its base name.
    var path: String
    var line: Int
    var format: ListingFormat
    /// The path's base name.
    let fileName: String

    init(path: String, line: Int, format: ListingFormat) {
        self.path = path
        self.line = line
        self.format = format
        let name = path.utf8.lastIndex(of: 0x2F).map { path[path.utf8.index(after: $0)...] } ?? path[...]
        self.fileName = name.isEmpty ? path : String(name)
    }

    static func < (a: SourceRef, b: SourceRef) -> Bool {
        (a.fileName, a.path, a.line) < (b.fileName, b.path, b.line)
    }
}

/// An author as a listing credits them, in "First Last" order.
struct Credit: Sendable, Hashable {
    var name: String
    /// True when the listing implies the person rather than naming them
    /// (a profile's owner, a feed's owner on an "et al." entry).
    var inferred: Bool

    init(_ name: String, inferred: Bool = false) {
        self.name = name
        self.inferred = inferred
    }
}

/// One paper as one listing shows it, before merging.
struct ListingEntry: Sendable {
    var title: String
    var credits: [Credit]
    var authorsComplete: Bool
    var authorCount: Int?
    var date: DayDate?
    /// True when the listing gave no year and it was inferred.
    var dateYearInferred: Bool = false
    var category: String?
    var abstract: String
    var abstractTruncated: Bool
    var upvotes: Int?
    var source: SourceRef
    /// arXiv id without version ("2201.02177", "math/0211159").
    var arxivID: String?
    /// DOI as given, without "https://doi.org/".
    var doi: String?
    var url: String?
    /// All categories, the primary first (arXiv codes where known).
    var categories: [String] = []
    var journalRef: String?

    init(title: String, credits: [Credit] = [], authorsComplete: Bool = false,
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

    /// What is left in an array whose entries were moved out (`Moving`):
    /// empty strings and arrays, nothing to retain.
    static let movedOut = ListingEntry(title: "", source: SourceRef(path: "", line: 0, format: .bibtex))
}

/// What a parser gives back for one file.
struct ListingParse: Sendable {
    var format: ListingFormat
    var entries: [ListingEntry]
    var diagnostics: [Diagnostic]
}

/// Everything a listing parser needs besides the file: the day that
/// year-less dates are resolved against.
struct ParseContext: Sendable {
    var reference: DayDate
    init(reference: DayDate) { self.reference = reference }
}
