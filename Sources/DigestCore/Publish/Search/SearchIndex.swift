/// The prebuilt search index, split so that the search page downloads only
/// what a query needs (`Templates/assets/search.js` reads it):
///
/// - `search/index.json`, the root: format version, paper count, the score
///   of a match in each field, cards per block, and each term shard's first
///   word;
/// - `search/terms/N.json`, the term shards: `[[word, title, authors,
///   abstract, note], …]` with each field's posting list as `PostingEncoding`
///   writes it, words sorted as JavaScript sorts strings;
/// - `search/cards/N.json`, result cards in blocks of `cardsPerBlock` search
///   ids: `[[title, authors, date as pages show it, route, the start of the
///   abstract, ISO date], …]` (title and abstract as plain text), fetched
///   only for the results shown.
///
/// Search ids number the papers newest first. Keys are written in a fixed
/// order and strings escaped by `JSONWriter`, so "</script>" stays inert.
enum SearchIndex {
    static let version = 4
    /// Characters of each abstract in its card, for the result's snippet.
    static let excerptLength = 300
    /// A query word matching in a title counts 1000, in authors 100, in an
    /// abstract 10, in the lab's note 1: title matches rank above author
    /// matches above abstract ones above note ones.
    static let weights = [1000, 100, 10, 1]
    static let cardsPerBlock = 8
    static let shardTarget = 16_000

    /// `noteHTML`: the lab's note on each paper as HTML (nil: none);
    /// `plainTitles`: titles with their TeX as Unicode text, for the cards.
    static func files(_ site: Site, noteHTML: [String?], plainTitles: [String], plainAbstracts: [String?],
                      shardTarget: Int = shardTarget) -> [(path: String, bytes: [UInt8])] {
        let ids = site.newestFirst
        let terms = site.grouping.terms
        let postings = SearchPostings(words: terms, documents: ids.map { id in
            let names = site.creditPeople[id].map { site.catalog.authors.people[$0].name }
            return SearchPostings.Document(title: terms.title[id], authors: names.joined(separator: " "), abstract: terms.abstract[id],
                                           note: noteHTML[id].map(Markdown.plainText(fromHTML:)) ?? "",
                                           symbols: TeXSymbols.names(in: [site.catalog.papers[id].title, site.catalog.papers[id].abstract]))
        })
        let sizes = ParallelMap.map(Array(postings.terms.indices), minimumBatch: 1024) { t in
            postings.terms[t].utf8.count + 8 + SearchPostings.Level.allCases.reduce(0) { $0 + PostingEncoding.size(postings.list(t, $1)) }
        }
        let starts = TermShards.cut(terms: postings.terms, sizes: sizes, target: shardTarget)
        let shards = ParallelMap.map(Array(starts.indices)) { s -> (path: String, bytes: [UInt8]) in
            let end = s + 1 < starts.count ? starts[s + 1] : postings.terms.count
            var out: [UInt8] = [UInt8(ascii: "[")]
            for t in starts[s]..<end {
                if t > starts[s] { out += ",\n".utf8 }
                out.append(UInt8(ascii: "["))
                JSONWriter.appendString(postings.terms[t], to: &out)
                for level in SearchPostings.Level.allCases {
                    out.append(UInt8(ascii: ","))
                    PostingEncoding.append(postings.list(t, level), to: &out)
                }
                out.append(UInt8(ascii: "]"))
            }
            out += "]\n".utf8
            return (Route.searchShard(s), out)
        }
        let blocks = stride(from: 0, to: ids.count, by: cardsPerBlock).map { $0..<min(ids.count, $0 + cardsPerBlock) }
        let cards = ParallelMap.map(Array(blocks.enumerated()), minimumBatch: 64) { b, range -> (path: String, bytes: [UInt8]) in
            var json = JSONWriter(capacity: range.count * 256)
            json.beginArray()
            for id in ids[range] {
                let paper = site.catalog.papers[id]
                json.beginArray()
                json.string(plainTitles[id])
                json.string(site.authorLine(id))
                json.string(paper.date?.display)
                json.string(site.paperRoute(id))
                json.string(PageData.prefix(plainAbstracts[id] ?? paper.abstract, characters: excerptLength))
                json.string(paper.date?.description)
                json.endArray()
            }
            json.endArray()
            json.newline()
            return (Route.searchCards(b), json.bytes)
        }
        var root = JSONWriter()
        root.beginObject()
        root.key("version"); root.int(version)
        root.key("papers"); root.int(ids.count)
        root.key("weights"); root.beginArray(); weights.forEach { root.int($0) }; root.endArray()
        root.key("cards"); root.int(cardsPerBlock)
        root.key("shards"); root.beginArray(); starts.forEach { root.string(postings.terms.isEmpty ? "" : postings.terms[$0]) }; root.endArray()
        root.endObject()
        root.newline()
        return [(Route.searchIndex, root.bytes)] + shards + cards
    }
}
