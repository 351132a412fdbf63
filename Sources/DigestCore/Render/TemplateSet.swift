import Foundation

/// The templates folder: `*.mustache` (one per page kind, plus the `base`
/// layout) and `partials/*.mustache`, all named by file name without the
/// extension; `assets/` is copied into the site as it is.
struct TemplateSet: Sendable {
    var library: MustacheLibrary
    var assets: [(path: String, bytes: [UInt8])]

    /// `required` names the templates that page kinds render with.
    static func load(from folder: String, required: [String]) throws -> TemplateSet {
        var sources: [String: String] = [:]
        var files: [String: String] = [:]
        var problems: [Diagnostic] = []
        guard FileTree.kind(folder, followingLinks: true) == .folder else {
            throw DiagnosticsError([.error(file: folder, line: nil, "no such folder; it holds the page templates")])
        }
        for sub in ["", "partials/"] {
            let names = (FileTree.names(folder + "/" + sub) ?? []).map(\.name).filter { $0.hasSuffix(".mustache") }.sorted()
            for name in names {
                let path = folder + "/" + sub + name
                let text: String
                switch TextDecoding.readText(path) {
                case .success(let read): text = read
                case .failure(let problem): problems.append(problem); continue
                }
                let key = String(name.dropLast(".mustache".count))
                if let other = files[key] {
                    problems.append(.error(file: path, line: nil, "template name \"\(key)\" is also used by \(other)"))
                }
                sources[key] = text
                files[key] = path
            }
        }
        for kind in required where sources[kind] == nil {
            problems.append(.error(file: folder + "/" + kind + ".mustache", line: nil, "missing; every \(kind) page is rendered with it"))
        }
        var library: MustacheLibrary?
        do { library = try MustacheLibrary(sources: sources, files: files) } catch let error as DiagnosticsError { problems += error.diagnostics }
        if let library { problems += library.missingReferences() }
        if !problems.isEmpty { throw DiagnosticsError(problems) }

        var assets: [(String, [UInt8])] = []
        let assetRoot = folder + "/assets"
        for file in FileTree.files(assetRoot).sorted() {
            switch FileBytes.load(assetRoot + "/" + file) {
            case .success(let bytes): assets.append(("assets/" + file, bytes))
            case .failure(let problem): problems.append(problem)
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        return TemplateSet(library: library!, assets: assets)
    }
}
