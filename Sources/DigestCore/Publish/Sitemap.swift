/// sitemap.xml and robots.txt: every page's absolute URL.
enum Sitemap {
    static func render(routes: [String], site: Site) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for route in routes {
            xml += "  <url><loc>\(XML.escape(Route.absolute(route, base: site.baseURL)))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }

    static func robots(site: Site) -> String {
        "User-agent: *\nAllow: /\nSitemap: \(Route.absolute("sitemap.xml", base: site.baseURL))\n"
    }
}
