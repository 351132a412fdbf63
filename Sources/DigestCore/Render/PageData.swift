/// The data each kind of page hands to its template. Listing text goes in
/// as plain strings (the templates escape it); only HTML made by cmark or by
/// TeXMarkup (escaped text with MathML) goes in fields whose names end in
/// `_html`.
///
/// Links in lists that every page shares (paper cards) are routes from the
/// site root, which templates prefix with `{{root}}`, so one card serves
/// every page at every depth.
struct PageData {
    let site: Site
    /// The site's sections as the header lists them: (title, route).
    let navigation: [(title: String, route: String)]
    /// Whether Atom feeds are written (they need the base URL).
    let feeds: Bool
    /// Every paper's card, made once: paper, author and theme pages and
    /// the archive show a million cards between them on a large corpus.
    private let cards: [TemplateValue]
    /// Markdown from Content/ as HTML, made once: the intro, the about
    /// page, and each theme's description (curated: the curator's text;
    /// discovered: what it is and its terms).
    let introHTML: String
    let aboutHTML: String?
    let themeDescriptions: [String]
    /// Co-authors an author page lists, most frequent first.
    static let coauthorLimit = 50
    /// The header's links with none current, by page depth's root.
    private let sharedNavigation: [String: TemplateValue]
    /// Every paper's BibTeX citation key, unique, and its entry, made
    /// once for its page and for digest.bib.
    let citationKeys: [String]
    let bibtex: [String]
    /// The lab's notes as HTML, per paper (nil: no note), and each
    /// edition's commentary, made once: they show on several pages and in
    /// the feeds.
    let noteHTML: [String?]
    let editionHTML: [String]
    /// Each paper's title as plain Unicode text (TeX turned into
    /// characters), for <title>, meta tags, feeds and search cards.
    let plainTitles: [String]
    /// Abstracts as plain text where TeX changed them (nil: as written),
    /// and as HTML where they may hold TeX (nil: escaped as written): made
    /// in one pass, each formula parsed once.
    let plainAbstracts: [String?]
    let abstractHTML: [String?]
    /// The formulas of titles and abstracts, and the TeX commands among
    /// them this converter does not know (shown as their source).
    let texStats: TeXMarkup.Stats

    init(site: Site, navigation: [(title: String, route: String)], feeds: Bool) {
        self.site = site
        self.navigation = navigation
        self.feeds = feeds
        introHTML = Markdown.html(site.content.index.markdown)
        aboutHTML = site.content.about.map { Markdown.html($0.markdown) }
        let curated = Dictionary(site.content.themes.map { ($0.slug, $0.markdown) }) { a, _ in a }
        themeDescriptions = site.grouping.themes.map { theme in
            theme.discovered
                ? "<p>Found automatically: \(Count.phrase(theme.papers.count, "paper")) that no curated theme takes share these terms: "
                    + HTML.escape(Keywords.distinct(theme.keywords).joined(separator: ", ")) + ".</p>"
                : Markdown.html(curated[theme.slug] ?? "")
        }
        // Titles and abstracts as plain text, once: the feeds, the search
        // cards and the meta tags each want them, and a formula is parsed
        // here and once more for its page. Counted on the way.
        let plain = ParallelMap.map(Array(site.catalog.papers.indices), minimumBatch: 1024) { id -> (String, String?, String?, TeXMarkup.Stats?) in
            let paper = site.catalog.papers[id]
            guard TeXMarkup.mayHaveTeX(paper.title) || TeXMarkup.mayHaveTeX(paper.abstract) else { return (paper.title, nil, nil, nil) }
            var stats = TeXMarkup.Stats()
            let title = TeXMarkup.plain(paper.title, stats: &stats)
            let abstract = TeXMarkup.both(paper.abstract, stats: &stats)
            return (title, abstract.plain == paper.abstract ? nil : abstract.plain, abstract.html, stats)
        }
        let plainTitles = plain.map(\.0)
        self.plainTitles = plainTitles
        plainAbstracts = plain.map(\.1)
        abstractHTML = plain.map(\.2)
        var texStats = TeXMarkup.Stats()
        for case let (_, _, _, stats?) in plain {
            texStats.formulas += stats.formulas
            texStats.unknown.merge(stats.unknown, uniquingKeysWith: +)
        }
        self.texStats = texStats
        cards = ParallelMap.map(Array(site.catalog.papers.indices), minimumBatch: 1024) { PageData.card($0, site: site, plainTitle: plainTitles[$0]) }
        noteHTML = ParallelMap.map(Array(site.catalog.papers.indices), minimumBatch: 1024) { id in
            site.catalog.papers[id].note.flatMap { $0.markdown.trimmingSpaces().isEmpty ? nil : Markdown.html($0.markdown) }
        }
        editionHTML = ParallelMap.map(site.curated.editions) { Markdown.html($0.markdown) }
        let keys = Citation.keys(site)
        citationKeys = keys
        bibtex = ParallelMap.map(Array(site.catalog.papers.indices), minimumBatch: 512) { Citation.bibtex($0, key: keys[$0], site: site) }
        sharedNavigation = Dictionary(uniqueKeysWithValues: (0...6).map { depth in
            let root = depth == 0 ? "./" : String(repeating: "../", count: depth)
            return (root, PageData.navigationList(navigation, root: root, current: nil))
        })
    }

