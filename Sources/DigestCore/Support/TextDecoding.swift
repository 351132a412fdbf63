import Glibc

/// Input text as the stages expect it: UTF-8 with "\n" line ends. Files
/// saved on Windows or old Macs ("\r\n", "\r"), with a UTF-8 byte-order
/// mark, or as UTF-16 with a byte-order mark read like any other.
enum TextDecoding {
    /// `bytes` as UTF-8 with LF line ends. Costs one `memchr` pass when
    /// the file is already so (the common case).
    static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            bytes = utf16(bytes, bigEndian: bytes[0] == 0xFE)
        } else if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
        }
        let hasCR = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { memchr($0, 0x0D, buffer.count) != nil } ?? false
        }
        guard hasCR else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                out.append(0x0A)
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    /// UTF-16 after its byte-order mark, as UTF-8 (unpaired surrogates
    /// become U+FFFD; an odd last byte is dropped).
    private static func utf16(_ bytes: [UInt8], bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            units.append(UInt16(high) << 8 | UInt16(low))
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// A whole Content or template file as text, or why it cannot be:
    /// missing, a folder, a FIFO, not UTF-8.
    static func readText(_ path: String) -> Result<String, Diagnostic> {
        switch FileBytes.load(path) {
        case .failure(let problem): return .failure(problem)
        case .success(let raw):
            let bytes = normalized(raw)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return .failure(.error(file: path, line: firstInvalidLine(bytes), "not UTF-8 text; save it as UTF-8"))
            }
            return .success(text)
        }
    }

    /// The line of the first byte that is not valid UTF-8.
    private static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
        var line = 1, start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}
