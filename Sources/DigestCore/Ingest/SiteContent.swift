import Foundation

/// What the curator writes in `Content/`: the digest's title and intro
/// (`index.md`), the about page (`about.md`), one file per curated theme
/// (`themes/*.md`), notes on papers (`notes/*.md`) and editions
/// (`editions/YYYY-MM-DD.md`, see `CuratorContent`). Bodies stay Markdown
/// here; Render turns them into HTML.
struct SiteContent: Sendable {
    struct Page: Sendable {
        var file: String
        var front: FrontMatter
        var markdown: String
    }

    struct ThemeFile: Sendable {
        var file: String
        var slug: String
        var title: String
        var keywords: [String]
        var order: Int
        var markdown: String
    }

    var index: Page
    var about: Page?
    var themes: [ThemeFile]
    var notes: [PaperNote] = []
    var editions: [EditionFile] = []


    /// Reads `folder`; every problem in every file is collected, then thrown at once.
    static func load(from folder: String) throws -> SiteContent {
        var warnings: [Diagnostic] = []
        return try load(from: folder, warnings: &warnings)
    }

    /// Files that are not regular files (a FIFO, a socket) are skipped
    /// with a warning, collected in `warnings`.
    static func load(from folder: String, warnings: inout [Diagnostic]) throws -> SiteContent {
        var problems: [Diagnostic] = []
        if FileTree.kind(folder, followingLinks: true) != .folder {
            throw DiagnosticsError([.error(file: folder, line: nil, FileTree.kind(folder, followingLinks: true) == .missing
                ? "no such folder; it holds index.md and the themes" : "is not a folder; it should hold index.md and the themes")])
        }
        func page(_ name: String, required: Bool) -> Page? {
            let path = folder + "/" + name
            let text: String
            switch TextDecoding.readText(path) {
            case .success(let read): text = read
            case .failure(let problem):
                if FileTree.kind(path, followingLinks: true) == .missing {
                    if required { problems.append(.error(file: path, line: nil, "missing; it holds the digest's title, description and intro")) }
                } else if FileTree.kind(path, followingLinks: true) == .other && !required {
                    warnings.append(Diagnostic(file: path, line: nil, problem.message + "; skipped"))
                } else {
                    problems.append(problem)
                }
                return nil
            }
            do {
                let front = try FrontMatter.parse(text, file: path)
                return Page(file: path, front: front, markdown: front.body)
            } catch let error as DiagnosticsError {
                problems += error.diagnostics; return nil
            } catch { return nil }
        }
        let index = page("index.md", required: true)
        let about = page("about.md", required: false)
        var themes: [ThemeFile] = []
        let themeFolder = folder + "/themes"
        let names = (FileTree.names(themeFolder) ?? []).map(\.name)
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
        for name in names {
            guard let theme = page("themes/" + name, required: false) else { continue }
            let front = theme.front
            guard let title = front.text("title"), !title.isEmpty else {
                problems.append(.error(file: theme.file, line: 1, "theme has no title; add \"title: …\" to its front matter"))
                continue
            }
            let keywords = front.list("keywords") ?? []
            if keywords.isEmpty {
                problems.append(.error(file: theme.file, line: front.lines["keywords"] ?? 1,
                    "theme has no keywords; add \"keywords: [phrase, phrase]\" so papers can join it"))
            }
            var order = 1_000
            if let raw = front.text("order") {
                if let value = Int(raw) { order = value } else {
                    problems.append(.error(file: theme.file, line: front.lines["order"] ?? 1, "order \"\(raw)\" is not a whole number"))
                }
            }
            let slug = Slug.make(String(name.dropLast(3)))
            if Slug.reserved.contains(slug) {
                problems.append(.error(file: theme.file, line: nil, "a theme may not be called \"\(slug)\": themes/\(slug).html is the list of themes; rename the file"))
                continue
            }
            if let other = themes.first(where: { $0.slug == slug }) {
                problems.append(.error(file: theme.file, line: nil,
                    "its page would be themes/\(slug).html, like the page of \(other.file); rename one of the two files"))
                continue
            }
            themes.append(ThemeFile(file: theme.file, slug: slug, title: title,
                                    keywords: keywords, order: order, markdown: theme.markdown))
        }
        let curator = CuratorContent.load(from: folder, themes: themes.map(\.slug), problems: &problems, warnings: &warnings)
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        themes.sort { ($0.order, $0.slug) < ($1.order, $1.slug) }
        return SiteContent(index: index!, about: about, themes: themes, notes: curator.notes, editions: curator.editions)
    }
}