    /// Where a page is written and, for a list, which of its pages it is.
    struct Place {
        var file: String
        var route: String
        var paging: Paging?
        var page = 1

        init(route: String, paging: Paging? = nil, page: Int = 1) {
            self.route = paging?.route(page) ?? route
            self.file = Route.file(self.route)
            self.paging = paging
            self.page = page
        }
    }

    /// Fields every page has. `feed` is the route of the page's own Atom
    /// feed (a theme's, an author's), offered beside the site's.
    func base(_ place: Place, title: String?, description: String? = nil, feed: String? = nil, feedTitle: String? = nil,
              root fixedRoot: String? = nil) -> TemplateObject {
        let root = fixedRoot ?? Route.root(fromFile: place.file)
        var data = TemplateObject()
        let pages = place.paging?.pages ?? 1
        let pageSuffix = pages > 1 ? " (page \(place.page) of \(pages))" : ""
        data["root"] = .string(root)
        data["language"] = .string(site.config.language)
        data["site_title"] = .string(site.title)
        data["page_title"] = .string(title.map { $0 + pageSuffix + " · " + site.title } ?? site.title)
        data["heading"] = .text(title)
        data["description"] = .string(description ?? site.description)
        // A page served for other addresses (404.html) has no canonical URL.
        data["canonical"] = fixedRoot == nil ? site.baseURL.map { .string(Route.absolute(place.route, base: $0)) } ?? .null : .null
        var feedLinks: [TemplateValue] = []
        if feeds {
            if let feed { feedLinks.append(["title": .string((feedTitle ?? title ?? site.title) + " · " + site.title), "url": .string(root + feed)]) }
            feedLinks.append(["title": .string(site.title), "url": .string(root + Route.feed)])
        }
        data["feeds"] = .list(feedLinks)
        data["feed_url"] = feeds ? .string(root + Route.feed) : .null
        // Links every template may want, made by Route like all others.
        data["home_url"] = .string(root + Route.home)
        data["papers_url"] = .string(root + Route.papers)
        data["search_url"] = .string(root + Route.search)
        data["nav"] = navigationLinks(root: root, route: place.route)
        if let paging = place.paging, paging.pages > 1 {
            let prev = place.page > 1 ? TemplateValue.string(root + paging.route(place.page - 1)) : .null
            let next = place.page < paging.pages ? TemplateValue.string(root + paging.route(place.page + 1)) : .null
            data["prev_url"] = prev
            data["next_url"] = next
            data["pager"] = ["label": .string("Page \(place.page) of \(paging.pages)"), "prev_url": prev, "next_url": next,
                             "first_url": place.page > 1 ? .string(root + paging.route(1)) : .null,
                             "last_url": place.page < paging.pages ? .string(root + paging.route(paging.pages)) : .null]
        }
        return data
    }

    func paperCard(_ id: Int) -> TemplateValue { cards[id] }

    /// The header's links from a page at `route`: the section it is in
    /// marked current (its list, or a later page of it). Most pages are in
    /// none, and share one list per depth.
    func navigationLinks(root: String, route: String) -> TemplateValue {
        let current = navigation.firstIndex { item in
            route == item.route || (!item.route.isEmpty && route.hasPrefix(Route.page(item.route, 2).dropLast(2)))
        }
        if current == nil, let shared = sharedNavigation[root] { return shared }
        return PageData.navigationList(navigation, root: root, current: current)
    }

    static func navigationList(_ navigation: [(title: String, route: String)], root: String, current: Int?) -> TemplateValue {
        .list(navigation.enumerated().map { index, item in
            ["title": .string(item.title), "url": .string(root + item.route), "current": .bool(index == current)]
        })
    }

