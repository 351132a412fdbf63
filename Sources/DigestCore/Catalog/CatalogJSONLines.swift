/// The catalog as JSON Lines, one paper a line, keys in a fixed order:
/// what `digest parse --json` prints.
public enum CatalogJSONLines {
    /// In parts to be written one after another.
    public static func render(_ catalog: Catalog) -> [[UInt8]] {
        ParallelMap.byteParts(count: catalog.papers.count) { range in
            var json = JSONWriter(capacity: range.count * 1_500)
            catalog.papers.withUnsafeBufferPointer { papers in
                for id in range { line(papers[id], to: &json) }
            }
            return json.bytes
        }
    }

    private static func line(_ paper: borrowing Paper, to json: inout JSONWriter) {
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
}

/// The catalog as text, two lines a paper (date and title; authors):
/// what `digest parse` prints.
public enum CatalogText {
    /// In parts to be written one after another.
    public static func render(_ catalog: Catalog) -> [[UInt8]] {
        ParallelMap.byteParts(count: catalog.papers.count) { range in
            var out: [UInt8] = []
            out.reserveCapacity(range.count * 200)
            catalog.papers.withUnsafeBufferPointer { papers in
                for id in range {
                    out.append(contentsOf: (papers[id].date?.description ?? "no date").utf8)
                    out.append(contentsOf: "  ".utf8)
                    out.append(contentsOf: papers[id].title.utf8)
                    out.append(contentsOf: "\n            ".utf8)
                    if papers[id].credits.isEmpty { out.append(contentsOf: "authors unknown".utf8) }
                    for (index, credit) in papers[id].credits.enumerated() {
                        if index > 0 { out.append(contentsOf: ", ".utf8) }
                        out.append(contentsOf: credit.name.utf8)
                    }
                    out.append(contentsOf: (papers[id].authorsComplete ? "\n" : " et al.\n").utf8)
                }
            }
            return out
        }
    }
}
