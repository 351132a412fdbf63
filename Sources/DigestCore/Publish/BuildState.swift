import Foundation
import Glibc

/// What the last successful build saw and wrote, kept beside the output
/// (`.site.digest-state` for `site/`) so a rebuild with nothing changed can
/// stop after hashing its inputs. Up to date means: the same fingerprint of
/// every input byte and option, and every output file still has the size
/// and modification time the build left it with (nothing edited or removed,
/// nothing added).
///
/// It is also the output's manifest: the files Digest wrote ("file" lines)
/// apart from the files it found there and kept ("kept" lines), so the next
/// build knows which old files are its own to replace. It is saved before
/// the new site is swapped in, and holds the previous build's manifest too
/// ("was" lines): whichever site a kill leaves in place, the id in its
/// marker names a manifest here.
struct BuildState {
    var fingerprint: UInt64
    var warnings: [String]
    var files: [String: FileStamp]
    /// The files of `files` that Digest did not write, only kept.
    var kept: Set<String> = []
    /// The id of this build's manifest, and of the previous build's with
    /// its files (nil when the same as this one's).
    var manifestID: UInt64?
    var previousID: UInt64?
    var previous: [String]?

    struct FileStamp: Equatable {
        var size: Int
        var modified: Int64
    }

    /// Bump when the output for the same input changes between versions.
    static let formatVersion = "digest-1"

    /// A 64-bit hash of the options and every input file's path and bytes.
    /// Inputs may be files or folders; links are followed, so an edit
    /// behind a linked listing is seen.
    static func fingerprint(inputs: [String], options: [String]) -> UInt64 {
        var hasher = ContentHasher()
        for option in [formatVersion] + options { hasher.add(Array(option.utf8)) }
        for input in inputs {
            hasher.add(Array(input.utf8))
            switch FileTree.kind(input, followingLinks: true) {
            case .file:
                hasher.add(FileBytes.read(input) ?? [])
            case .folder:
                for file in FileTree.files(input, followingLinks: true).sorted() {
                    hasher.add(Array((input + "/" + file).utf8))
                    hasher.add(FileBytes.read(input + "/" + file) ?? [])
                }
            default:
                hasher.add([0])
            }
        }
        return hasher.value
    }

    /// The running program's size and modification time: a new build of
    /// Digest may render the same input differently.
    static func executableStamp() -> String {
        stamp("/proc/self/exe").map { "\($0.size)/\($0.modified)" } ?? "unknown"
    }