    /// `url` is the paper's route: templates write `{{root}}{{url}}`.
    /// `inferred` is false here; an author page sets it where the listing
    /// implies the person rather than naming them.
    private static func card(_ id: Int, site: Site, plainTitle: String) -> TemplateValue {
        let date = site.catalog.papers[id].date
        let title = site.catalog.papers[id].title
        return [
            "url": .string(site.paperRoute(id)),
            "title": .string(plainTitle),
            "title_html": .string(TeXMarkup.html(title)),
            "authors": .string(site.authorLine(id)),
            "date": .text(date?.display),
            "iso_date": .text(date?.description),
            "inferred": false,
            "highlight": .bool(site.catalog.papers[id].note?.highlight == true),
            // Set on every card, so that a card in a page that has a note
            // (a paper's related papers) does not show the page's.
            "note_html": false,
        ]
    }

    func plainAbstract(_ id: Int) -> String { plainAbstracts[id] ?? site.catalog.papers[id].abstract }

    /// A paper's card with the lab's note on it, where it has one.
    func cardWithNote(_ id: Int) -> TemplateValue {
        guard let note = noteHTML[id], case .object(var fields) = cards[id] else { return cards[id] }
        fields["note_html"] = .string(note)
        return .object(fields)
    }

    func tagLinks(_ tags: [Int], root: String) -> TemplateValue {
        .list(tags.map { t in
            ["name": .string(site.curated.tags[t].name), "url": .string(root + site.tagRoute(t)), "count": Count.number(site.curated.tags[t].papers.count)]
        })
    }

    func editionLinks(_ editions: [Int], root: String) -> TemplateValue {
        .list(editions.map { e in
            let edition = site.curated.editions[e]
            return ["title": .string(edition.title), "url": .string(root + site.editionRoute(e)), "date": .string(edition.date.display),
                    "iso_date": .string(edition.date.description), "count": Count.number(edition.papers.count),
                    "papers_phrase": Count.papers(edition.papers.count)]
        })
    }

    func themeLinks(_ themes: [Int], root: String) -> TemplateValue {
        .list(themes.map { t in
            let theme = site.grouping.themes[t]
            return ["url": .string(root + site.themeRoute(t)), "title": .string(theme.title),
                    "count": Count.number(theme.papers.count), "discovered": .bool(theme.discovered)]
        })
    }

    func home(_ place: Place) -> TemplateValue {
        var data = base(place, title: nil)
        let root = data["root"]!.text
        data["intro_html"] = .string(introHTML)
        data["highlights"] = .list(site.curated.highlights.prefix(12).map(paperCard))
        if let latest = site.curated.editions.first {
            data["latest_edition"] = ["title": .string(latest.title), "url": .string(root + site.editionRoute(0)),
                                      "date": .string(latest.date.display), "iso_date": .string(latest.date.description),
                                      "body_html": .string(editionHTML[0]), "count": Count.number(latest.papers.count),
                                      "papers_phrase": Count.papers(latest.papers.count)]
            data["editions_url"] = .string(root + Route.editions)
        }
        data["tags"] = tagLinks(Array(site.curated.tags.indices), root: root)
        data["tags_url"] = site.curated.tags.isEmpty ? .null : .string(root + Route.tags)
        data["newest"] = .list(site.newestFirst.prefix(12).map(paperCard))
        data["themes"] = themeLinks(Array(site.grouping.themes.indices).filter { !site.grouping.themes[$0].papers.isEmpty }, root: root)
        let people = site.catalog.authors.people
        let top = people.indices.sorted { (people[$1].papers.count, people[$0].key) < (people[$0].papers.count, people[$1].key) }.prefix(15)
        data["authors"] = .list(top.map { ["url": .string(root + site.authorRoute($0)), "name": .string(people[$0].name), "count": Count.number(people[$0].papers.count)] })
        data["paper_count"] = Count.number(site.catalog.papers.count)
        data["papers_phrase"] = Count.papers(site.catalog.papers.count)
        data["author_count"] = Count.number(people.count)
        data["people_phrase"] = Count.people(people.count)
        data["authors_url"] = .string(root + Route.authors)
        return .object(data)
    }

