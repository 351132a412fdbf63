/// The catalog as JSON Lines, one paper a line, keys in a fixed order:
/// what `digest parse --json` prints.
public enum CatalogJSONLines {
    public static func render(_ catalog: Catalog) -> [UInt8] {
        var json = JSONWriter(capacity: catalog.papers.count * 1_500)
        for paper in catalog.papers {
            json.beginObject()
            json.key("title"); json.string(paper.title)
            json.key("authors"); json.beginArray()
            for credit in paper.credits { json.string(credit.name) }
            json.endArray()
            json.key("authors_complete"); json.bool(paper.authorsComplete)
            json.key("author_count"); json.int(paper.authorCount)
            json.key("date"); json.string(paper.date?.description)
            json.key("category"); json.string(paper.category)
            json.key("categories"); json.beginArray()
            for category in paper.categories { json.string(category) }
            json.endArray()
            json.key("arxiv_id"); json.string(paper.arxivID)
            json.key("doi"); json.string(paper.doi)
            json.key("url"); json.string(paper.url)
            json.key("abstract"); json.string(paper.abstract)
            json.key("abstract_truncated"); json.bool(paper.abstractTruncated)
            json.key("upvotes"); json.int(paper.upvotes)
            json.key("sources"); json.beginArray()
            for source in paper.sources {
                json.beginObject()
                json.key("file"); json.string(source.fileName)
                json.key("line"); json.int(source.line)
                json.key("format"); json.string(source.format.rawValue)
                json.endObject()
            }
            json.endArray()
            json.endObject()
            json.newline()
        }
        return json.bytes
    }
}
