import Foundation
import Glibc

/// Whole files as bytes, through read(2) and write(2): no Foundation `Data`
/// in between, so a 50 MB listing is read once, into the array it is
/// parsed from.
enum FileBytes {
    /// Writes `bytes` to `path`; on failure, the system's reason
    /// (`site/x.html: error: cannot write: No space left on device`).
    static func write(_ path: String, _ bytes: [UInt8]) -> Diagnostic? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return FileTree.failure(path, doing: "write") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                let failure = FileTree.failure(path, written == 0 ? ENOSPC : errno, doing: "write")
                close(fd)
                return failure
            }
            offset += written
        }
        // A full disk may only show when the data is flushed at close.
        guard close(fd) == 0 else { return FileTree.failure(path, doing: "write") }
        return nil
    }

    /// The bytes of a regular file, or nil (missing, unreadable, or not a
    /// regular file: a FIFO is never opened for a blocking read).
    static func read(_ path: String) -> [UInt8]? {
        if case .success(let bytes) = load(path) { return bytes }
        return nil
    }

    /// The bytes of a regular file, or why there are none, as a message
    /// that names the file: missing, a folder, a FIFO or device, the
    /// system's reason.
    static func load(_ path: String) -> Result<[UInt8], Diagnostic> {
        // Non-blocking, so opening a FIFO with no writer returns at once;
        // fstat then says what it is.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            return .failure(errno == ENOENT ? .error(file: path, line: nil, "no such file") : FileTree.failure(path, doing: "read"))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(FileTree.failure(path, doing: "read")) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(.error(file: path, line: nil, "is a folder, not a file"))
        default: return .failure(.error(file: path, line: nil, "is not a regular file (a FIFO, socket or device)"))
        }
        // Filled by pread(2) as it comes, not zeroed first: a listing can be
        // hundreds of megabytes. A large file is read in one stretch per
        // core, so that copying it into fresh memory (a page fault every
        // 4 KB) is shared out.
        let size = Int(info.st_size)
        var failure: Int32?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, filled in
            let base = buffer.baseAddress
            let stretches = size < parallelReadSize ? 1 : ProcessInfo.processInfo.activeProcessorCount
            let bounds = (0...stretches).map { size / stretches * $0 + ($0 == stretches ? size % stretches : 0) }
            let read = ParallelMap.map(Array(0..<stretches)) { k in FileBytes.read(fd, into: base, bounds[k]..<bounds[k + 1]) }
            // Each stretch counts only if those before it are whole (a file
            // that shrank while read ends at the first short stretch).
            for (k, result) in read.enumerated() {
                guard case .success(let count) = result else {
                    if case .failure(let error) = result { failure = error.code }
                    return
                }
                filled += count
                if count < bounds[k + 1] - bounds[k] { return }
            }
        }
        if let failure { return .failure(FileTree.failure(path, failure, doing: "read")) }
        return .success(bytes)
    }

    /// Files from this size on are read on every core.
    static let parallelReadSize = 16 << 20

    /// Reads `range` of the file into the same range of `base`: the bytes
    /// read from its start (fewer at the end of the file), or the error
    /// number (taken on the thread that met it).
    private static func read(_ fd: Int32, into base: UnsafeMutablePointer<UInt8>?, _ range: Range<Int>) -> Result<Int, Errno> {
        guard let base else { return .success(0) }
        var done = 0
        while done < range.count {
            let count = pread(fd, base + range.lowerBound + done, range.count - done, off_t(range.lowerBound + done))
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return .failure(Errno(code: errno)) }
            if count == 0 { break }
            done += count
        }
        return .success(done)
    }

    struct Errno: Error { var code: Int32 }
}