    func paper(_ id: Int, _ place: Place) -> TemplateValue {
        let paper = site.catalog.papers[id]
        var data = base(place, title: plainTitles[id], description: PageData.prefix(plainAbstract(id), characters: 200))
        let root = data["root"]!.text
        data["title"] = .string(plainTitles[id])
        data["title_html"] = .string(TeXMarkup.html(paper.title))
        let credits = Array(zip(paper.credits, site.creditPeople[id]))
        data["authors"] = .list(credits.enumerated().map { index, pair in
            ["name": .string(site.catalog.authors.people[pair.1].name), "url": .string(root + site.authorRoute(pair.1)),
             "inferred": .bool(pair.0.inferred), "sep": .string(index < credits.count - 1 ? ", " : "")]
        })
        data["authors_incomplete"] = .bool(!paper.authorsComplete && !credits.isEmpty)
        data["any_inferred"] = .bool(credits.contains { $0.0.inferred })
        data["unnamed_authors"] = credits.isEmpty
            ? .string(paper.authorCount.map { "\($0) author\($0 == 1 ? "" : "s"), not named in the listing" } ?? "Authors not named in the listing")
            : .null
        data["author_count"] = paper.authorCount.map { Count.number($0) } ?? .null
        data["authors_phrase"] = paper.authorCount.map { .string(Count.phrase($0, "author")) } ?? .null
        data["date"] = .text(paper.date?.display)
        data["iso_date"] = .text(paper.date?.description)
        data["category"] = .text(paper.category)
        data["abstract_html"] = paper.abstract.isEmpty ? .null : .string(abstractHTML[id] ?? HTML.escape(paper.abstract))
        data["note_html"] = .text(noteHTML[id])
        data["highlight"] = .bool(paper.note?.highlight == true)
        data["tags"] = tagLinks(site.curated.paperTags[id], root: root)
        data["editions"] = editionLinks(site.curated.paperEditions[id], root: root)
        let corrections = paper.note?.corrections ?? []
        data["corrected"] = corrections.isEmpty ? .null : .string(PageData.sentenceList(corrections))
        data["abstract_truncated"] = .bool(paper.abstractTruncated)
        data["upvotes"] = paper.upvotes.map { Count.number($0) } ?? .null
        data["upvotes_phrase"] = paper.upvotes.map { .string(Count.phrase($0, "upvote")) } ?? .null
        data["sources"] = .list(zip(paper.sources, paper.sourceDates).map { source, date in
            ["kind": .string(PageData.kind(of: source.format)), "date": .text(date?.display), "iso_date": .text(date?.description),
             "file": .string(source.fileName), "line": .int(source.line), "format": .string(source.format.rawValue)]
        })
        data["themes"] = themeLinks(site.grouping.paperThemes[id], root: root)
        data["related"] = .list(site.grouping.related[id].map(paperCard))
        data["links"] = .list(Citation.links(paper).map { ["label": .string($0.label), "url": .string($0.url)] })
        data["categories"] = .list(paper.categories.map { .string(ArxivCategories.label($0)) })
        data["arxiv_id"] = .text(paper.arxivID)
        data["doi"] = .text(paper.doi)
        data["bibtex"] = .string(bibtex[id])
        // The page's script offers the entry as a .bib download made from
        // the text shown; a file per paper would add 100,000 files to a
        // large digest. digest.bib serves every entry.
        data["bibtex_name"] = .string(citationKeys[id] + ".bib")
        data["digest_bibtex_url"] = .string(root + Route.digestBibTeX)
        data["meta"] = .list(scholarMeta(id).map { ["name": .string($0.0), "content": .string($0.1)] })
        data["og"] = .list(openGraph(id, description: data["description"]?.text ?? "").map { ["property": .string($0.0), "content": .string($0.1)] })
        data["jsonld_html"] = .string(jsonLD(id))
        return .object(data)
    }

    /// Google Scholar's tags (citation_*): title, each author, the date as
    /// "2024/03/05" (or "2024/03", "2024"), arXiv id, DOI, PDF.
    func scholarMeta(_ id: Int) -> [(String, String)] {
        let paper = site.catalog.papers[id]
        var tags: [(String, String)] = [("citation_title", plainTitles[id])]
        for person in site.creditPeople[id] { tags.append(("citation_author", site.catalog.authors.people[person].name)) }
        if let date = paper.date { tags.append(("citation_publication_date", date.description.replacingOccurrences(of: "-", with: "/"))) }
        if let arxiv = paper.arxivID {
            tags.append(("citation_arxiv_id", arxiv))
            tags.append(("citation_pdf_url", Route.arxivPDF(arxiv)))
        }
        if let doi = paper.doi { tags.append(("citation_doi", doi)) }
        if let journal = paper.journalRef { tags.append(("citation_journal_title", journal)) }
        return tags
    }

