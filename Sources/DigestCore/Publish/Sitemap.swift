/// sitemap.xml and robots.txt. The protocol allows 50,000 URLs and 50 MB
/// a file; past that, sitemap.xml is an index of `sitemaps/N.xml` files.
enum Sitemap {
    static let maxURLs = 50_000
    static let maxBytes = 50_000_000

    /// The sitemap files for `routes`, absolute under `base`.
    static func files(routes: [String], base: String, maxURLs: Int = maxURLs) -> [(path: String, bytes: [UInt8])] {
        let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        var parts: [[UInt8]] = []
        var current: [UInt8] = []
        var count = 0
        func open() { current = Array((head + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n").utf8); count = 0 }
        func close() { current += "</urlset>\n".utf8; parts.append(current) }
        open()
        for route in routes {
            let line = Array("  <url><loc>\(XML.escape(Route.absolute(route, base: base)))</loc></url>\n".utf8)
            if count == maxURLs || current.count + line.count + 12 > maxBytes { close(); open() }
            current += line
            count += 1
        }
        close()
        if parts.count == 1 { return [(Route.sitemap, parts[0])] }
        var index = head + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for n in parts.indices {
            index += "  <sitemap><loc>\(XML.escape(Route.absolute(Route.sitemapPart(n + 1), base: base)))</loc></sitemap>\n"
        }
        index += "</sitemapindex>\n"
        return [(Route.sitemap, Array(index.utf8))] + parts.enumerated().map { (Route.sitemapPart($0.offset + 1), $0.element) }
    }

    /// robots.txt: everything allowed, and the sitemap (or its index) when
    /// there is one.
    static func robots(base: String?) -> [UInt8] {
        Array(("User-agent: *\nAllow: /\n" + (base.map { "Sitemap: \(Route.absolute(Route.sitemap, base: $0))\n" } ?? "")).utf8)
    }
}
