import Dispatch
import Foundation

/// Maps over a collection on every core, keeping the input order, so the
/// result is the same as a one-thread map. `transform` runs on several
/// threads at once, so it must only read shared state.
public enum ParallelMap {
    public static func map<T, R>(_ items: [T], minimumBatch: Int = 1, _ transform: (T) -> R) -> [R] {
        let count = items.count
        guard count > 1 else { return items.map(transform) }
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, count / max(1, minimumBatch)))
        guard workers > 1 else { return items.map(transform) }
        var results = [R?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            nonisolated(unsafe) let items = items
            nonisolated(unsafe) let transform = transform
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var index = worker
                while index < count {
                    output[index] = transform(items[index])
                    index += workers
                }
            }
        }
        return results.map { $0! }
    }
}
