/// Values moved out of arrays that are about to be dropped, instead of
/// copied. Ingest gathers each file's (or each piece's) entries into one
/// array; copying a listing entry is a dozen retains, and dropping the
/// array it came from a dozen releases, which for 100,000 entries is tens
/// of milliseconds a gathering, all on one core. A move is a memory copy.
enum Moving {
    /// The parts' elements one after another. Each part is left holding
    /// `filler` in every place (it must be cheap to copy: empty strings and
    /// arrays), so it can be dropped as usual.
    static func joined<T>(_ parts: inout [[T]], filler: T) -> [T] {
        if parts.count == 1 { return parts.removeLast() }
        let total = parts.reduce(0) { $0 + $1.count }
        return [T](unsafeUninitializedCapacity: total) { buffer, initialized in
            for index in parts.indices {
                // Unique, so the buffer below is the part's own (not a copy).
                var part = parts[index]
                parts[index] = []
                part.withUnsafeMutableBufferPointer { source in
                    guard let from = source.baseAddress, !source.isEmpty else { return }
                    (buffer.baseAddress! + initialized).moveInitialize(from: from, count: source.count)
                    from.initialize(repeating: filler, count: source.count)
                    initialized += source.count
                }
            }
        }
    }

    /// The values that are not nil, in order; `items` is left all nil.
    static func compacted<T>(_ items: inout [T?]) -> [T] {
        let total = items.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
        return [T](unsafeUninitializedCapacity: total) { buffer, initialized in
            items.withUnsafeMutableBufferPointer { source in
                for index in source.indices {
                    let slot = source.baseAddress! + index
                    guard let value = slot.move() else { slot.initialize(to: nil); continue }
                    slot.initialize(to: nil)
                    (buffer.baseAddress! + initialized).initialize(to: value)
                    initialized += 1
                }
            }
        }
    }
}
