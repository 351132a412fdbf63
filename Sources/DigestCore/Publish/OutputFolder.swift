import Glibc

/// Writes the site atomically, and only ever replaces what Digest made.
///
/// `stage` writes everything into a staging folder beside the output
/// (`.site.building-PID`, marked as Digest's first); `commit` then trades
/// it with the old site in one `renameat2(RENAME_EXCHANGE)`, so at every
/// instant `site/` is the whole old site or the whole new one. Between the
/// two the caller saves the build state, which lists the files of both
/// sites: a kill at any moment leaves a site whose marker names a list the
/// state file holds. A build that fails before the swap leaves the old
/// site untouched.
///
/// Files in the old site that Digest did not write (a `CNAME`, a `.git`)
/// are hard-linked into the new one, so the swap keeps them. Files whose
/// bytes are unchanged are hard-linked from the old site instead of
/// written, so their modification times stay as they were; a build that
/// changes nothing touches nothing.
struct OutputFolder {
    var target: OutputTarget

    init(target: OutputTarget) { self.target = target }

    struct Report: Sendable {
        var files: Int
        var written: Int
        var bytes: Int
        /// Files found in the old site that Digest did not write, carried over.
        var kept: [String]
        var unchanged: Bool { written == 0 }
    }

    /// A new site written beside the old one, not yet in its place.
    struct Staged {
        let path: String
        let report: Report
        /// The paths Digest wrote (the marker among them), and their id.
        let manifest: [String]
        let manifestID: UInt64
        let folder: OutputFolder
        /// Nothing changed: committing keeps the old site as it is.
        let keepOld: Bool

        /// Puts the new site in place (or keeps the old one, unchanged).
        func commit() throws {
            if keepOld { FileTree.remove(path); return }
            do { try folder.swap(path, into: folder.target.path) } catch { FileTree.remove(path); throw error }
        }

        func discard() { FileTree.remove(path) }
    }

    /// Makes and writes every file, on every core, into the staging
    /// folder. `manifest` is what the last build wrote (nil when unknown:
    /// then every old file this build does not write is kept). Throws
    /// `DiagnosticsError` with the system's reason when the disk refuses.
    func stage(_ files: [OutputFile], manifest: Set<String>?) throws -> Staged {
        let path = target.path
        let ownership = target.ownership()
        if ownership == .foreign { try target.checkOwnership() }
        let oldEntries = ownership == .digest ? FileTree.entries(path) : []
        let newPaths = Set(files.map(\.path))
        // Old entries that are not Digest's: neither in the manifest nor the marker.
        let foreign = oldEntries.filter { entry in
            entry != OutputTarget.marker && !(manifest?.contains(entry) ?? newPaths.contains(entry))
        }
        if let clash = foreign.first(where: { newPaths.contains($0) }) {
            throw DiagnosticsError([.error(file: path + "/" + clash, line: nil,
                "Digest did not write this file, and this build would replace it; move it away, or into Content/static/ to publish it")])
        }
        let old = Set(oldEntries).subtracting(foreign)
        let display = target.display.hasSuffix("/") ? String(target.display.dropLast()) : target.display
        let written = (files.map(\.path) + [OutputTarget.marker]).sorted()
        var hasher = ContentHasher()
        for file in written { hasher.add(Array(file.utf8)) }
        let manifestID = hasher.value
        let markerText = OutputTarget.markerText(manifestID: manifestID)

        let staging = target.sibling(OutputTarget.stagingInfix + String(getpid()))
        // A folder of that name is removed only when it is Digest's (marked):
        // a stranger's folder makes mkdir fail, and the build with it.
        if FileTree.kind(staging + "/" + OutputTarget.marker) == .file { FileTree.remove(staging) }
        guard mkdir(staging, 0o755) == 0 else { throw DiagnosticsError([FileTree.failure(staging, doing: "make folder")]) }
        do {
            // The marker first: a staging folder left by a killed build is
            // then known as Digest's and removed by the next one.
            let markerPath = "/" + OutputTarget.marker
            let markerKept = old.contains(OutputTarget.marker) && FileBytes.read(path + markerPath) == markerText
                && link(path + markerPath, staging + markerPath) == 0
            if !markerKept, let failure = FileBytes.write(staging + markerPath, markerText) { throw DiagnosticsError([failure]) }
            var folders = Set<String>()
            for file in files {
                // Output paths are relative and clean ("papers/some-title.html"),
                // so the folder is everything before the last "/". (NSString's
                // path methods cost tens of thousands of instructions a call.)
                guard let slash = file.path.utf8.lastIndex(of: UInt8(ascii: "/")) else { continue }
                let folder = String(file.path[..<slash])
                if folders.insert(folder).inserted, let failure = FileTree.makeFolders(staging, folder) {
                    throw DiagnosticsError([failure])
                }
            }
            let outcomes = ParallelMap.map(files, minimumBatch: 16) { file -> (bytes: Int, written: Bool, failure: Diagnostic?) in
                let bytes: [UInt8]
                do { bytes = try file.make() } catch let error as DiagnosticsError {
                    return (0, false, error.diagnostics.first)
                } catch {
                    return (0, false, .error(file: file.path, line: nil, "\(error)"))
                }
                let target = staging + "/" + file.path
                let current = path + "/" + file.path
                if old.contains(file.path), FileBytes.read(current) == bytes, link(current, target) == 0 {
                    return (bytes.count, false, nil)
                }
                // Named as the user knows it: site/papers/x.html, not the staging folder.
                return (bytes.count, true, FileBytes.write(target, bytes).map { .error(file: display + "/" + file.path, line: nil, $0.message) })
            }
            var failures: [Diagnostic] = []
            for outcome in outcomes { if let failure = outcome.failure, !failures.contains(failure) { failures.append(failure) } }
            if !failures.isEmpty { throw DiagnosticsError(failures) }
            try carry(foreign, from: path, to: staging)

            // The marker counts as one of the files.
            let writtenCount = outcomes.filter(\.written).count + (markerKept ? 0 : 1)
            let report = Report(files: files.count + 1, written: writtenCount,
                                bytes: outcomes.reduce(markerText.count) { $0 + $1.bytes }, kept: foreign)
            return Staged(path: staging, report: report, manifest: written, manifestID: manifestID, folder: self,
                          keepOld: writtenCount == 0 && old.count == files.count + 1)
        } catch {
            FileTree.remove(staging)
            throw error
        }
    }