    /// Open Graph tags, for link previews.
    func openGraph(_ id: Int, description: String) -> [(String, String)] {
        var tags = [("og:type", "article"), ("og:title", plainTitles[id]), ("og:description", description),
                    ("og:site_name", site.title)]
        if let base = site.baseURL { tags.append(("og:url", Route.absolute(site.paperRoute(id), base: base))) }
        return tags
    }

    /// schema.org's ScholarlyArticle as JSON-LD. JSONWriter escapes "<",
    /// ">" and "&", so no text can close the script element it sits in.
    func jsonLD(_ id: Int) -> String {
        let paper = site.catalog.papers[id]
        var json = JSONWriter(capacity: 1024)
        json.beginObject()
        json.key("@context"); json.string("https://schema.org")
        json.key("@type"); json.string("ScholarlyArticle")
        json.key("name"); json.string(plainTitles[id])
        json.key("headline"); json.string(String(plainTitles[id].prefix(110)))
        json.key("author"); json.beginArray()
        for person in site.creditPeople[id] {
            json.beginObject()
            json.key("@type"); json.string("Person")
            json.key("name"); json.string(site.catalog.authors.people[person].name)
            json.endObject()
        }
        json.endArray()
        if let date = paper.date { json.key("datePublished"); json.string(date.description) }
        var sameAs: [String] = []
        if let arxiv = paper.arxivID { sameAs.append(Route.arxivAbstract(arxiv)) }
        if let doi = paper.doi { sameAs.append(Route.doi(doi)) }
        if !sameAs.isEmpty {
            json.key("sameAs"); json.beginArray(); for url in sameAs { json.string(url) }; json.endArray()
        }
        if let arxiv = paper.arxivID { json.key("identifier"); json.string("arXiv:" + arxiv) }
        if let base = site.baseURL { json.key("url"); json.string(Route.absolute(site.paperRoute(id), base: base)) }
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self)
    }

    /// An author's page `place.page`: their papers, newest first, a page
    /// at a time; co-authors and themes beside them on every page.
    func author(_ person: Int, papers ordered: [Int], _ place: Place) -> TemplateValue {
        let info = site.catalog.authors.people[person]
        var data = base(place, title: info.name, description: "Papers by \(info.name) in \(site.title).",
                        feed: Route.feed(of: site.authorRoute(person)))
        let root = data["root"]!.text
        data["name"] = .string(info.name)
        let shown = place.paging.map { ordered[$0.items(place.page)] } ?? ordered[...]
        data["papers"] = .list(shown.map { id in
            var card = paperCard(id)
            if info.inferredOn.contains(id), case .object(var fields) = card { fields["inferred"] = true; card = .object(fields) }
            return card
        })
        data["paper_count"] = Count.number(info.papers.count)
        data["papers_phrase"] = Count.papers(info.papers.count)
        // "Newest first" only says something when some paper has a date.
        data["papers_heading"] = .string(info.papers.contains { site.catalog.papers[$0].date != nil } ? "Papers, newest first" : "Papers")
        data["inferred_count"] = info.inferredOn.isEmpty ? .null : Count.number(info.inferredOn.count)
        // Co-authors and themes beside the first page only: a prolific
        // author's later pages are the list of papers, and are not made
        // to recount every co-author again.
        guard place.page == 1 else {
            data["first_page_url"] = .string(root + site.authorRoute(person))
            return .object(data)
        }
        var themes: [Int: Int] = [:]
        for id in info.papers {
            for t in site.grouping.paperThemes[id] { themes[t, default: 0] += 1 }
        }
        let people = site.catalog.authors.people
        let coauthors = PageData.coauthors(of: person, papers: info.papers, credits: site.creditPeople, limit: PageData.coauthorLimit)
        data["coauthors"] = .list(coauthors.top.map {
            ["name": .string(people[$0.person].name), "url": .string(root + site.authorRoute($0.person)), "count": Count.number($0.shared)]
        })
        data["coauthors_more"] = coauthors.total > coauthors.top.count ? Count.number(coauthors.total - coauthors.top.count) : .null
        data["themes"] = .list(themes.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
            ["title": .string(site.grouping.themes[$0.key].title), "url": .string(root + site.themeRoute($0.key)), "count": Count.number($0.value),
             "discovered": .bool(site.grouping.themes[$0.key].discovered)]
        })
        return .object(data)
    }

    /// The `limit` people who share most papers with `person` (ties by
    /// index, which is key order), and how many co-authors there are in
    /// all. Only the most frequent are listed: with a 3,000-author paper in
    /// the catalog, listing them all would make each of those authors'
    /// pages list every other one, and the site grow with the square. The
    /// counting stays linear in the credits read, and the best are picked
    /// without sorting them all.
    static func coauthors(of person: Int, papers: [Int], credits: [[Int]], limit: Int) -> (top: [(person: Int, shared: Int)], total: Int) {
        // Per co-author: papers shared, and the last paper counted (a
        // person credited twice on one paper counts once). Most people
        // have a handful of co-authors, found faster in a short array than
        // through hashing; a table indexes the array once it grows.
        var tally: [(person: Int, shared: Int, last: Int)] = []
        var position: [Int: Int]?
        for id in papers {
            for other in credits[id] where other != person {
                let found: Int?
                if let position { found = position[other] } else { found = tally.firstIndex { $0.person == other } }
                if let found {
                    if tally[found].last != id { tally[found].shared += 1; tally[found].last = id }
                    continue
                }
                tally.append((other, 1, id))
                if position != nil {
                    position![other] = tally.count - 1
                } else if tally.count > 32 {
                    position = Dictionary(uniqueKeysWithValues: tally.indices.map { (tally[$0].person, $0) })
                }
            }
        }
        func before(_ a: (person: Int, shared: Int), _ b: (person: Int, shared: Int)) -> Bool {
            a.shared != b.shared ? a.shared > b.shared : a.person < b.person
        }
        var top: [(person: Int, shared: Int)] = []
        top.reserveCapacity(limit + 1)
        for entry in tally {
            let candidate = (person: entry.person, shared: entry.shared)
            if top.count == limit, !before(candidate, top[limit - 1]) { continue }
            let at = top.firstIndex { before(candidate, $0) } ?? top.count
            top.insert(candidate, at: at)
            if top.count > limit { top.removeLast() }
        }
        return (top, tally.count)
    }

    func theme(_ t: Int, _ place: Place) -> TemplateValue {
        let theme = site.grouping.themes[t]
        var data = base(place, title: theme.title, feed: Route.feed(of: site.themeRoute(t)))
        data["title"] = .string(theme.title)
        data["description_html"] = .string(themeDescriptions[t])
        data["discovered"] = .bool(theme.discovered)
        data["keywords"] = .list(theme.keywords.map { .string($0) })
        let shown = place.paging.map { theme.papers[$0.items(place.page)] } ?? theme.papers[...]
        data["papers"] = .list(shown.map(paperCard))
        data["paper_count"] = Count.number(theme.papers.count)
        data["papers_phrase"] = Count.papers(theme.papers.count)
        return .object(data)
    }

    /// The list of themes. The two lists are named apart from each link's
    /// `discovered` flag: inside `{{#discovered_themes.0}}` the flag would
    /// otherwise hide the list of the same name.
    func themeIndex(_ place: Place) -> TemplateValue {
        var data = base(place, title: "Themes")
        let root = data["root"]!.text
        let all = Array(site.grouping.themes.indices)
        data["curated_themes"] = themeLinks(all.filter { !site.grouping.themes[$0].discovered }, root: root)
        data["discovered_themes"] = themeLinks(all.filter { site.grouping.themes[$0].discovered }, root: root)
        return .object(data)
    }

    /// Authors by last name, a page at a time; the letters link to the
    /// page where each letter starts.
    func authorIndex(sorted: [Int], sortKeys: [String], _ place: Place) -> TemplateValue {
        var data = base(place, title: "Authors")
        let root = data["root"]!.text
        let people = site.catalog.authors.people
        func letter(_ p: Int) -> String { String(sortKeys[p].prefix(1)).uppercased() }
        var firstPage: [(String, Int)] = []
        for (index, p) in sorted.enumerated() where firstPage.last?.0 != letter(p) {
            firstPage.append((letter(p), place.paging?.page(of: index) ?? 1))
        }
        data["letters"] = .list(firstPage.map { letter, page in
            let route = place.paging?.route(page) ?? place.route
            return ["letter": .string(letter), "url": .string((page == place.page ? "" : root + route) + "#letter-" + letter)]
        })
        let shown = place.paging.map { sorted[$0.items(place.page)] } ?? sorted[...]
        var groups: [(String, [Int])] = []
        for p in shown {
            if groups.last?.0 == letter(p) { groups[groups.count - 1].1.append(p) } else { groups.append((letter(p), [p])) }
        }
        data["groups"] = .list(groups.map { letter, members in
            ["letter": .string(letter), "authors": .list(members.map {
                ["name": .string(people[$0].name), "url": .string(root + site.authorRoute($0)), "count": Count.number(people[$0].papers.count)]
            })]
        })
        data["author_count"] = Count.number(people.count)
        data["people_phrase"] = Count.people(people.count)
        return .object(data)
    }

    /// One year of the archive: its papers, newest first, and its route.
    struct ArchiveYear: Sendable {
        var year: Int?
        var route: String
        var ids: [Int]
        var label: String { year.map(String.init) ?? "Undated" }
    }

    /// A page of the archive. `year` nil is its front page (`papers/`):
    /// the newest papers and every year. Otherwise one page of that year's
    /// papers, newest first, under month headings (a heading that the
    /// previous page began is shown again, marked as continued), with links
    /// to the next newer and older years. Each paper is on one year's pages
    /// only, so the archive is not written twice.
    func archive(year index: Int?, years: [ArchiveYear], _ place: Place) -> TemplateValue {
        let ids = index.map { years[$0].ids } ?? site.newestFirst
        let title = index.map { years[$0].year.map { "Papers of \($0)" } ?? "Undated papers" } ?? "All papers"
        var data = base(place, title: title)
        let root = data["root"]!.text
        let shown = place.paging.map { ids[$0.items(place.page)] } ?? ids.prefix(site.config.pageSize)
        var groups: [(year: String, months: [(String, [Int])])] = []
        for id in shown {
            let year = site.catalog.papers[id].date.map { String($0.year) } ?? "Undated"
            let month = site.catalog.papers[id].date?.monthTitle ?? "Undated"
            if groups.last?.year != year { groups.append((year, [])) }
            if groups[groups.count - 1].months.last?.0 == month {
                groups[groups.count - 1].months[groups[groups.count - 1].months.count - 1].1.append(id)
            } else {
                groups[groups.count - 1].months.append((month, [id]))
            }
        }
        let previous = shown.startIndex > ids.startIndex ? ids[shown.startIndex - 1] : nil
        let previousMonth = previous.map { site.catalog.papers[$0].date?.monthTitle ?? "Undated" }
        let isFront = index == nil
        data["years"] = .list(groups.enumerated().map { index, group in
            // Undated papers have a year heading only, not "Undated" twice.
            // A year's own pages are titled by the year: no heading repeats it.
            ["year": .string(group.year), "year_id": .string("year-" + Slug.make(group.year)), "show_year": .bool(isFront), "continued": .bool(previous != nil && index == 0),
             "months": .list(group.months.enumerated().map { m, month in
                 ["month": .text(month.0 == "Undated" ? nil : month.0), "id": .string(Slug.make(month.0)),
                  "continued": .bool(index == 0 && m == 0 && month.0 == previousMonth),
                  "papers": .list(month.1.map(paperCard))]
             })]
        })
        data["year_links"] = .list(years.enumerated().map { position, year in
            ["label": .string(year.label), "url": .string(root + year.route), "count": Count.number(year.ids.count), "current": .bool(position == index)]
        })
        func link(_ position: Int) -> TemplateValue {
            years.indices.contains(position) ? ["label": .string(years[position].label), "url": .string(root + years[position].route)] : .null
        }
        if let index {
            data["newer_year"] = link(index - 1)
            data["older_year"] = place.paging.map { place.page == $0.pages } ?? true ? link(index + 1) : .null
        } else if ids.count > shown.count {
            data["more"] = ["label": .string(years[0].label), "url": .string(root + (years[0].ids.count > shown.count
                ? Route.page(years[0].route, 2) : years.count > 1 ? years[1].route : years[0].route))]
        }
        data["paper_count"] = Count.number(ids.count)
        data["papers_phrase"] = Count.papers(ids.count)
        data["total_count"] = Count.number(site.catalog.papers.count)
        data["total_phrase"] = Count.papers(site.catalog.papers.count)
        data["dated"] = .bool(ids.contains { site.catalog.papers[$0].date != nil })
        data["front"] = .bool(index == nil)
        return .object(data)
    }

    /// The lab's tags, each with its count.
    func tagIndex(_ place: Place) -> TemplateValue {
        var data = base(place, title: "Tags")
        data["tags"] = tagLinks(Array(site.curated.tags.indices), root: data["root"]!.text)
        return .object(data)
    }

    /// One tag's papers, newest first, a page at a time.
    func tag(_ t: Int, _ place: Place) -> TemplateValue {
        let tag = site.curated.tags[t]
        var data = base(place, title: "Tagged “\(tag.name)”", description: "Papers the lab tagged “\(tag.name)” in \(site.title).")
        data["name"] = .string(tag.name)
        let shown = place.paging.map { tag.papers[$0.items(place.page)] } ?? tag.papers[...]
        data["papers"] = .list(shown.map(paperCard))
        data["paper_count"] = Count.number(tag.papers.count)
        data["papers_phrase"] = Count.papers(tag.papers.count)
        data["tags_url"] = .string(data["root"]!.text + Route.tags)
        return .object(data)
    }

    /// Every edition, newest first.
    func editionIndex(_ place: Place) -> TemplateValue {
        var data = base(place, title: "Editions", feed: feeds ? Route.editionsFeed : nil, feedTitle: "Editions")
        data["editions"] = editionLinks(Array(site.curated.editions.indices), root: data["root"]!.text)
        data["editions_feed_url"] = feeds ? .string(data["root"]!.text + Route.editionsFeed) : .null
        return .object(data)
    }

    /// One edition: its commentary, then its papers with the lab's notes.
    func edition(_ e: Int, _ place: Place) -> TemplateValue {
        let edition = site.curated.editions[e]
        var data = base(place, title: edition.title, description: "\(edition.title), the \(site.title) edition of \(edition.date.display).",
                        feed: feeds ? Route.editionsFeed : nil, feedTitle: "Editions")
        let root = data["root"]!.text
        data["title"] = .string(edition.title)
        data["date"] = .string(edition.date.display)
        data["iso_date"] = .string(edition.date.description)
        data["body_html"] = .string(editionHTML[e])
        data["papers"] = .list(edition.papers.map(cardWithNote))
        data["paper_count"] = Count.number(edition.papers.count)
        data["papers_phrase"] = Count.papers(edition.papers.count)
        data["editions_url"] = .string(root + Route.editions)
        data["newer"] = e > 0 ? ["title": .string(site.curated.editions[e - 1].title), "url": .string(root + site.editionRoute(e - 1))] : .null
        data["older"] = e + 1 < site.curated.editions.count
            ? ["title": .string(site.curated.editions[e + 1].title), "url": .string(root + site.editionRoute(e + 1))] : .null
        return .object(data)
    }

    /// A listing format as readers know the source.
    static func kind(of format: ListingFormat) -> String {
        switch format {
        case .authorProfile: return "An arXiv author profile, pasted"
        case .dailyPapers: return "Hugging Face Daily Papers, pasted"
        case .aggregator: return "A paper aggregator, pasted"
        case .authorFeed: return "An author feed, pasted"
        case .arxivAtom: return "The arXiv API"
        case .arxivRSS: return "arXiv's announcements (RSS)"
        case .bibtex: return "A BibTeX library"
        }
    }

    /// "title", "title and date", "title, authors and date".
    static func sentenceList(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    func simple(_ place: Place, title: String, html: String? = nil, root: String? = nil) -> TemplateValue {
        var data = base(place, title: title, root: root)
        data["body_html"] = .text(html)
        return .object(data)
    }

    /// The first `count` characters of a text. In ASCII text each byte is a
    /// character (unless a combining mark follows, hence one byte more is
    /// looked at), so most abstracts are cut without walking characters.
    static func prefix(_ text: String, characters count: Int) -> String {
        let bytes = text.utf8
        if bytes.prefix(count + 1).allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return String(text.utf8.prefix(count))! }
        return String(text.prefix(count))
    }
}

extension Site {
    func newestFirstOrder(_ ids: [Int]) -> [Int] { ids.sorted { newestRank[$0] < newestRank[$1] } }

    /// Everyone, by last name (folded), then key; and each person's sort key.
    func peopleByLastName() -> (order: [Int], keys: [String]) {
        let people = catalog.authors.people
        let keys = people.map { Text.fold(String($0.name.split(separator: " ").last ?? Substring($0.name))) }
        return (people.indices.sorted { (keys[$0], people[$0].key) < (keys[$1], people[$1].key) }, keys)
    }
}
