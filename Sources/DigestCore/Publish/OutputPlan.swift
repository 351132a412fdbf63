/// Every output of the site, declared once, in the order `files()` reads:
/// the page kinds (each with its template, its routes and their data, and
/// whether its pages go in the sitemap and the header), the feeds, the
/// sitemaps, `robots.txt`, the search index, the assets and
/// `Content/static/`. Before anything is written, two outputs on one path
/// are an error naming both.
///
/// To add a page kind: one entry in `pageKinds` (and its data function in
/// `PageData`) and one template. To add an output: one step in `files()`.
struct OutputPlan {
    let site: Site
    let templates: TemplateSet
    let statics: StaticFiles

    /// One page to render: where, from what template, with what data, and
    /// what made it (for messages about two pages on one path).
    struct Page {
        let route: String
        let template: String
        let source: String
        let inSitemap: Bool
        let data: @Sendable (PageData) -> TemplateValue
    }

    /// A kind of page. `navigation` is its title in the site's header.
    struct PageKind: Sendable {
        let template: String
        let navigation: String?
        let inSitemap: Bool
        let pages: @Sendable (Site) -> [Page]
    }

    /// Every kind of page, in header order where they are in the header.
    static let pageKinds: [PageKind] = [
        PageKind(template: "home", navigation: nil, inSitemap: true) { _ in
            [Page(route: Route.home, template: "home", source: "the home page", inSitemap: true) { $0.home(.init(route: Route.home)) }]
        },
        PageKind(template: "papers", navigation: "Papers", inSitemap: true) { site in
            OutputPlan.archivePages(site)
        },
        PageKind(template: "editions", navigation: "Editions", inSitemap: true) { site in
            site.curated.editions.isEmpty ? [] : [Page(route: Route.editions, template: "editions", source: "the list of editions", inSitemap: true) {
                $0.editionIndex(.init(route: Route.editions))
            }]
        },
        PageKind(template: "themes", navigation: "Themes", inSitemap: true) { _ in
            [Page(route: Route.themes, template: "themes", source: "the list of themes", inSitemap: true) { $0.themeIndex(.init(route: Route.themes)) }]
        },
        PageKind(template: "authors", navigation: "Authors", inSitemap: true) { site in
            let (order, keys) = site.peopleByLastName()
            let paging = Paging(route: Route.authors, count: order.count, size: site.config.pageSize * 4)
            return (1...paging.pages).map { n in
                Page(route: paging.route(n), template: "authors", source: "the list of authors, page \(n)", inSitemap: true) {
                    $0.authorIndex(sorted: order, sortKeys: keys, .init(route: Route.authors, paging: paging, page: n))
                }
            }
        },
        PageKind(template: "page", navigation: "About", inSitemap: true) { site in
            guard let about = site.content.about else { return [] }
            let title = about.front.text("title") ?? "About"
            return [Page(route: Route.about, template: "page", source: about.file, inSitemap: true) {
                $0.simple(.init(route: Route.about), title: title, html: $0.aboutHTML)
            }]
        },
        PageKind(template: "search", navigation: "Search", inSitemap: true) { _ in
            [Page(route: Route.search, template: "search", source: "the search page", inSitemap: true) { $0.simple(.init(route: Route.search), title: "Search") }]
        },
        PageKind(template: "paper", navigation: nil, inSitemap: true) { site in
            site.catalog.papers.indices.map { id in
                let source = site.catalog.papers[id].sources[0]
                return Page(route: site.paperRoute(id), template: "paper", source: "the paper at \(source.path):\(source.line)", inSitemap: true) {
                    $0.paper(id, .init(route: site.paperRoute(id)))
                }
            }
        },
        PageKind(template: "author", navigation: nil, inSitemap: true) { site in
            site.catalog.authors.people.indices.flatMap { person in
                let papers = site.papersByPerson[person]
                let paging = Paging(route: site.authorRoute(person), count: papers.count, size: site.config.pageSize)
                return (1...paging.pages).map { n in
                    Page(route: paging.route(n), template: "author", source: "the author \(site.catalog.authors.people[person].name)", inSitemap: true) {
                        $0.author(person, papers: papers, .init(route: paging.route, paging: paging, page: n))
                    }
                }
            }
        },
        PageKind(template: "theme", navigation: nil, inSitemap: true) { site in
            site.grouping.themes.indices.flatMap { t in
                let theme = site.grouping.themes[t]
                let source = site.content.themes.first { $0.slug == theme.slug }?.file ?? "the discovered theme \(theme.title)"
                let paging = Paging(route: site.themeRoute(t), count: theme.papers.count, size: site.config.pageSize)
                return (1...paging.pages).map { n in
                    Page(route: paging.route(n), template: "theme", source: source, inSitemap: true) {
                        $0.theme(t, .init(route: paging.route, paging: paging, page: n))
                    }
                }
            }
        },
        PageKind(template: "edition", navigation: nil, inSitemap: true) { site in
            site.curated.editions.indices.map { e in
                Page(route: site.editionRoute(e), template: "edition", source: site.curated.editions[e].file, inSitemap: true) {
                    $0.edition(e, .init(route: site.editionRoute(e)))
                }
            }
        },
        PageKind(template: "tags", navigation: nil, inSitemap: true) { site in
            site.curated.tags.isEmpty ? [] : [Page(route: Route.tags, template: "tags", source: "the list of tags", inSitemap: true) {
                $0.tagIndex(.init(route: Route.tags))
            }]
        },
        PageKind(template: "tag", navigation: nil, inSitemap: true) { site in
            site.curated.tags.indices.flatMap { t in
                let tag = site.curated.tags[t]
                let paging = Paging(route: site.tagRoute(t), count: tag.papers.count, size: site.config.pageSize)
                return (1...paging.pages).map { n in
                    Page(route: paging.route(n), template: "tag", source: "the tag \"\(tag.name)\"", inSitemap: true) {
                        $0.tag(t, .init(route: paging.route, paging: paging, page: n))
                    }
                }
            }
        },
        // Served for any missing URL at any depth, so its links start at the
        // site's base path rather than climbing from where it is.
        PageKind(template: "404", navigation: nil, inSitemap: false) { site in
            [Page(route: Route.notFound, template: "404", source: "the not-found page", inSitemap: false) {
                $0.simple(.init(route: Route.notFound), title: "Page not found", root: site.config.basePath)
            }]
        },
    ]