    /// Hard-links the old site's foreign entries (files, links, empty
    /// folders) into the staging folder, so the swap keeps them.
    private func carry(_ entries: [String], from old: String, to staging: String) throws {
        for entry in entries {
            let isFolder = entry.hasSuffix("/")
            let relative = isFolder ? String(entry.dropLast()) : entry
            if let slash = relative.utf8.lastIndex(of: 0x2F), let failure = FileTree.makeFolders(staging, String(relative[..<slash])) {
                throw DiagnosticsError([failure])
            }
            if isFolder {
                if mkdir(staging + "/" + relative, 0o755) != 0, errno != EEXIST {
                    throw DiagnosticsError([FileTree.failure(staging + "/" + relative, doing: "make folder")])
                }
            } else if link(old + "/" + relative, staging + "/" + relative) != 0 {
                throw DiagnosticsError([FileTree.failure(old + "/" + relative, doing: "keep")])
            }
        }
    }

    /// Puts `staging` at `path` in one step and removes what was there.
    /// Linux's `renameat2(RENAME_EXCHANGE)` trades the two folders
    /// atomically; where the call is missing (an old kernel, a file system
    /// without it), two renames do it, with a moment in between.
    fileprivate func swap(_ staging: String, into path: String) throws {
        guard FileTree.kind(path) != .missing else {
            guard rename(staging, path) == 0 else { throw DiagnosticsError([FileTree.failure(path, doing: "put the new site in place")]) }
            return
        }
        // A site made before markers (known by its state file) gets one,
        // so a kill after the exchange leaves a folder the next build removes.
        if FileTree.kind(path + "/" + OutputTarget.marker) != .file, target.ownership() == .digest {
            _ = FileBytes.write(path + "/" + OutputTarget.marker, OutputTarget.markerText(manifestID: 0))
        }
        if Self.exchange(staging, path) == 0 {
            // The old site now sits in the staging folder's place.
            if let problem = FileTree.remove(staging) { throw DiagnosticsError([problem]) }
            return
        }
        guard errno == ENOSYS || errno == EINVAL || errno == ENOTSUP else {
            throw DiagnosticsError([FileTree.failure(path, doing: "swap in the new site")])
        }
        let retired = target.sibling(OutputTarget.stagingInfix + "old-\(getpid())")
        guard rename(path, retired) == 0 else { throw DiagnosticsError([FileTree.failure(path, doing: "move the old site aside")]) }
        guard rename(staging, path) == 0 else {
            let failure = FileTree.failure(path, doing: "put the new site in place")
            rename(retired, path)
            throw DiagnosticsError([failure])
        }
        FileTree.remove(retired)
    }

    /// `renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE)`; -1 with errno
    /// on failure. Swift's Glibc module does not declare `renameat2` (it
    /// needs _GNU_SOURCE), so it is looked up by name once; where glibc
    /// lacks it, errno is ENOSYS and the caller falls back.
    static func exchange(_ a: String, _ b: String) -> Int32 {
        guard let renameat2 = renameat2Function else { errno = ENOSYS; return -1 }
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange)
    }

    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameat2Function: Renameat2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }  // RTLD_DEFAULT
        return unsafeBitCast(symbol, to: Renameat2.self)
    }()
}
