import Glibc

/// Folders on disk, through POSIX calls: walking them (without following
/// links, or following them for inputs), removing them without ever
/// following a link out, and the system's reason when a call fails.
enum FileTree {
    /// What a path is, from `lstat` (a link is a link) or `stat`.
    enum Kind: Equatable {
        case missing, file, folder, link, other
    }

    static func kind(_ path: String, followingLinks: Bool = false) -> Kind {
        var info = stat()
        let status = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard status == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        default: return .other
        }
    }

    /// The system's words for the last failed call: "No space left on device".
    static func reason(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }

    /// `path: error: <the system's reason>`, for a failed call on `path`.
    static func failure(_ path: String, _ code: Int32 = errno, doing action: String? = nil) -> Diagnostic {
        .error(file: path, line: nil, (action.map { "cannot \($0): " } ?? "") + reason(code))
    }

    /// The names in a folder, unsorted, without "." and "..".
    static func names(_ folder: String) -> [(name: String, type: UInt8)]? {
        guard let handle = opendir(folder) else { return nil }
        defer { closedir(handle) }
        var names: [(String, UInt8)] = []
        while let entry = readdir(handle) {
            var nameField = entry.pointee.d_name
            let capacity = MemoryLayout.size(ofValue: nameField)
            let name = withUnsafePointer(to: &nameField) {
                $0.withMemoryRebound(to: CChar.self, capacity: capacity) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            names.append((name, entry.pointee.d_type))
        }
        return names
    }

    /// Relative paths of the regular files under `root` (hidden ones too).
    /// Links are neither listed nor followed, unless `followingLinks`: then
    /// a link to a file lists as that file, a link to a folder is walked,
    /// and a folder met twice (a link loop) is walked once.
    static func files(_ root: String, followingLinks: Bool = false) -> Set<String> {
        var files = Set<String>()
        var seenFolders = Set<[UInt64]>()
        func walk(_ folder: String, _ prefix: String) {
            if followingLinks {
                var info = stat()
                guard stat(folder, &info) == 0, seenFolders.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { return }
            }
            guard let names = names(folder) else { return }
            for (name, type) in names {
                var kind: Kind
                switch Int32(type) {
                case Int32(DT_DIR): kind = .folder
                case Int32(DT_REG): kind = .file
                case Int32(DT_LNK): kind = .link
                case Int32(DT_UNKNOWN): kind = self.kind(folder + "/" + name)
                default: kind = .other
                }
                if kind == .link, followingLinks { kind = self.kind(folder + "/" + name, followingLinks: true) }
                if kind == .folder { walk(folder + "/" + name, prefix + name + "/") }
                else if kind == .file { files.insert(prefix + name) }
            }
        }
        walk(root, "")
        return files
    }

    /// Everything under `root` that is not a folder (files, links, FIFOs…),
    /// and the folders that hold nothing, as relative paths ("empty/" for
    /// a folder). Links are listed, never followed.
    static func entries(_ root: String) -> [String] {
        var found: [String] = []
        func walk(_ folder: String, _ prefix: String) {
            guard let names = names(folder) else { return }
            if names.isEmpty, !prefix.isEmpty { found.append(prefix) }
            for (name, type) in names {
                let isFolder = type == DT_DIR || (type == DT_UNKNOWN && kind(folder + "/" + name) == .folder)
                if isFolder { walk(folder + "/" + name, prefix + name + "/") } else { found.append(prefix + name) }
            }
        }
        walk(root, "")
        return found.sorted()
    }

    /// Removes `path` and everything under it. A link is removed, never
    /// followed, so nothing outside `path` is touched. Returns the first
    /// failure, after trying everything else.
    @discardableResult
    static func remove(_ path: String) -> Diagnostic? {
        var first: Diagnostic?
        func note(_ p: String) { if first == nil { first = failure(p, doing: "remove") } }
        func removeFolder(_ folder: String) {
            for (name, type) in names(folder) ?? [] {
                let child = folder + "/" + name
                if type == DT_DIR || (type == DT_UNKNOWN && kind(child) == .folder) {
                    removeFolder(child)
                } else if unlink(child) != 0, errno != ENOENT {
                    note(child)
                }
            }
            if rmdir(folder) != 0, errno != ENOENT { note(folder) }
        }
        switch kind(path) {
        case .missing: return nil
        case .folder: removeFolder(path)
        default: if unlink(path) != 0, errno != ENOENT { note(path) }
        }
        return first
    }

    /// `mkdir -p` below an existing `base`, for a relative `path`.
    static func makeFolders(_ base: String, _ path: String) -> Diagnostic? {
        var current = base
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0, errno != EEXIST { return failure(current, doing: "make folder") }
        }
        return nil
    }

    /// The canonical absolute path of an existing path (links resolved).
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static var currentFolder: String? {
        guard let cwd = getcwd(nil, 0) else { return nil }
        defer { free(cwd) }
        return String(cString: cwd)
    }
}
