/// The prebuilt search index the search page loads: one JSON file, keys in
/// a fixed order, text escaped so that "</script>" stays inert.
///
///     {"version":1,"papers":[{"t":title,"a":[authors],"d":"2024-03-05","u":"papers/x.html","x":abstract}, …]}
///
/// Papers are listed newest first, so equal scores keep date order.
enum SearchIndex {
    static func render(_ site: Site) -> [UInt8] {
        var json = JSONWriter(capacity: site.catalog.papers.count * 1_200)
        json.beginObject()
        json.key("version"); json.int(1)
        json.key("papers"); json.beginArray()
        for id in site.newestFirst {
            let paper = site.catalog.papers[id]
            json.beginObject()
            json.key("t"); json.string(paper.title)
            json.key("a"); json.beginArray()
            for person in site.creditPeople[id] { json.string(site.catalog.authors.people[person].name) }
            json.endArray()
            json.key("d"); json.string(paper.date?.description)
            json.key("u"); json.string(site.paperRoute(id))
            json.key("x"); json.string(paper.abstract)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.newline()
        return json.bytes
    }
}
