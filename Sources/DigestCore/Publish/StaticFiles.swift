/// `Content/static/`: files the site needs that Digest does not make (a
/// `CNAME`, `.nojekyll`, images, PDFs, `favicon.ico`), copied to the site
/// root as they are. A link is followed only when it stays inside
/// `Content/`; one that leaves it is skipped with a warning. A static file
/// on a path Digest makes is an error (`OutputPlan` checks every path).
struct StaticFiles {
    static let folder = "static"

    var files: [(path: String, source: String, bytes: [UInt8])] = []
    var diagnostics: [Diagnostic] = []

    static func load(content: String) -> StaticFiles {
        var result = StaticFiles()
        let root = content + "/" + folder
        guard FileTree.kind(root, followingLinks: true) == .folder,
              let contentRoot = FileTree.realPath(content) else { return result }
        for file in FileTree.files(root, followingLinks: true).sorted() {
            let source = root + "/" + file
            guard let real = FileTree.realPath(source), OutputTarget.contains(contentRoot, real) else {
                result.diagnostics.append(Diagnostic(file: source, line: nil, "links outside \(content)/; not copied"))
                continue
            }
            if file == OutputTarget.marker {
                result.diagnostics.append(.error(file: source, line: nil, "\(OutputTarget.marker) is the name of Digest's own marker; rename this file"))
                continue
            }
            switch FileBytes.load(source) {
            case .success(let bytes): result.files.append((file, source, bytes))
            case .failure(let problem): result.diagnostics.append(Diagnostic(file: problem.file, line: nil, problem.message + "; not copied"))
            }
        }
        return result
    }
}
