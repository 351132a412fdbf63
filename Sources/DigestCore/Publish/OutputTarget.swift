import Glibc

/// The folder a build replaces, checked before anything is read or written.
///
/// Digest replaces its output folder whole on every build, so it must be
/// certain the folder is its own. It refuses, with a message and nothing
/// touched: the root, the home folder, the current folder or any folder
/// holding it (the project), a folder that holds an input or lies inside
/// one, a path that is a file, and a folder that is not empty and that
/// Digest did not make. Digest's folders carry a marker file
/// (`.digest-site`); a `site/` made before markers existed is known by the
/// build state file beside it. Links are resolved first, so `--out` naming
/// a link to a folder builds into the folder it points at.
struct OutputTarget: Sendable {
    /// The marker every site Digest makes holds at its root.
    static let marker = ".digest-site"

    /// The marker's text: what the folder is, and the id of the build's
    /// list of files (its manifest, kept in the state file beside the
    /// site), so a later build knows which list describes this folder even
    /// when a kill came between saving the state and the swap.
    static func markerText(manifestID: UInt64) -> [UInt8] {
        Array("""
            This folder was made by Digest, which replaces it on every build.
            Files it did not write are kept; put files the site needs in Content/static/.
            manifest \(String(manifestID, radix: 16))

            """.utf8)
    }

