/// Stage 4 and 5 glue: every output file of the site, in a fixed order, so
/// two builds give the same bytes. Feed, sitemap and search index are made
/// here; each page is rendered when `OutputFolder` writes it.
struct SiteRenderer {
    let site: Site
    let templates: TemplateSet


    func files() -> [OutputFile] {
        let pages = PageData(site: site)
        var jobs: [(file: String, template: String, make: @Sendable (PageData, String) -> TemplateValue)] = [
            (Route.file(Route.home), "home", { $0.home(file: $1) }),
            (Route.file(Route.papers), "papers", { $0.archive(file: $1) }),
            (Route.file(Route.authors), "authors", { $0.authorIndex(file: $1) }),
            (Route.file(Route.themes), "themes", { $0.themeIndex(file: $1) }),
            (Route.file(Route.search), "search", { $0.simple(file: $1, title: "Search", route: Route.search) }),
            (Route.notFound, "404", { $0.simple(file: $1, title: "Page not found", route: Route.notFound) }),
        ]
        if let about = site.content.about {
            let title = about.front.text("title") ?? "About"
            jobs.append((Route.file(Route.about), "page", { $0.simple(file: $1, title: title, route: Route.about, html: $0.aboutHTML) }))
        }
        for id in site.catalog.papers.indices {
            jobs.append((Route.file(site.paperRoute(id)), "paper", { $0.paper(id, file: $1) }))
        }
        for person in site.catalog.authors.people.indices {
            jobs.append((Route.file(site.authorRoute(person)), "author", { $0.author(person, file: $1) }))
        }
        for theme in site.grouping.themes.indices {
            jobs.append((Route.file(site.themeRoute(theme)), "theme", { $0.theme(theme, file: $1) }))
        }
        let library = templates.library
        var files = jobs.map { job in
            OutputFile(path: job.file) { try library.renderBytes(job.template, job.make(pages, job.file)) }
        }
        let routes = [Route.home, Route.papers, Route.authors, Route.themes, Route.search]
            + (site.content.about == nil ? [] : [Route.about])
            + site.catalog.papers.indices.map(site.paperRoute)
            + site.catalog.authors.people.indices.map(site.authorRoute)
            + site.grouping.themes.indices.map(site.themeRoute)
        let site = self.site
        files.append(OutputFile(path: Route.feed) { Array(AtomFeed.render(site).utf8) })
        files.append(OutputFile(path: "sitemap.xml") { Array(Sitemap.render(routes: routes, site: site).utf8) })
        files.append(OutputFile(path: "robots.txt", bytes: Array(Sitemap.robots(site: site).utf8)))
        files += SearchIndex.files(site).map { OutputFile(path: $0.path, bytes: $0.bytes) }
        files += templates.assets.map { OutputFile(path: $0.path, bytes: $0.bytes) }
        files.sort { $0.path < $1.path }
        return files
    }
}
