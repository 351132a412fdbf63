/// What the curator's notes and editions add to the site: the lab's tags,
/// its highlights and its editions, with the papers of each.
struct Curated: Sendable {
    /// A tag of the lab's: tags whose names give one slug ("Mean field",
    /// "mean-field") are one tag, named by the commonest spelling.
    struct Tag: Sendable {
        var name: String
        var slug: String
        /// Newest first.
        var papers: [Int]
    }

    struct Edition: Sendable {
        var file: String
        var date: DayDate
        var title: String
        var markdown: String
        /// Newest first.
        var papers: [Int]
        var slug: String { date.description }
    }

    /// By slug.
    var tags: [Tag] = []
    /// Per paper: indices into `tags`.
    var paperTags: [[Int]]
    /// Newest first.
    var editions: [Edition] = []
    /// Per paper: the editions that featured it, newest first.
    var paperEditions: [[Int]]
    /// Highlighted papers, newest first.
    var highlights: [Int]
    /// Edition papers that match none.
    var diagnostics: [Diagnostic] = []

    /// `rank` is each paper's place in newest-first order.
    init(catalog: Catalog, editions files: [EditionFile], rank: [Int]) {
        let papers = catalog.papers
        func newestFirst(_ ids: [Int]) -> [Int] { ids.sorted { rank[$0] < rank[$1] } }
        highlights = newestFirst(papers.indices.filter { papers[$0].note?.highlight == true })

        var spellings: [String: [String: Int]] = [:]
        var members: [String: [Int]] = [:]
        for id in papers.indices {
            for tag in papers[id].note?.tags ?? [] {
                let slug = Slug.make(tag)
                spellings[slug, default: [:]][tag, default: 0] += 1
                if members[slug]?.last != id { members[slug, default: []].append(id) }
            }
        }
        tags = members.keys.sorted().map { slug in
            let name = spellings[slug]!.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
            return Tag(name: name, slug: slug, papers: newestFirst(members[slug]!))
        }
        var paperTags = [[Int]](repeating: [], count: papers.count)
        for (t, tag) in tags.enumerated() { for id in tag.papers { paperTags[id].append(t) } }
        self.paperTags = paperTags

        // Oldest first, so each edition without a list of papers takes
        // those dated after the one before it, up to its own date; the
        // first one takes its week (the seven days up to its date), not
        // every paper ever dated before it.
        let lookup = PaperLookup(papers: papers)
        // Dated papers by their first day, sorted once: each edition's span
        // is then two binary searches, not a pass over every paper.
        let dated: [(day: DayDate, id: Int)] = files.contains { $0.papers == nil }
            ? papers.indices.compactMap { id in papers[id].date.map { ($0.firstDay, id) } }.sorted { $0.day < $1.day }
            : []
        /// The position of the first dated paper after `day`.
        func firstAfter(_ day: DayDate) -> Int {
            var low = 0, high = dated.count
            while low < high {
                let mid = (low + high) / 2
                if dated[mid].day <= day { low = mid + 1 } else { high = mid }
            }
            return low
        }
        var editions: [Edition] = []
        var previous: DayDate?
        for file in files.sorted(by: { $0.date < $1.date }) {
            var ids: [Int] = []
            if let references = file.papers {
                for reference in references {
                    if let id = lookup.find(reference.text) {
                        if !ids.contains(id) { ids.append(id) }
                    } else {
                        diagnostics.append(Diagnostic(file: reference.file, line: reference.line,
                            "edition paper \"\(reference.text)\" matches no paper (or one a note hides); left out"))
                    }
                }
            } else {
                let after = previous ?? DayDate(unixTime: file.date.unixTime - 7 * 86_400)
                ids = dated[firstAfter(after)..<max(firstAfter(after), firstAfter(file.date))].map(\.id)
            }
            previous = file.date
            editions.append(Edition(file: file.file, date: file.date, title: file.title, markdown: file.markdown,
                                    papers: file.papers == nil ? newestFirst(ids) : ids))
        }
        self.editions = editions.reversed()
        var paperEditions = [[Int]](repeating: [], count: papers.count)
        for (e, edition) in self.editions.enumerated() { for id in edition.papers { paperEditions[id].append(e) } }
        self.paperEditions = paperEditions
    }
}