    /// The manifest id in the output's marker, when it has one.
    func markerManifestID() -> UInt64? {
        guard let bytes = FileBytes.read(path + "/" + OutputTarget.marker), bytes.count < 4096 else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("manifest ") }) else { return nil }
        return UInt64(line.dropFirst("manifest ".count), radix: 16)
    }

    /// The path as the user gave it, for messages.
    let display: String
    /// Absolute, links resolved.
    let path: String
    var parent: String { path.utf8.lastIndex(of: 0x2F).map { $0 == path.utf8.startIndex ? "/" : String(path[..<$0]) } ?? "." }
    var name: String { path.utf8.lastIndex(of: 0x2F).map { String(path[path.utf8.index(after: $0)...]) } ?? path }
    /// A sibling of the output: `.site.digest-state` for `site`.
    func sibling(_ suffix: String) -> String { (parent == "/" ? "" : parent) + "/." + name + suffix }
    var statePath: String { sibling(".digest-state") }
    var lockPath: String { sibling(".digest-lock") }
    /// Staging folders: `.site.building-PID`.
    static let stagingInfix = ".building-"

    enum Ownership: Equatable { case absent, empty, digest, foreign }

    /// Resolves and checks `output`; `inputs` are the seeds, Content and
    /// Templates paths. Throws a `DiagnosticsError` that says what to do.
    static func resolve(_ output: String, inputs: [String],
                               home: String? = getenv("HOME").map { String(cString: $0) }) throws -> OutputTarget {
        func refuse(_ why: String) -> DiagnosticsError {
            DiagnosticsError([.error(file: output.isEmpty ? "--out" : output, line: nil, why)])
        }
        var raw = output
        guard !raw.isEmpty else { throw refuse("the output folder has no name; give --out a folder such as site") }
        while raw.count > 1, raw.hasSuffix("/") { raw.removeLast() }
        guard let cwd = FileTree.currentFolder else { throw refuse("cannot read the current folder: " + FileTree.reason()) }
        let absolute = raw.hasPrefix("/") ? raw : cwd + "/" + raw
        let resolved: String
        switch FileTree.kind(absolute, followingLinks: true) {
        case .missing:
            if FileTree.kind(absolute) == .link { throw refuse("is a link to nothing; point it at a folder or remove it") }
            // The longest part that exists is resolved; the rest is made.
            var existing = "/"
            var rest: [Substring] = []
            for part in absolute.split(separator: "/") {
                if !rest.isEmpty || FileTree.kind(existing + (existing == "/" ? "" : "/") + part, followingLinks: true) == .missing {
                    rest.append(part)
                } else {
                    guard let real = FileTree.realPath(existing + (existing == "/" ? "" : "/") + part) else {
                        throw refuse("cannot resolve: " + FileTree.reason())
                    }
                    existing = real
                }
            }
            guard FileTree.kind(existing, followingLinks: true) == .folder else {
                throw refuse("\(existing) is a file, so no folder can be made inside it")
            }
            if rest.contains(where: { $0 == "." || $0 == ".." }) { throw refuse("has \".\" or \"..\" after a folder that does not exist") }
            resolved = (existing == "/" ? "" : existing) + "/" + rest.joined(separator: "/")
        case .folder:
            guard let real = FileTree.realPath(absolute) else { throw refuse("cannot resolve: " + FileTree.reason()) }
            resolved = real
        default:
            throw refuse("is a file, not a folder; choose a folder for the site, such as site")
        }
        let chooseAnother = "; choose an empty or new folder, such as site"
        if resolved == "/" { throw refuse("is the root folder" + chooseAnother) }
        if let home, let realHome = FileTree.realPath(home), resolved == realHome {
            throw refuse("is your home folder" + chooseAnother)
        }
        let realCwd = FileTree.realPath(cwd) ?? cwd
        if resolved == realCwd { throw refuse("is the current folder, which holds your project" + chooseAnother) }
        if contains(resolved, realCwd) { throw refuse("holds the current folder (\(realCwd))" + chooseAnother) }
        for input in inputs {
            guard let real = FileTree.realPath(input) else { continue }
            if resolved == real { throw refuse("is the input \(input); Digest would replace it" + chooseAnother) }
            if contains(resolved, real) { throw refuse("holds the input \(input)" + chooseAnother) }
            if contains(real, resolved) { throw refuse("lies inside the input \(input)" + chooseAnother) }
        }
        return OutputTarget(display: output, path: resolved)
    }

    /// True when `inner` lies below `outer` (both absolute, resolved).
    static func contains(_ outer: String, _ inner: String) -> Bool {
        let prefix = outer == "/" ? "/" : outer + "/"
        return inner.hasPrefix(prefix)
    }

    /// Whose folder the output is, as it stands now.
    func ownership() -> Ownership {
        switch FileTree.kind(path) {
        case .missing: return .absent
        case .folder: break
        default: return .foreign
        }
        guard let names = FileTree.names(path) else { return .foreign }
        if names.isEmpty { return .empty }
        if FileTree.kind(path + "/" + OutputTarget.marker) == .file { return .digest }
        // A site made before markers: its build state file lies beside it.
        if BuildState.isState(statePath) { return .digest }
        return .foreign
    }

    /// Refuses a folder that is not Digest's, before any work is done.
    func checkOwnership() throws {
        guard ownership() == .foreign else { return }
        throw DiagnosticsError([.error(file: display, line: nil,
            "this folder is not empty and was not made by Digest (it has no \(OutputTarget.marker) file), so Digest "
            + "will not replace it; choose an empty or new folder, or remove it yourself")])
    }

    /// Holds the lock that keeps two builds from writing one output at once.
    final class Lock: @unchecked Sendable {
        private var fd: Int32
        init(fd: Int32) { self.fd = fd }
        func release() {
            if fd >= 0 { close(fd); fd = -1 }
        }
        deinit { release() }
    }

    /// Makes the folders that hold the output, when missing (`mkdir -p`).
    func makeParent() throws {
        guard FileTree.kind(parent, followingLinks: true) != .folder else { return }
        if let failure = FileTree.makeFolders("", String(parent.dropFirst())) { throw DiagnosticsError([failure]) }
    }

    /// Takes the output's lock (`flock` on `.site.digest-lock` beside it),
    /// or fails at once when another build holds it. The lock file is left
    /// in place: removing it would let a third build lock a different file.
    func lock() throws -> Lock {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DiagnosticsError([FileTree.failure(lockPath, doing: "make the build lock")]) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK {
                throw DiagnosticsError([.error(file: display, line: nil,
                    "another build of \(display) is running; wait for it to finish, then build again")])
            }
            throw DiagnosticsError([FileTree.failure(lockPath, code, doing: "lock")])
        }
        return Lock(fd: fd)
    }

    /// Removes what builds killed before they finished left beside the
    /// output: their staging folders (marked, or empty). Call with the lock
    /// held, so no running build's folder is taken.
    func removeLeftovers() -> [Diagnostic] {
        let prefix = "." + name + OutputTarget.stagingInfix
        var problems: [Diagnostic] = []
        for (entry, _) in FileTree.names(parent) ?? [] where entry.hasPrefix(prefix) {
            let folder = (parent == "/" ? "" : parent) + "/" + entry
            guard FileTree.kind(folder) == .folder else { continue }
            if FileTree.kind(folder + "/" + OutputTarget.marker) == .file {
                if let problem = FileTree.remove(folder) { problems.append(problem) }
            } else {
                rmdir(folder)  // an empty folder swapped out; anything else is not ours to remove
            }
        }
        return problems
    }
}
