import Glibc

/// Scans of a whole file's bytes, with memchr: the big listings are read
/// in pieces on every core, and finding where to cut them and how many
/// lines come before each piece must cost far less than reading them.
enum ByteScan {
    /// Line breaks in `range`.
    static func newlines(in bytes: [UInt8], _ range: Range<Int>) -> Int {
        bytes.withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            var count = 0, at = range.lowerBound
            while at < range.upperBound, let found = memchr(base + at, 0x0A, range.upperBound - at) {
                count += 1
                at = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return count
        }
    }

    /// The first place at or after `start` where `needle` occurs.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            var at = start
            while at + needle.count <= buffer.count, let found = memchr(base + at, Int32(first), buffer.count - at) {
                let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                guard position + needle.count <= buffer.count else { return nil }
                if UnsafeBufferPointer(rebasing: buffer[position..<position + needle.count]).elementsEqual(needle) { return position }
                at = position + 1
            }
            return nil
        }
    }

    /// The offset of the first line after `start` (exclusive) whose first
    /// byte is `byte`.
    static func lineStarting(with byte: UInt8, in bytes: [UInt8], after start: Int) -> Int? {
        find([0x0A, byte], in: bytes, from: start).map { $0 + 1 }
    }

    /// The line counts of consecutive pieces (cut at `cuts`) turned into
    /// the number of the line each piece starts on, counted on every core.
    static func firstLines(of bytes: [UInt8], cuts: [Int]) -> [Int] {
        let counts = ParallelMap.map(Array(cuts.indices.dropLast())) { newlines(in: bytes, cuts[$0]..<cuts[$0 + 1]) }
        var lines: [Int] = [1]
        for count in counts.dropLast() { lines.append(lines[lines.count - 1] + count) }
        return lines
    }

    /// Whether `text` holds any of `signs`, or "--": one memchr pass for
    /// each (most text holds none, and Foundation's substring search costs
    /// far more). The test for TeX in titles and abstracts.
    static func containsAny(of signs: [UInt8], orDoubleDash: Bool, in text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes -> Bool in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            for sign in signs where memchr(base, Int32(sign), bytes.count) != nil { return true }
            guard orDoubleDash else { return false }
            var from = 0
            while from < bytes.count, let dash = memchr(base + from, 0x2D, bytes.count - from) {
                let at = base.distance(to: dash.assumingMemoryBound(to: UInt8.self))
                if at + 1 < bytes.count, bytes[at + 1] == 0x2D { return true }
                from = at + 1
            }
            return false
        }
    }
}
