import Foundation

/// How long each stage took, for `--verbose` and the benchmark: shown to
/// the user, never written into the site (whose bytes depend on its
/// inputs alone).
public struct StageTimes: Sendable {
    /// (stage, seconds), in order.
    public private(set) var stages: [(stage: String, seconds: Double)] = []

    public init() {}

    /// Runs `work`, noting its seconds under `stage`.
    mutating func time<T>(_ stage: String, _ work: () throws -> T) rethrows -> T {
        let start = DispatchTime.now()
        defer { note(stage, since: start) }
        return try work()
    }

    public mutating func note(_ stage: String, since start: DispatchTime) {
        stages.append((stage, StageTimes.seconds(since: start)))
    }

    public static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// One line a stage: "  ingest    1.234 s".
    public var lines: [String] {
        stages.map { "  " + $0.stage.padding(toLength: 8, withPad: " ", startingAt: 0) + String(format: "%7.3f s", $0.seconds) }
    }
}
