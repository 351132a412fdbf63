import Foundation
import Glibc

/// Input text as the stages expect it: UTF-8 with "\n" line ends, and no
/// character that a page may not hold. Files saved on Windows or old Macs
/// ("\r\n", "\r"), with a UTF-8 byte-order mark, or as UTF-16 with a
/// byte-order mark read like any other; control characters (an escape
/// sequence pasted from a terminal) and noncharacters (U+FFFE) are dropped.
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
        guard needsCleaning(bytes) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                out.append(0x0A)
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            } else if let length = forbiddenLength(bytes, at: index) {
                index += length - 1
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    /// Whether any byte is a return, or may start a character no page may
    /// hold. Clean text (nearly all of it) is passed over eight bytes a
    /// step: a word none of whose bytes is below 0x20 or 0x7F and above.
    /// A large file is looked at in one stretch per core (a byte's test
    /// reads only the bytes after it, so stretches cut anywhere agree
    /// with one pass).
    static func needsCleaning(_ bytes: [UInt8], stretches: Int? = nil) -> Bool {
        let stretches = stretches ?? (bytes.count < FileBytes.parallelReadSize ? 1 : ProcessInfo.processInfo.activeProcessorCount * 4)
        let size = max(8, ((bytes.count + stretches - 1) / stretches + 7) & ~7)
        return ParallelMap.map(Array(0..<stretches)) { k in
            needsCleaning(bytes, min(bytes.count, k * size)..<min(bytes.count, (k + 1) * size))
        }.contains(true)
    }

    static func needsCleaning(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        bytes.withUnsafeBytes { raw in
            var i = range.lowerBound
            let count = range.upperBound
            while i + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // A byte ≥ 0x7F sets its top bit after adding 1; one < 0x20
                // clears bits 5 and 6: test both kinds exactly, per byte.
                let high = (word | ((word &+ 0x0101_0101_0101_0101) & ~word)) & 0x8080_8080_8080_8080
                let low = ~(word | (word << 1) | (word << 2)) & 0x8080_8080_8080_8080  // bits 5, 6 and 7 all clear
                if high | low != 0 {
                    for k in i..<i + 8 where byteNeedsLook(raw[k]) { if forbiddenLength(raw, at: k) != nil || raw[k] == 0x0D { return true } }
                }
                i += 8
            }
            while i < count {
                if byteNeedsLook(raw[i]), forbiddenLength(raw, at: i) != nil || raw[i] == 0x0D { return true }
                i += 1
            }
            return false
        }
    }

    private static func byteNeedsLook(_ byte: UInt8) -> Bool { byte < 0x20 || byte >= 0x7F }

    /// The length of the character at `i` when no page may hold it, else
    /// nil: C0 controls but NUL (the line reader reports those), tab and
    /// line ends; DEL and the C1 controls; the Unicode noncharacters
    /// (U+FDD0–U+FDEF, and U+FFFE and U+FFFF in every plane).
    static func forbiddenLength<C: RandomAccessCollection>(_ bytes: C, at i: C.Index) -> Int? where C.Element == UInt8, C.Index == Int {
        let byte = bytes[i]
        func at(_ k: Int) -> UInt8 { i + k < bytes.endIndex ? bytes[i + k] : 0 }
        switch byte {
        case 0x00, 0x09, 0x0A, 0x0D: return nil
        case ..<0x20, 0x7F: return 1
        case 0xC2: return at(1) >= 0x80 && at(1) <= 0x9F ? 2 : nil
        case 0xEF:
            if at(1) == 0xB7, at(2) >= 0x90, at(2) <= 0xAF { return 3 }
            if at(1) == 0xBF, at(2) == 0xBE || at(2) == 0xBF { return 3 }
            return nil
        case 0xF0...0xF4:
            // U+nFFFE / U+nFFFF: F? ?F BF BE|BF, with the plane's low nibble all ones.
            return at(1) & 0x0F == 0x0F && at(2) == 0xBF && (at(3) == 0xBE || at(3) == 0xBF) ? 4 : nil
        default: return nil
        }
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
