/// Discovered themes written as ready-to-edit `Content/themes/*.md` files,
/// for `digest themes --suggest`.
enum ThemeSuggestions {
    static func render(_ grouping: Grouping, catalog: Catalog) -> String {
        var out = ""
        for theme in grouping.themes where theme.discovered {
            let name = String(theme.slug.dropFirst("discovered-".count))
            let keywords = theme.keywords.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ", ")
            out += "# Content/themes/\(name).md\n---\ntitle: \(theme.title)\nkeywords: [\(keywords)]\n---\n"
            out += "Describe this theme. Found automatically from \(theme.papers.count) papers, for example:\n\n"
            for id in theme.papers.prefix(5) { out += "- \(catalog.papers[id].title)\n" }
            out += "\n"
        }
        return out.isEmpty ? "# Every paper has a curated theme; nothing to suggest.\n" : out
    }
}
