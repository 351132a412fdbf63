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

    /// `files` maps paths inside the site to their bytes.
    public func write(_ files: [(path: String, bytes: [UInt8])]) throws -> Report {
        let fm = FileManager.default
        let total = files.reduce(0) { $0 + $1.bytes.count }
        let old = OutputFolder.existingFiles(path)
        let same = ParallelMap.map(files, minimumBatch: 64) { file -> Bool in
            old.contains(file.path) && OutputFolder.readFile(path + "/" + file.path) == file.bytes
        }
        let changed = same.filter { !$0 }.count
        if changed == 0, old.count == files.count { return Report(files: files.count, written: 0, bytes: total) }

        let parent = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let staging = (parent.isEmpty ? "." : parent) + "/.\(name).building-\(getpid())"
        try? fm.removeItem(atPath: staging)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        do {
            var folders = Set<String>()
            for file in files {
                let folder = (file.path as NSString).deletingLastPathComponent
                if !folder.isEmpty, folders.insert(folder).inserted {
                    try fm.createDirectory(atPath: staging + "/" + folder, withIntermediateDirectories: true)
                }
            }
            let failures = ParallelMap.map(Array(files.indices), minimumBatch: 64) { i -> String? in
                let target = staging + "/" + files[i].path
                if same[i], link(path + "/" + files[i].path, target) == 0 { return nil }
                return OutputFolder.writeFile(target, files[i].bytes) ? nil : files[i].path
            }
            if let failed = failures.compactMap({ $0 }).first {
                throw DiagnosticsError([.error(file: staging + "/" + failed, line: nil, "cannot write file")])
            }
            // Swap: the old site moves aside, the new one takes its name.
            let retired = (parent.isEmpty ? "." : parent) + "/.\(name).old-\(getpid())"
            var hadOld = false
            if fm.fileExists(atPath: path) { try fm.moveItem(atPath: path, toPath: retired); hadOld = true }
            try fm.moveItem(atPath: staging, toPath: path)
            if hadOld { try? fm.removeItem(atPath: retired) }
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        return Report(files: files.count, written: changed, bytes: total)
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            offset += count
        }
        return bytes
    }

    /// Relative paths of the regular files under `root`.
    static func existingFiles(_ root: String) -> Set<String> {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var files = Set<String>()
        while let next = walker.nextObject() as? String {
            if walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular { files.insert(next) }
        }
        return files
    }
}
