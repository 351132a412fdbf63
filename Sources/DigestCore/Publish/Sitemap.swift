/// sitemap.xml and robots.txt. The protocol allows 50,000 URLs and 50 MB
/// a file; past that, sitemap.xml is an index of `sitemaps/N.xml` files.
enum Sitemap {
    static let maxURLs = 50_000
    static let maxBytes = 50_000_000

    /// The sitemap files for `routes`, absolute under `base`, each made
    /// when it is written. Parts are cut by URL count and by size, the size
    /// of a line known from its route's length without writing it.
    static func files(routes: [String], base: String, maxURLs: Int = maxURLs) -> [OutputFile] {
        let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let lineCost = "  <url><loc></loc></url>\n".utf8.count + base.utf8.count
        var cuts: [Int] = [0]
        var count = 0, bytes = 0
        for (index, route) in routes.enumerated() {
            // Escaping can lengthen a URL: counted at its longest, "&" as "&amp;".
            let cost = lineCost + route.utf8.count * 5
            if count == maxURLs || bytes + cost > maxBytes - 200 { cuts.append(index); count = 0; bytes = 0 }
            count += 1
            bytes += cost
        }
        cuts.append(routes.count)
        let parts = (0..<(cuts.count - 1)).map { routes[cuts[$0]..<cuts[$0 + 1]] }
        @Sendable func urlset(_ part: ArraySlice<String>) -> [UInt8] {
            var out = Array((head + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n").utf8)
            for route in part { out += "  <url><loc>\(XML.escape(Route.absolute(route, base: base)))</loc></url>\n".utf8 }
            return out + Array("</urlset>\n".utf8)
        }
        if parts.count == 1 { return [OutputFile(path: Route.sitemap) { urlset(parts[0]) }] }
        var index = head + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for n in parts.indices {
            index += "  <sitemap><loc>\(XML.escape(Route.absolute(Route.sitemapPart(n + 1), base: base)))</loc></sitemap>\n"
        }
        index += "</sitemapindex>\n"
        return [OutputFile(path: Route.sitemap, bytes: Array(index.utf8))]
            + parts.enumerated().map { n, part in OutputFile(path: Route.sitemapPart(n + 1)) { urlset(part) } }
    }

    /// robots.txt: everything allowed, and the sitemap (or its index) when
    /// there is one.
    static func robots(base: String?) -> [UInt8] {
        Array(("User-agent: *\nAllow: /\n" + (base.map { "Sitemap: \(Route.absolute(Route.sitemap, base: $0))\n" } ?? "")).utf8)
    }
}
