/// The data each kind of page hands to its template. Listing text goes in
/// as plain strings (the templates escape it); only HTML made by cmark or by
/// AbstractFormatter goes in fields whose names end in `_html`.
struct PageData {
    let site: Site
    /// Every paper's card as pages one folder deep link it (root "../"):
    /// paper, author and theme pages and the archive show a million cards
    /// between them on a large corpus, made once here instead of per page.
    private let cards: [TemplateValue]
    private static let cardRoot = "../"
    /// Co-authors an author page lists, most frequent first.
    static let coauthorLimit = 50

    /// Markdown from Content/ as HTML, made once: the intro, the about
    /// page, and each theme's description (curated: the curator's text;
    /// discovered: what it is and its terms).
    let introHTML: String
    let aboutHTML: String?
    let themeDescriptions: [String]

    init(site: Site) {
        self.site = site
        introHTML = Markdown.html(site.content.index.markdown)
        aboutHTML = site.content.about.map { Markdown.html($0.markdown) }
        let curated = Dictionary(site.content.themes.map { ($0.slug, $0.markdown) }) { a, _ in a }
        themeDescriptions = site.grouping.themes.map { theme in
            theme.discovered
                ? "<p>Found automatically: \(theme.papers.count) papers that no curated theme takes share these terms: \(HTML.escape(theme.keywords.joined(separator: ", "))).</p>"
                : Markdown.html(curated[theme.slug] ?? "")
        }
        cards = ParallelMap.map(Array(site.catalog.papers.indices), minimumBatch: 1024) {
            PageData.card($0, root: PageData.cardRoot, site: site)
        }
    }

    /// Fields every page has; `file` is where the page is written.
    func base(file: String, title: String?, route: String, description: String? = nil) -> TemplateObject {
        let root = Route.root(fromFile: file)
        var data = TemplateObject()
        data["root"] = .string(root)
        data["site_title"] = .string(site.content.title)
        data["page_title"] = .string(title.map { $0 + " · " + site.content.title } ?? site.content.title)
        data["heading"] = .text(title)
        data["description"] = .string(description ?? site.content.description)
        data["canonical"] = .string(Route.absolute(route, base: site.baseURL))
        data["feed"] = .string(Route.feed)
        return data
    }

    func paperCard(_ id: Int, root: String) -> TemplateValue {
        root == PageData.cardRoot ? cards[id] : PageData.card(id, root: root, site: site)
    }

    /// `inferred` is false here; an author page sets it where the listing
    /// implies the person rather than naming them.
    private static func card(_ id: Int, root: String, site: Site) -> TemplateValue {
        let date = site.catalog.papers[id].date
        return [
            "url": .string(root + site.paperRoute(id)),
            "title": .string(site.catalog.papers[id].title),
            "authors": .string(site.authorLine(id)),
            "date": .text(date?.display),
            "iso_date": .text(date?.description),
            "inferred": false,
        ]
    }

    func themeLinks(_ themes: [Int], root: String) -> TemplateValue {
        .list(themes.map { t in
            let theme = site.grouping.themes[t]
            return ["url": .string(root + site.themeRoute(t)), "title": .string(theme.title),
                    "count": .int(theme.papers.count), "discovered": .bool(theme.discovered)]
        })
    }

    func home(file: String) -> TemplateValue {
        var data = base(file: file, title: nil, route: Route.home)
        let root = data["root"]!.text
        data["intro_html"] = .string(introHTML)
        data["newest"] = .list(site.newestFirst.prefix(12).map { paperCard($0, root: root) })
        data["themes"] = themeLinks(Array(site.grouping.themes.indices).filter { !site.grouping.themes[$0].papers.isEmpty }, root: root)
        let people = site.catalog.authors.people
        let top = people.indices.sorted { (people[$1].papers.count, people[$0].key) < (people[$0].papers.count, people[$1].key) }.prefix(15)
        data["authors"] = .list(top.map { ["url": .string(root + site.authorRoute($0)), "name": .string(people[$0].name), "count": .int(people[$0].papers.count)] })
        data["paper_count"] = .int(site.catalog.papers.count)
        data["author_count"] = .int(people.count)
        data["papers_url"] = .string(root + Route.papers)
        data["authors_url"] = .string(root + Route.authors)
        return .object(data)
    }

