/// `Content/config.yaml`: the site's settings, one `key: value` a line (the
/// front-matter subset of YAML: text, numbers, `[a, "b, c"]` lists).
///
///     title: Theory Lab Digest
///     description: Papers our group reads.
///     base_url: https://lab.example.org/digest/
///     language: en
///     page_size: 50
///     feed_length: 20
///     same_person: ["Joan Bruna = J. Bruna"]
///     split_person: ["Wei Chen with Yann LeCun = Wei Chen (NYU)"]
///     arxiv_authors: [Joan Bruna, Lenka Zdeborová]
///     arxiv_categories: [cs.LG, stat.ML]
///
/// Every key is optional. An unknown key is an error (a typo would
/// otherwise be ignored silently), and so is a value of the wrong shape,
/// each with its `file:line`.
public struct SiteConfig: Sendable, Equatable {
    static let fileName = "config.yaml"

    var title: String?
    var description: String?
    /// With a trailing "/"; nil when none is configured.
    var baseURL: String?
    var language = "en"
    /// Items on each page of a long list (papers, authors).
    var pageSize = 50
    /// Entries in each Atom feed.
    var feedLength = 20
    var people = PeopleRules()
    /// The lab's arXiv query, for `scripts/fetch-arxiv`: authors ("Joan
    /// Bruna") and categories ("cs.LG").
    var arxivAuthors: [String] = []
    var arxivCategories: [String] = []

    init() {}

    static let keys = ["title", "description", "base_url", "language", "page_size", "feed_length", "same_person", "split_person",
                       "arxiv_authors", "arxiv_categories"]

    /// Reads `folder/config.yaml`; a missing file gives the defaults.
    static func load(from folder: String) throws -> SiteConfig {
        let path = folder + "/" + fileName
        guard FileTree.kind(path, followingLinks: true) != .missing else { return SiteConfig() }
        let source: String
        switch TextDecoding.readText(path) {
        case .success(let read): source = read
        case .failure(let problem): throw DiagnosticsError([problem])
        }
        let fields = try FrontMatter.parseFields(source, file: path)
        var config = SiteConfig()
        var problems: [Diagnostic] = []
        func line(_ key: String) -> Int? { fields.lines[key] }
        for key in fields.fields.keys.sorted() where !keys.contains(key) {
            let hint = Suggestion.closest(to: key, among: keys).map { " (did you mean \($0)?)" } ?? ""
            problems.append(.error(file: path, line: line(key), "unknown setting \"\(key)\"\(hint); the settings are \(keys.joined(separator: ", "))"))
        }
        func text(_ key: String) -> String? {
            switch fields.fields[key] {
            case .text(let value)?: return value
            case .list?:
                problems.append(.error(file: path, line: line(key), "\(key) takes one value, not a list"))
                return nil
            case nil: return nil
            }
        }
        func number(_ key: String, in range: ClosedRange<Int>) -> Int? {
            guard let raw = text(key) else { return nil }
            guard let value = Int(raw), range.contains(value) else {
                problems.append(.error(file: path, line: line(key),
                    "\(key) \"\(raw)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)"))
                return nil
            }
            return value
        }
        config.title = text("title")
        config.description = text("description")
        if let raw = text("base_url") {
            do { config.baseURL = try normalizedBaseURL(raw) } catch let error as BaseURLError {
                problems.append(.error(file: path, line: line("base_url"), error.message))
            }
        }
        if let language = text("language") {
            if language.utf8.count >= 2, language.utf8.count <= 35,
               language.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
                config.language = language
            } else {
                problems.append(.error(file: path, line: line("language"), "language \"\(language)\" is not a language tag such as en or en-GB"))
            }
        }
        config.pageSize = number("page_size", in: 5...1_000) ?? config.pageSize
        config.feedLength = number("feed_length", in: 1...1_000) ?? config.feedLength
        for rule in fields.list("same_person") ?? [] {
            let names = rule.split(separator: "=").map { String($0.trimmingSpaces()) }
            guard names.count >= 2, !names.contains(where: \.isEmpty) else {
                problems.append(.error(file: path, line: line("same_person"),
                    "same_person \"\(rule)\" is not \"Name = Other spelling\"")); continue
            }
            config.people.same.append(names)
        }
        for rule in fields.list("split_person") ?? [] {
            let sides = rule.split(separator: "=", maxSplits: 1).map { String($0.trimmingSpaces()) }
            let who = sides.first?.components(separatedBy: " with ").map { String($0.trimmingSpaces()) } ?? []
            guard sides.count == 2, !sides[1].isEmpty, who.count == 2, !who[0].isEmpty, !who[1].isEmpty else {
                problems.append(.error(file: path, line: line("split_person"),
                    "split_person \"\(rule)\" is not \"Name with Co-author = New name\"")); continue
            }
            config.people.split.append(.init(name: who[0], coauthor: who[1], becomes: sides[1]))
        }
        config.arxivAuthors = fields.list("arxiv_authors") ?? []
        config.arxivCategories = fields.list("arxiv_categories") ?? []
        for category in config.arxivCategories where !category.contains(".") && category.lowercased() != category {
            problems.append(.error(file: path, line: line("arxiv_categories"), "arxiv_categories: \"\(category)\" is not an arXiv category such as cs.LG"))
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        return config
    }

    public struct BaseURLError: Error { public var message: String }

    /// "https://host/path/" with its trailing slash; refused unless http(s)
    /// with a host, and free of characters that would need escaping.
    public static func normalizedBaseURL(_ raw: String) throws -> String {
        var url = raw
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
              url.split(separator: "/", omittingEmptySubsequences: false).count >= 3,
              !url.split(separator: "/", omittingEmptySubsequences: false)[2].isEmpty else {
            throw BaseURLError(message: "base URL \"\(raw)\" is not an http:// or https:// address, such as https://lab.example.org/digest/")
        }
        guard url.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && !"\"<>\\^`{|}?#".unicodeScalars.contains($0) }) else {
            throw BaseURLError(message: "base URL \"\(raw)\" has spaces or characters that need escaping (or a query or fragment)")
        }
        if !url.hasSuffix("/") { url += "/" }
        return url
    }

    /// The path part of the base URL ("/lab/digest/"), or "/".
    var basePath: String {
        guard let baseURL else { return "/" }
        let parts = baseURL.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        return parts.count > 3 ? "/" + parts[3] : "/"
    }
}

/// Who is who, where the listings' spellings alone would be wrong:
/// spellings to merge into one person, and one spelling that is two people
/// (told apart by a co-author).
struct PeopleRules: Sendable, Equatable {
    /// Each list: the spelling to show first, then the others.
    var same: [[String]] = []
    struct Split: Sendable, Equatable {
        var name: String
        var coauthor: String
        var becomes: String
    }
    var split: [Split] = []
    var isEmpty: Bool { same.isEmpty && split.isEmpty }
    init() {}
}