    /// The templates the page kinds need.
    static var templateNames: [String] { pageKinds.map(\.template) }

    /// The archive: its front page (`papers/`: the newest papers and every
    /// year), then each year's papers a page at a time.
    static func archivePages(_ site: Site) -> [Page] {
        var byYear: [PageData.ArchiveYear] = []
        for id in site.newestFirst {
            let year = site.catalog.papers[id].date?.year
            if let last = byYear.last, last.year == year { byYear[byYear.count - 1].ids.append(id) }
            else { byYear.append(.init(year: year, route: Route.archiveYear(year), ids: [id])) }
        }
        let years = byYear
        let front = Page(route: Route.papers, template: "papers", source: "the list of papers", inSitemap: true) {
            $0.archive(year: nil, years: years, .init(route: Route.papers))
        }
        return [front] + years.indices.flatMap { index in
            let paging = Paging(route: years[index].route, count: years[index].ids.count, size: site.config.pageSize)
            return (1...paging.pages).map { n in
                Page(route: paging.route(n), template: "papers", source: "the papers of \(years[index].label)", inSitemap: true) {
                    $0.archive(year: index, years: years, .init(route: years[index].route, paging: paging, page: n))
                }
            }
        }
    }

    /// The header's links: the kinds that have a title there and pages.
    func navigation(_ pages: [[Page]]) -> [(title: String, route: String)] {
        zip(Self.pageKinds, pages).compactMap { kind, pages in
            guard let title = kind.navigation, let first = pages.first else { return nil }
            return (title, first.route)
        }
    }