    func paper(_ id: Int, file: String) -> TemplateValue {
        let paper = site.catalog.papers[id]
        var data = base(file: file, title: paper.title, route: site.paperRoute(id),
                        description: PageData.prefix(paper.abstract, characters: 200))
        let root = data["root"]!.text
        data["title"] = .string(paper.title)
        let credits = Array(zip(paper.credits, site.creditPeople[id]))
        data["authors"] = .list(credits.enumerated().map { index, pair in
            ["name": .string(site.catalog.authors.people[pair.1].name), "url": .string(root + site.authorRoute(pair.1)),
             "inferred": .bool(pair.0.inferred), "sep": .string(index < credits.count - 1 ? ", " : "")]
        })
        data["authors_incomplete"] = .bool(!paper.authorsComplete && !credits.isEmpty)
        data["unnamed_authors"] = credits.isEmpty
            ? .string(paper.authorCount.map { "\($0) author\($0 == 1 ? "" : "s"), not named in the listing" } ?? "Authors not named in the listing")
            : .null
        data["author_count"] = paper.authorCount.map { .int($0) } ?? .null
        data["date"] = .text(paper.date?.display)
        data["iso_date"] = .text(paper.date?.description)
        data["category"] = .text(paper.category)
        data["abstract_html"] = paper.abstract.isEmpty ? .null : .string(AbstractFormatter.html(paper.abstract))
        data["abstract_truncated"] = .bool(paper.abstractTruncated)
        data["upvotes"] = paper.upvotes.map { .int($0) } ?? .null
        data["sources"] = .list(paper.sources.map { ["file": .string($0.fileName), "line": .int($0.line), "format": .string($0.format.rawValue)] })
        data["themes"] = themeLinks(site.grouping.paperThemes[id], root: root)
        data["related"] = .list(site.grouping.related[id].map { paperCard($0, root: root) })
        data["arxiv_url"] = .string(Route.arxivSearch(title: paper.title))
        return .object(data)
    }

