import Dispatch
import Foundation

/// Maps over a collection on every core, keeping the input order, so the
/// result is the same as a one-thread map. `transform` runs on several
/// threads at once, so it must only read shared state.
enum ParallelMap {
    static func map<T, R>(_ items: [T], minimumBatch: Int = 1, _ transform: (T) -> R) -> [R] {
        let count = items.count
        guard count > 1 else { return items.map(transform) }
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, count / max(1, minimumBatch)))
        guard workers > 1 else { return items.map(transform) }
        // Workers take the next chunk of items as they finish one, so a few
        // slow items (a big index page) do not hold up a whole share.
        let chunk = max(1, min(64, count / (workers * 32)))
        let next = NSLock()
        // Each result is built in its place in the array, so no result is
        // copied afterwards (a listing entry copied is a dozen retains).
        return [R](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let output = buffer
            nonisolated(unsafe) let items = items
            nonisolated(unsafe) let transform = transform
            nonisolated(unsafe) var taken = 0
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    next.lock()
                    let start = taken
                    taken += chunk
                    next.unlock()
                    guard start < count else { return }
                    for index in start..<min(count, start + chunk) {
                        (output.baseAddress! + index).initialize(to: transform(items[index]))
                    }
                }
            }
            initialized = count
        }
    }

    /// Output made in stretches of `count` items on every core, in order:
    /// `render` makes the bytes of the items in a range. The parts are
    /// written one after another (joining them would copy it all).
    static func byteParts(count: Int, stretch: Int = 4096, _ render: (Range<Int>) -> [UInt8]) -> [[UInt8]] {
        map(stride(from: 0, to: count, by: stretch).map { $0..<min(count, $0 + stretch) }, render)
    }
}
