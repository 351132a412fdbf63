@preconcurrency import Glibc

/// Standard output and error, written as bytes.
enum Output {
    static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in _ = fwrite(buffer.baseAddress, 1, buffer.count, stdout) }
    }

    static func print(_ text: String) { write(Array((text + "\n").utf8)) }

    static func error(_ text: String) {
        fputs(text + "\n", stderr)
    }
}