    func author(_ person: Int, file: String) -> TemplateValue {
        let info = site.catalog.authors.people[person]
        var data = base(file: file, title: info.name, route: site.authorRoute(person),
                        description: "Papers by \(info.name) in \(site.content.title).")
        let root = data["root"]!.text
        let ordered = site.newestFirstOrder(info.papers)
        data["name"] = .string(info.name)
        data["papers"] = .list(ordered.map { id in
            var card = paperCard(id, root: root)
            if info.inferredOn.contains(id), case .object(var fields) = card { fields["inferred"] = true; card = .object(fields) }
            return card
        })
        data["paper_count"] = .int(info.papers.count)
        data["inferred_count"] = info.inferredOn.isEmpty ? .null : .int(info.inferredOn.count)
        var themes: [Int: Int] = [:]
        for id in info.papers {
            for t in site.grouping.paperThemes[id] { themes[t, default: 0] += 1 }
        }
        let people = site.catalog.authors.people
        let coauthors = PageData.coauthors(of: person, papers: info.papers, credits: site.creditPeople, limit: PageData.coauthorLimit)
        data["coauthors"] = .list(coauthors.top.map {
            ["name": .string(people[$0.person].name), "url": .string(root + site.authorRoute($0.person)), "count": .int($0.shared)]
        })
        data["coauthors_more"] = coauthors.total > coauthors.top.count ? .int(coauthors.total - coauthors.top.count) : .null
        data["themes"] = .list(themes.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
            ["title": .string(site.grouping.themes[$0.key].title), "url": .string(root + site.themeRoute($0.key)), "count": .int($0.value)]
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
        // person credited twice on one paper counts once).
        var tally: [Int: (shared: Int, last: Int)] = [:]
        for id in papers {
            for other in credits[id] where other != person {
                if let known = tally[other] {
                    if known.last != id { tally[other] = (known.shared + 1, id) }
                } else {
                    tally[other] = (1, id)
                }
            }
        }
        func before(_ a: (person: Int, shared: Int), _ b: (person: Int, shared: Int)) -> Bool {
            a.shared != b.shared ? a.shared > b.shared : a.person < b.person
        }
        var top: [(person: Int, shared: Int)] = []
        top.reserveCapacity(limit + 1)
        for (other, count) in tally {
            let candidate = (person: other, shared: count.shared)
            if top.count == limit, !before(candidate, top[limit - 1]) { continue }
            let at = top.firstIndex { before(candidate, $0) } ?? top.count
            top.insert(candidate, at: at)
            if top.count > limit { top.removeLast() }
        }
        return (top, tally.count)
    }

    func theme(_ t: Int, file: String) -> TemplateValue {
        let theme = site.grouping.themes[t]
        var data = base(file: file, title: theme.title, route: site.themeRoute(t))
        let root = data["root"]!.text
        data["title"] = .string(theme.title)
        data["description_html"] = .string(themeDescriptions[t])
        data["discovered"] = .bool(theme.discovered)
        data["keywords"] = .list(theme.keywords.map { .string($0) })
        data["papers"] = .list(theme.papers.map { paperCard($0, root: root) })
        data["paper_count"] = .int(theme.papers.count)
        return .object(data)
    }

    func themeIndex(file: String) -> TemplateValue {
        var data = base(file: file, title: "Themes", route: Route.themes)
        let root = data["root"]!.text
        let all = Array(site.grouping.themes.indices)
        data["curated"] = themeLinks(all.filter { !site.grouping.themes[$0].discovered }, root: root)
        data["discovered"] = themeLinks(all.filter { site.grouping.themes[$0].discovered }, root: root)
        return .object(data)
    }

    func authorIndex(file: String) -> TemplateValue {
        var data = base(file: file, title: "Authors", route: Route.authors)
        let root = data["root"]!.text
        let people = site.catalog.authors.people
        let sortKeys = people.map { Text.fold(lastName($0.name)) }
        let sorted = people.indices.sorted { (sortKeys[$0], people[$0].key) < (sortKeys[$1], people[$1].key) }
        var groups: [(String, [Int])] = []
        for p in sorted {
            let letter = String(sortKeys[p].prefix(1)).uppercased()
            if groups.last?.0 == letter { groups[groups.count - 1].1.append(p) } else { groups.append((letter, [p])) }
        }
        data["groups"] = .list(groups.map { letter, members in
            ["letter": .string(letter), "authors": .list(members.map {
                ["name": .string(people[$0].name), "url": .string(root + site.authorRoute($0)), "count": .int(people[$0].papers.count)]
            })]
        })
        data["author_count"] = .int(people.count)
        return .object(data)
    }

    func archive(file: String) -> TemplateValue {
        var data = base(file: file, title: "All papers", route: Route.papers)
        let root = data["root"]!.text
        var years: [(year: String, months: [(String, [Int])])] = []
        for id in site.newestFirst {
            let year = site.catalog.papers[id].date.map { String($0.year) } ?? "Undated"
            let month = site.catalog.papers[id].date?.monthTitle ?? "Undated"
            if years.last?.year != year { years.append((year, [])) }
            if years[years.count - 1].months.last?.0 == month {
                years[years.count - 1].months[years[years.count - 1].months.count - 1].1.append(id)
            } else {
                years[years.count - 1].months.append((month, [id]))
            }
        }
        data["years"] = .list(years.map { year in
            ["year": .string(year.year), "months": .list(year.months.map { month, ids in
                ["month": .string(month), "id": .string(Slug.make(month)), "papers": .list(ids.map { paperCard($0, root: root) })]
            })]
        })
        data["paper_count"] = .int(site.catalog.papers.count)
        return .object(data)
    }

    func simple(file: String, title: String, route: String, html: String? = nil) -> TemplateValue {
        var data = base(file: file, title: title, route: route)
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

    private func lastName(_ name: String) -> String { String(name.split(separator: " ").last ?? Substring(name)) }
}

extension Site {
    func newestFirstOrder(_ ids: [Int]) -> [Int] { ids.sorted { newestRank[$0] < newestRank[$1] } }
}

