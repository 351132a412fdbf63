/// One file of the site: where it goes, and how its bytes are made. Pages
/// are made only when the output folder writes them, on whichever core is
/// free, so the whole site is never held in memory at once.
struct OutputFile: Sendable {
    let path: String
    /// Throws `DiagnosticsError` when a page cannot be made (a template
    /// that includes itself without end).
    let make: @Sendable () throws -> [UInt8]

    init(path: String, make: @escaping @Sendable () throws -> [UInt8]) {
        self.path = path
        self.make = make
    }

    /// A file whose bytes are already known.
    init(path: String, bytes: [UInt8]) {
        self.init(path: path, make: { bytes })
    }
}