    static func stamp(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(size: Int(info.st_size), modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    /// True when `output` is exactly as this state left it.
    func matches(output: String) -> Bool {
        let present = FileTree.files(output)
        guard present.count == files.count else { return false }
        let unchanged = ParallelMap.map(Array(files), minimumBatch: 1024) { path, stamp in
            present.contains(path) && BuildState.stamp(output + "/" + path) == stamp
        }
        return !unchanged.contains(false)
    }

    /// The state the last build saved, when its fingerprint is
    /// `fingerprint` (otherwise the file list is not even read). Read as
    /// bytes: the list has a line per output file.
    static func load(_ path: String, fingerprint: UInt64) -> BuildState? {
        guard let bytes = FileBytes.read(path) else { return nil }
        let expected = Array("fingerprint \(String(fingerprint, radix: 16))\n".utf8)
        guard bytes.starts(with: expected) else { return nil }
        return parse(bytes, from: expected.count, fingerprint: fingerprint)
    }

    /// The files that the build whose manifest id is `id` wrote (the id in
    /// the site's marker), whatever the fingerprint; nil when no readable
    /// state file holds that manifest. A site and state from before
    /// manifest ids (no id on either side) use the state's files.
    static func manifest(_ path: String, id: UInt64?) -> Set<String>? {
        guard let state = read(path, requireEnd: id != nil) else { return nil }
        let current = Set(state.files.keys).subtracting(state.kept)
        switch id {
        case nil: return state.manifestID == nil ? current : nil
        case state.manifestID: return current
        case state.previousID: return state.previous.map(Set.init) ?? current
        default: return nil
        }
    }

    /// Whether `path` is a build state file Digest wrote.
    static func isState(_ path: String) -> Bool { read(path, requireEnd: false) != nil }

    /// The state file at `path`, whatever its fingerprint.
    private static func read(_ path: String, requireEnd: Bool) -> BuildState? {
        guard let bytes = FileBytes.read(path), bytes.starts(with: "fingerprint ".utf8),
              let newline = bytes.firstIndex(of: 0x0A) else { return nil }
        return parse(bytes, from: newline + 1, fingerprint: 0, requireEnd: requireEnd)
    }

    /// `requireEnd`: state files since manifest ids end with an "end" line,
    /// so one cut short is not trusted; those of earlier versions do not.
    private static func parse(_ bytes: [UInt8], from offset: Int, fingerprint: UInt64, requireEnd: Bool = true) -> BuildState? {
        var state = BuildState(fingerprint: fingerprint, warnings: [], files: [:])
        var was: [String] = []
        // A state file ends with "end": one cut short is not trusted.
        var ended = false
        var start = offset
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[start..<end]
            start = end + 1
            if line.starts(with: "warning ".utf8) {
                state.warnings.append(String(decoding: line.dropFirst(8), as: UTF8.self))
                continue
            }
            if line.starts(with: "was ".utf8) {
                was.append(String(decoding: line.dropFirst(4), as: UTF8.self))
                continue
            }
            if line.starts(with: "manifest ".utf8) {
                state.manifestID = UInt64(String(decoding: line.dropFirst(9), as: UTF8.self), radix: 16)
                continue
            }
            if line.elementsEqual("end".utf8) {
                ended = true
                continue
            }
            if line.starts(with: "previous ".utf8) {
                state.previousID = UInt64(String(decoding: line.dropFirst(9), as: UTF8.self), radix: 16)
                continue
            }
            // "file SIZE MODIFIED PATH", or "kept …" for a file Digest did not write
            let isKept = line.starts(with: "kept ".utf8)
            guard isKept || line.starts(with: "file ".utf8) else { return nil }
            var rest = line.dropFirst(5)
            guard let size = readNumber(&rest), let modified = readNumber(&rest), !rest.isEmpty else { return nil }
            let file = String(decoding: rest, as: UTF8.self)
            state.files[file] = FileStamp(size: Int(size), modified: modified)
            if isKept { state.kept.insert(file) }
        }
        guard ended || (!requireEnd && state.manifestID == nil) else { return nil }
        if !was.isEmpty { state.previous = was }
        return state
    }

    /// A decimal number and the space after it, taken off the front.
    private static func readNumber(_ text: inout ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        var digits = 0
        while let byte = text.first, byte >= 0x30, byte <= 0x39 {
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowAdding) = times10.addingReportingOverflow(Int64(byte - 0x30))
            guard !overflow, !overflowAdding else { return nil }
            value = next
            digits += 1
            text = text.dropFirst()
        }
        guard digits > 0, text.first == 0x20 else { return nil }
        text = text.dropFirst()
        return value
    }

    /// Writes the state: the fingerprint, the manifest ids, the warnings,
    /// then a line per output file with its size and modification time
    /// (read on every core, from `folder`: the staging folder, whose files
    /// keep their times when it is renamed into place); `kept` are the
    /// files found in the output and kept, not written; `previous` is the
    /// manifest the current site was made with.
    static func save(fingerprint: UInt64, warnings: [Diagnostic], folder: String, statePath: String,
                     manifest: [String], manifestID: UInt64, kept: Set<String>,
                     previous: (id: UInt64, files: Set<String>)?) throws {
        let sorted = (manifest + kept).sorted()
        let stamps = ParallelMap.map(sorted, minimumBatch: 1024) { stamp(folder + "/" + $0) }
        var out = Array("fingerprint \(String(fingerprint, radix: 16))\nmanifest \(String(manifestID, radix: 16))\n".utf8)
        if let previous {
            out += "previous \(String(previous.id, radix: 16))\n".utf8
            if previous.id != manifestID {
                for file in previous.files.sorted() { out += "was ".utf8; out += file.utf8; out.append(0x0A) }
            }
        }
        for warning in warnings {
            out += "warning ".utf8
            out += warning.description.utf8.map { $0 == 0x0A ? 0x20 : $0 }
            out.append(0x0A)
        }
        for (file, stamp) in zip(sorted, stamps) {
            guard let stamp else { throw DiagnosticsError([.error(file: folder + "/" + file, line: nil, "vanished while the site was being written")]) }
            out += (kept.contains(file) ? "kept " : "file ").utf8
            out += String(stamp.size).utf8
            out.append(0x20)
            out += String(stamp.modified).utf8
            out.append(0x20)
            out += file.utf8
            out.append(0x0A)
        }
        out += "end\n".utf8
        // Written aside, then renamed: a state file is whole or absent.
        let temporary = statePath + ".new-\(getpid())"
        if let failure = FileBytes.write(temporary, out) {
            unlink(temporary)
            throw DiagnosticsError([failure])
        }
        guard rename(temporary, statePath) == 0 else {
            let failure = FileTree.failure(statePath, doing: "save the build state")
            unlink(temporary)
            throw DiagnosticsError([failure])
        }
    }
}
