/// What the curator writes about papers, read and checked here; matched to
/// papers later (notes in Catalog, editions in Model):
///
/// - `Content/notes/*.md`, one a paper, any file name: front matter
///   `paper:` (arXiv id, DOI or exact title), optional `highlight`, `tags`,
///   `themes`, `hide`, and corrections `title`, `authors`, `date`,
///   `category`; the body is the lab's note in Markdown.
/// - `Content/editions/YYYY-MM-DD.md`: the date from the file name, front
///   matter `title` and optional `papers`; the body is the commentary.
///
/// Every problem is a `file:line` error, collected with all the others.

/// A paper named in Content: an arXiv id, a DOI or an exact title, with
/// where it was written.
struct PaperReference: Sendable, Equatable {
    var text: String
    var file: String
    var line: Int
}

/// The lab's note on one paper.
struct PaperNote: Sendable {
    var file: String
    var paper: PaperReference
    var markdown: String
    var highlight = false
    var hide = false
    /// The lab's own labels, as written.
    var tags: [String] = []
    /// Curated theme slugs that replace the automatic assignment; nil
    /// keeps it, an empty list takes the paper out of every theme.
    var themes: [String]?
    /// Corrections, which win over every listing.
    var title: String?
    var authors: [String]?
    var date: DayDate?
    var category: String?

    /// The fields the note corrects, as readers see them named.
    var corrections: [String] {
        [("title", title != nil), ("authors", authors != nil), ("date", date != nil), ("category", category != nil)]
            .filter(\.1).map(\.0)
    }
}

/// One edition: the week's selection and what the lab says about it.
struct EditionFile: Sendable {
    var file: String
    var date: DayDate
    var title: String
    /// The papers it names; nil: the papers dated after the previous
    /// edition, up to its own date.
    var papers: [PaperReference]?
    var markdown: String
}

enum CuratorContent {
    static let noteKeys = ["paper", "highlight", "hide", "tags", "themes", "title", "authors", "date", "category"]
    static let editionKeys = ["title", "papers"]

    /// The notes under `folder/notes` and the editions under
    /// `folder/editions`, in file-name order. `themes` are the curated
    /// theme slugs a note may name.
    static func load(from folder: String, themes: [String], problems: inout [Diagnostic], warnings: inout [Diagnostic])
        -> (notes: [PaperNote], editions: [EditionFile]) {
        let notes = read(folder + "/notes", noun: "note", problems: &problems, warnings: &warnings) { file, front in
            note(file: file, front: front, themes: themes)
        }
        let editions = read(folder + "/editions", noun: "edition", problems: &problems, warnings: &warnings) { file, front in
            edition(file: file, front: front)
        }
        return (notes, editions)
    }

    /// Every `.md` file of `folder` (none when it is missing), read and
    /// checked on every core: a lab may have written thousands of notes.
    private static func read<T: Sendable>(_ folder: String, noun: String, problems: inout [Diagnostic], warnings: inout [Diagnostic],
                                          _ make: @Sendable @escaping (String, FrontMatter) -> Result<T, DiagnosticsError>) -> [T] {
        switch FileTree.kind(folder, followingLinks: true) {
        case .missing: return []
        case .folder: break
        default:
            problems.append(.error(file: folder, line: nil, "is not a folder; it should hold one .md file per \(noun)"))
            return []
        }
        guard let entries = FileTree.names(folder) else { problems.append(FileTree.failure(folder, doing: "list")); return [] }
        var files: [String] = []
        for name in entries.map(\.name).sorted() where !name.hasPrefix(".") {
            let path = folder + "/" + name
            let kind = FileTree.kind(path, followingLinks: true)
            if kind == .folder { continue }
            if !name.hasSuffix(".md") || kind != .file {
                warnings.append(Diagnostic(file: path, line: nil, kind == .file ? "not a .md file; skipped" : "not a regular file; skipped"))
                continue
            }
            files.append(path)
        }
        let results = ParallelMap.map(files, minimumBatch: 64) { path -> Result<T, DiagnosticsError> in
            switch TextDecoding.readText(path) {
            case .failure(let problem): return .failure(DiagnosticsError([problem]))
            case .success(let text):
                do { return make(path, try FrontMatter.parse(text, file: path)) }
                catch let error as DiagnosticsError { return .failure(error) }
                catch { return .failure(DiagnosticsError([.error(file: path, line: nil, "\(error)")])) }
            }
        }
        var items: [T] = []
        for result in results {
            switch result {
            case .success(let item): items.append(item)
            case .failure(let error): problems += error.diagnostics
            }
        }
        return items
    }

