/// Writes JSON by hand into a byte buffer: keys in the order written (so
/// output is deterministic), and strings escaped so that the text can also
/// sit inside a `<script>` element: `<`, `>`, `&`, U+2028 and U+2029 become
/// `\u` escapes, so "</script>" can never close one.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// Writes `"name":`; the value written next belongs to it.
    mutating func key(_ name: String) {
        separate()
        JSONWriter.appendString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    mutating func string(_ value: String) { separate(); JSONWriter.appendString(value, to: &bytes) }
    mutating func int(_ value: Int) { separate(); bytes.append(contentsOf: String(value).utf8) }
    mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }
    mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    mutating func int(_ value: Int?) { if let value { int(value) } else { null() } }
    /// A number with at most 4 decimals, written the same on every machine.
    mutating func fixed(_ value: Double) {
        separate()
        let scaled = Int((value * 10_000).rounded())
        var text = String(abs(scaled) / 10_000)
        let fraction = abs(scaled) % 10_000
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 4 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        if scaled < 0 { text = "-" + text }
        bytes.append(contentsOf: text.utf8)
    }

    /// Ends a JSON Lines record: a newline, and the next value starts afresh.
    mutating func newline() { bytes.append(0x0A); needsComma = [false] }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Whether a byte needs a look when escaping: those escaped, and 0xE2
    /// (U+2028 and U+2029 start with it). One table load a byte keeps the
    /// scan over runs of plain text (most of an abstract) tight.
    private static let needsLook: [Bool] = {
        let marks: [UInt8] = Array("\"\\<>&".utf8) + [0x7F, 0xE2]
        return (0...255).map { (byte: Int) -> Bool in byte < 0x20 || marks.contains(UInt8(byte)) }
    }()

    static func appendString(_ value: String, to out: inout [UInt8]) {
        var value = value
        out.append(UInt8(ascii: "\""))
        value.withUTF8 { bytes in
            // Bytes that need no escape are copied in runs.
            var run = 0
            var i = 0
            func flush() { if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i])) } }
            needsLook.withUnsafeBufferPointer { needsLook in
                while i < bytes.count {
                    let byte = bytes[i]
                    if !needsLook[Int(byte)] { i += 1; continue }
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0..<0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x7F:
                        flush()
                        switch byte {
                        case UInt8(ascii: "\""): out.append(0x5C); out.append(0x22)
                        case UInt8(ascii: "\\"): out.append(0x5C); out.append(0x5C)
                        case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                        case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                        case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                        default: appendUnicodeEscape(UInt16(byte), to: &out)
                        }
                        i += 1
                        run = i
                    case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                        // U+2028 and U+2029 (E2 80 A8/A9) end lines in old JavaScript.
                        flush()
                        appendUnicodeEscape(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029, to: &out)
                        i += 3
                        run = i
                    default:
                        i += 1
                    }
                }
            }
            flush()
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendUnicodeEscape(_ code: UInt16, to out: inout [UInt8]) {
        out.append(contentsOf: [0x5C, UInt8(ascii: "u"),
                                hex[Int(code >> 12) & 0xF], hex[Int(code >> 8) & 0xF],
                                hex[Int(code >> 4) & 0xF], hex[Int(code) & 0xF]])
    }
}
