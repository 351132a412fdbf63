import Foundation
import Glibc

/// Writes the site atomically: everything goes into a fresh folder beside
/// the output, which then replaces the old one in two renames. A build that
/// fails before the swap leaves the previous site untouched.
///
/// Files whose bytes are unchanged are hard-linked from the previous site
/// instead of written, so their modification times stay as they were; a
/// build that changes nothing touches nothing.
public struct OutputFolder {
    public var path: String

    public init(path: String) {
        self.path = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
    }

    public struct Report: Sendable {
        public var files: Int
        public var written: Int
        public var bytes: Int
        public var unchanged: Bool { written == 0 }
    }

    /// Makes and writes every file, on every core, into a staging folder,
    /// then swaps it in. A file whose bytes equal the old site's copy is
    /// hard-linked from it instead. When nothing changed and no file was
    /// added or removed, the staging folder is dropped and the old site,
    /// untouched, stays.
    public func write(_ files: [OutputFile]) throws -> Report {
        let fm = FileManager.default
        let old = OutputFolder.existingFiles(path)
        let parent = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let staging = (parent.isEmpty ? "." : parent) + "/.\(name).building-\(getpid())"
        try? fm.removeItem(atPath: staging)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        do {
            var folders = Set<String>()
            for file in files {
                // Output paths are relative and clean ("papers/some-title.html"),
                // so the folder is everything before the last "/". (NSString's
                // path methods cost tens of thousands of instructions a call.)
                guard let slash = file.path.utf8.lastIndex(of: UInt8(ascii: "/")) else { continue }
                let folder = String(file.path[..<slash])
                if folders.insert(folder).inserted {
                    try fm.createDirectory(atPath: staging + "/" + folder, withIntermediateDirectories: true)
                }
            }
            let outcomes = ParallelMap.map(files, minimumBatch: 16) { file -> (bytes: Int, written: Bool, failed: Bool) in
                let bytes = file.make()
                let target = staging + "/" + file.path
                let current = path + "/" + file.path
                if old.contains(file.path), FileBytes.read(current) == bytes, link(current, target) == 0 {
                    return (bytes.count, false, false)
                }
                return (bytes.count, true, !FileBytes.write(target, bytes))
            }
            if let failed = zip(files, outcomes).first(where: { $0.1.failed }) {
                throw DiagnosticsError([.error(file: staging + "/" + failed.0.path, line: nil, "cannot write file")])
            }
            let written = outcomes.filter(\.written).count
            let report = Report(files: files.count, written: written, bytes: outcomes.reduce(0) { $0 + $1.bytes })
            if written == 0, old.count == files.count {
                try? fm.removeItem(atPath: staging)
                return report
            }
            // Swap: the old site moves aside, the new one takes its name.
            let retired = (parent.isEmpty ? "." : parent) + "/.\(name).old-\(getpid())"
            var hadOld = false
            if fm.fileExists(atPath: path) { try fm.moveItem(atPath: path, toPath: retired); hadOld = true }
            try fm.moveItem(atPath: staging, toPath: path)
            if hadOld { try? fm.removeItem(atPath: retired) }
            return report
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
    }

    /// Relative paths of the regular files under `root` (hidden ones too;
    /// symbolic links are neither listed nor followed).
    static func existingFiles(_ root: String) -> Set<String> {
        var files = Set<String>()
        func walk(_ folder: String, _ prefix: String) {
            guard let handle = opendir(folder) else { return }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                var nameField = entry.pointee.d_name
                let capacity = MemoryLayout.size(ofValue: nameField)
                let name = withUnsafePointer(to: &nameField) {
                    $0.withMemoryRebound(to: CChar.self, capacity: capacity) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                var type = Int(entry.pointee.d_type)
                if type == Int(DT_UNKNOWN) {
                    var info = stat()
                    guard lstat(folder + "/" + name, &info) == 0 else { continue }
                    let format = info.st_mode & S_IFMT
                    type = format == S_IFDIR ? Int(DT_DIR) : format == S_IFREG ? Int(DT_REG) : Int(DT_UNKNOWN)
                }
                if type == Int(DT_DIR) { walk(folder + "/" + name, prefix + name + "/") }
                else if type == Int(DT_REG) { files.insert(prefix + name) }
            }
        }
        walk(root, "")
        return files
    }
}