    /// Unknown keys, with the nearest known one.
    private static func unknownKeys(_ front: FrontMatter, file: String, known: [String], noun: String) -> [Diagnostic] {
        front.fields.keys.sorted().filter { !known.contains($0) }.map { key in
            let hint = Suggestion.closest(to: key, among: known).map { " (did you mean \($0)?)" } ?? ""
            return .error(file: file, line: front.lines[key], "unknown key \"\(key)\" in \(noun)\(hint); the keys are \(known.joined(separator: ", "))")
        }
    }

    static func note(file: String, front: FrontMatter, themes known: [String]) -> Result<PaperNote, DiagnosticsError> {
        var problems = unknownKeys(front, file: file, known: noteKeys, noun: "a note")
        func line(_ key: String) -> Int { front.lines[key] ?? 1 }
        func text(_ key: String) -> String? {
            switch front.fields[key] {
            case nil: return nil
            case .list?:
                problems.append(.error(file: file, line: line(key), "\"\(key)\" is one value, not a list"))
                return nil
            case .text(let value)?:
                let trimmed = String(value.trimmingSpaces())
                if trimmed.isEmpty { problems.append(.error(file: file, line: line(key), "\"\(key)\" is empty")) }
                return trimmed.isEmpty ? nil : trimmed
            }
        }
        func flag(_ key: String) -> Bool {
            guard let value = text(key) else { return false }
            switch value.lowercased() {
            case "true", "yes": return true
            case "false", "no": return false
            default:
                problems.append(.error(file: file, line: line(key), "\"\(key)\" is true or false, not \"\(value)\""))
                return false
            }
        }
        guard let paper = text("paper") else {
            problems.append(.error(file: file, line: 1, "a note needs \"paper: …\": the paper's arXiv id, DOI or exact title"))
            return .failure(DiagnosticsError(problems))
        }
        var note = PaperNote(file: file, paper: PaperReference(text: paper, file: file, line: line("paper")), markdown: front.body)
        note.highlight = flag("highlight")
        note.hide = flag("hide")
        note.tags = (front.list("tags") ?? []).map { String($0.trimmingSpaces()) }
        for tag in note.tags {
            let slug = Slug.make(tag)
            if slug.isEmpty || Slug.reserved.contains(slug) {
                problems.append(.error(file: file, line: line("tags"), "tag \"\(tag)\" has no letters or digits to name its page by; rename it"))
            }
        }
        if front.fields["themes"] != nil {
            let slugs = front.list("themes") ?? []
            for slug in slugs where !known.contains(slug) {
                let hint = Suggestion.closest(to: slug, among: known).map { " (did you mean \($0)?)" } ?? ""
                problems.append(.error(file: file, line: line("themes"), known.isEmpty
                    ? "no curated theme \"\(slug)\": Content/themes/ has none"
                    : "no curated theme \"\(slug)\"\(hint); the themes are \(known.joined(separator: ", ")) (the names of Content/themes/*.md)"))
            }
            note.themes = slugs
        }
        note.title = text("title")
        if front.fields["authors"] != nil {
            let names = (front.list("authors") ?? []).map { Text.clean($0) }.filter { !$0.isEmpty }
            if names.isEmpty { problems.append(.error(file: file, line: line("authors"), "\"authors\" names no one")) }
            note.authors = names
        }
        if let raw = text("date") {
            note.date = DayDate(iso: raw)
            if note.date == nil {
                problems.append(.error(file: file, line: line("date"), "cannot read date \"\(raw)\"; write 2024, 2024-03 or 2024-03-05"))
            }
        }
        note.category = text("category")
        return problems.isEmpty ? .success(note) : .failure(DiagnosticsError(problems))
    }

    static func edition(file: String, front: FrontMatter) -> Result<EditionFile, DiagnosticsError> {
        var problems = unknownKeys(front, file: file, known: editionKeys, noun: "an edition")
        let name = String(file.split(separator: "/").last ?? "").replacingOccurrences(of: ".md", with: "")
        let date = name.count == 10 ? DayDate(iso: name) : nil
        if date == nil {
            problems.append(.error(file: file, line: nil, "an edition's file is named by its date, like 2026-12-04.md; rename it"))
        }
        let title = front.text("title").map { String($0.trimmingSpaces()) } ?? ""
        if title.isEmpty {
            problems.append(.error(file: file, line: front.lines["title"] ?? 1, "an edition needs \"title: …\" in its front matter"))
        }
        let papers = front.fields["papers"] == nil ? nil : (front.list("papers") ?? []).map {
            PaperReference(text: String($0.trimmingSpaces()), file: file, line: front.lines["papers"] ?? 1)
        }
        guard problems.isEmpty, let date else { return .failure(DiagnosticsError(problems)) }
        return .success(EditionFile(file: file, date: date, title: title, papers: papers, markdown: front.body))
    }
}
