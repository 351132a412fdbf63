/// Every URL of the site, built here and nowhere else.
///
/// Routes are paths from the site root ("papers/x.html", "search/"). Pages
/// link with `root` + route, where `root` climbs from the page to the site
/// root ("./", "../"), so the site works from any folder of any server.
/// Absolute URLs (feed, sitemap, canonical) prefix the base URL instead.
enum Route {
    static let home = ""
    static let papers = "papers/"
    static let authors = "authors/"
    static let themes = "themes/"
    static let search = "search/"
    static let about = "about/"
    static let feed = "feed.xml"
    static let notFound = "404.html"
    static let searchIndex = "search/index.json"
    static func searchShard(_ n: Int) -> String { "search/terms/\(n).json" }
    static func searchCards(_ n: Int) -> String { "search/cards/\(n).json" }

    static let sitemap = "sitemap.xml"
    static let robots = "robots.txt"
    /// Past 50,000 URLs, sitemap.xml is an index of these.
    static func sitemapPart(_ n: Int) -> String { "sitemaps/\(n).xml" }

    static let tags = "tags/"
    static let editions = "editions/"
    /// The editions as a newsletter: "editions/feed.xml".
    static var editionsFeed: String { feed(of: editions) }

    static func paper(_ slug: String) -> String { "papers/\(slug).html" }
    static func tag(_ slug: String) -> String { "tags/\(slug).html" }
    static func edition(_ slug: String) -> String { "editions/\(slug).html" }
    static func author(_ slug: String) -> String { "authors/\(slug).html" }
    static func theme(_ slug: String) -> String { "themes/\(slug).html" }
    /// One year of the archive: "papers/2024/", "papers/undated/".
    static func archiveYear(_ year: Int?) -> String { "papers/\(year.map(String.init) ?? "undated")/" }
    /// The Atom feed of a theme's or an author's page: "themes/x.xml".
    static func feed(of page: String) -> String {
        page.hasSuffix(".html") ? String(page.dropLast(5)) + ".xml" : page + "feed.xml"
    }

    /// Page `n` of a paginated list at `route`: page 1 is the route itself,
    /// later pages are "papers/page/2/" or "themes/x/page/2/". Slugs never
    /// hold a "/", so no other page can have these paths.
    static func page(_ route: String, _ n: Int) -> String {
        guard n > 1 else { return route }
        let stem = route.hasSuffix(".html") ? String(route.dropLast(5)) + "/" : route
        return stem + "page/\(n)/"
    }

    /// The file that serves a route: folders serve their index.html.
    static func file(_ route: String) -> String {
        route.isEmpty || route.hasSuffix("/") ? route + "index.html" : route
    }

    /// From a page's file to the site root: "./" at the top, "../" one down.
    static func root(fromFile file: String) -> String {
        let depth = file.utf8.filter { $0 == UInt8(ascii: "/") }.count
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

    /// An absolute URL, for the feeds, the sitemap and canonical links.
    static func absolute(_ route: String, base: String) -> String {
        (base.hasSuffix("/") ? base : base + "/") + route
    }

    /// Every paper's BibTeX entry in one file.
    public static let digestBibTeX = "digest.bib"

    /// arXiv's pages for a paper, and a DOI's resolver.
    static func arxivAbstract(_ id: String) -> String { "https://arxiv.org/abs/" + id }
    static func arxivPDF(_ id: String) -> String { "https://arxiv.org/pdf/" + id }
    static func arxivHTML(_ id: String) -> String { "https://arxiv.org/html/" + id }
    static func doi(_ doi: String) -> String {
        // A DOI's "/", ":", ";" and parentheses may stand in a URL path as they are.
        "https://doi.org/" + percentEncoded(doi) { [0x2F, 0x3A, 0x3B, 0x28, 0x29].contains($0) }
    }

    /// arXiv's search for a title, the link out from each paper page.
    static func arxivSearch(title: String) -> String {
        "https://arxiv.org/search/?searchtype=title&query=" + queryValue(title)
    }

    /// Percent-encoding for a query value: unreserved ASCII kept, space as
    /// "+", every other byte as %XX.
    static func queryValue(_ text: String) -> String {
        percentEncoded(text, spaceAsPlus: true) { _ in false }
    }

    /// Unreserved ASCII and the bytes `alsoKept` allows as they are, every
    /// other byte as %XX (a space as "+" in a query).
    static func percentEncoded(_ text: String, spaceAsPlus: Bool = false, alsoKept: (UInt8) -> Bool) -> String {
        func hex(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x37 + nibble }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: out.append(byte)
            case 0x20 where spaceAsPlus: out.append(0x2B)
            case _ where alsoKept(byte): out.append(byte)
            default: out.append(0x25); out.append(hex(byte >> 4)); out.append(hex(byte & 15))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