    /// Every output file, in path order, each page rendered only when it is
    /// written. Throws when two outputs would share a path.
    func files() throws -> (files: [OutputFile], notes: [Diagnostic], tex: TeXMarkup.Stats) {
        var notes: [Diagnostic] = []
        let pagesByKind = Self.pageKinds.map { $0.pages(site) }
        let pages = pagesByKind.flatMap { $0 }
        let base = site.baseURL
        let data = PageData(site: site, navigation: navigation(pagesByKind), feeds: base != nil)
        let library = templates.library
        var outputs: [(file: OutputFile, source: String)] = pages.map { page in
            (OutputFile(path: Route.file(page.route)) { try library.renderBytes(page.template, page.data(data)) }, page.source)
        }
        // Feeds and the sitemap need absolute URLs: without a base URL they
        // are left out, and the summary says so once.
        if let base {
            let curation = AtomFeed.Curation(noteHTML: data.noteHTML, editionHTML: data.editionHTML, plainTitles: data.plainTitles,
                                             plainAbstracts: data.plainAbstracts)
            for feed in feeds() {
                let site = self.site
                outputs.append((OutputFile(path: feed.route) {
                    AtomFeed.render(feed, site: site, base: base, length: site.config.feedLength, curation: curation)
                }, "the feed of \(feed.title)"))
            }
            let routes = pages.filter(\.inSitemap).map(\.route)
            outputs += Sitemap.files(routes: routes, base: base).map { ($0, "the sitemap") }
        } else {
            notes.append(Diagnostic(file: SiteConfig.fileName, line: nil,
                "no base URL, so no feeds, no sitemap and no canonical links, and 404.html links from the server's root; "
                + "set base_url in Content/\(SiteConfig.fileName) or pass --base-url"))
        }
        outputs.append((OutputFile(path: Route.robots, bytes: Sitemap.robots(base: base)), "robots.txt"))
        // Every paper's BibTeX entry in one file (each page also offers its own).
        outputs.append((OutputFile(path: Route.digestBibTeX) { [order = site.newestFirst, entries = data.bibtex] in
            var out: [UInt8] = []
            out.reserveCapacity(order.count * 400)
            for id in order { out += entries[id].utf8; out.append(0x0A) }
            return out
        }, "the digest's BibTeX file"))
        outputs += SearchIndex.files(site, noteHTML: data.noteHTML, plainTitles: data.plainTitles, plainAbstracts: data.plainAbstracts).map { (OutputFile(path: $0.path, bytes: $0.bytes), "the search index") }
        outputs += templates.assets.map { (OutputFile(path: $0.path, bytes: $0.bytes), "Templates/" + $0.path) }
        outputs += statics.files.map { (OutputFile(path: $0.path, bytes: $0.bytes), $0.source) }
        try Self.checkCollisions(outputs.map { ($0.file.path, $0.source) })
        return (outputs.map(\.file).sorted { $0.path < $1.path }, notes, data.texStats)
    }

    /// The site's feed, the editions' (when there are editions), then one
    /// per theme and per author.
    func feeds() -> [AtomFeed.Spec] {
        var specs = [AtomFeed.Spec(title: site.title, route: Route.feed, page: Route.home, entries: .papers(site.newestFirst), summaryLimit: nil)]
        if !site.curated.editions.isEmpty {
            specs.append(AtomFeed.Spec(title: "Editions · " + site.title, route: Route.editionsFeed, page: Route.editions,
                                       entries: .editions, summaryLimit: nil))
        }
        for t in site.grouping.themes.indices {
            specs.append(AtomFeed.Spec(title: site.grouping.themes[t].title + " · " + site.title, route: Route.feed(of: site.themeRoute(t)),
                                       page: site.themeRoute(t), entries: .papers(site.newestFirstOrder(site.grouping.themes[t].papers)),
                                       summaryLimit: AtomFeed.shortSummary))
        }
        for person in site.catalog.authors.people.indices {
            let info = site.catalog.authors.people[person]
            specs.append(AtomFeed.Spec(title: info.name + " · " + site.title, route: Route.feed(of: site.authorRoute(person)),
                                       page: site.authorRoute(person), entries: .papers(site.papersByPerson[person]),
                                       summaryLimit: AtomFeed.shortSummary))
        }
        return specs
    }

    /// Two outputs on one path: an error naming both, before anything is written.
    static func checkCollisions(_ outputs: [(path: String, source: String)]) throws {
        var owner: [String: String] = [:]
        owner.reserveCapacity(outputs.count)
        var problems: [Diagnostic] = []
        for (path, source) in outputs {
            if let first = owner[path] {
                problems.append(.error(file: source, line: nil, "would write \(path), which \(first) writes too; rename one of them"))
            } else {
                owner[path] = source
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
    }
}
