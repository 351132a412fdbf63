/// Every URL of the site, built here and nowhere else.
///
/// Routes are paths from the site root ("papers/x.html", "search/"). Pages
/// link with `root` + route, where `root` climbs from the page to the site
/// root ("./", "../"), so the site works from any folder of any server.
/// Absolute URLs (feed, sitemap, canonical) prefix the base URL instead.
public enum Route {
    public static let home = ""
    public static let papers = "papers/"
    public static let authors = "authors/"
    public static let themes = "themes/"
    public static let search = "search/"
    public static let about = "about/"
    public static let feed = "feed.xml"
    public static let notFound = "404.html"
    public static let searchIndex = "search/index.json"
    public static func searchShard(_ n: Int) -> String { "search/terms/\(n).json" }
    public static func searchCards(_ n: Int) -> String { "search/cards/\(n).json" }

    public static func paper(_ slug: String) -> String { "papers/\(slug).html" }
    public static func author(_ slug: String) -> String { "authors/\(slug).html" }
    public static func theme(_ slug: String) -> String { "themes/\(slug).html" }

    /// The file that serves a route: folders serve their index.html.
    public static func file(_ route: String) -> String {
        route.isEmpty || route.hasSuffix("/") ? route + "index.html" : route
    }

    /// From a page's file to the site root: "./" at the top, "../" one down.
    public static func root(fromFile file: String) -> String {
        let depth = file.utf8.filter { $0 == UInt8(ascii: "/") }.count
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

    /// An absolute URL, for the feed and the sitemap.
    public static func absolute(_ route: String, base: String) -> String {
        (base.hasSuffix("/") ? base : base + "/") + route
    }
}
