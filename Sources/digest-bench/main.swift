import DigestCore
import Foundation

/// digest-bench --papers N [--out DIR] [--runs R] [--notes N --editions M]
/// Generates N papers of listings in the four real formats (from the seed
/// vocabulary), builds the site from them R times, each into an empty
/// output folder (this machine's disk is noisy), then once more with
/// nothing changed, printing wall time per stage, peak memory, files
/// written and output size. scripts/bench runs it for 1k, 10k and 100k in
/// separate processes, from a release build.
var size = 1_000
var outRoot = "bench-out"
var runs = 1
var notes = 0
var editions = 0
var args = CommandLine.arguments.dropFirst().makeIterator()
while let arg = args.next() {
    switch arg {
    case "--papers": size = Int(args.next() ?? "") ?? size
    case "--out": outRoot = args.next() ?? outRoot
    case "--runs": runs = max(1, Int(args.next() ?? "") ?? runs)
    case "--notes": notes = max(0, Int(args.next() ?? "") ?? notes)
    case "--editions": editions = max(0, Int(args.next() ?? "") ?? editions)
    default: print("usage: digest-bench --papers N [--out DIR] [--runs R] [--notes N --editions M]"); exit(2)
    }
}

let reference = ReferenceDate(today: DayDate(year: 2026, month: 1, day: 1)!, isPinned: true)
let seedCatalog = Pipeline.listings(paths: ["seeds"], reference: reference).catalog

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

var generator = ListingGenerator(seedCatalog: seedCatalog)
let dir = "\(outRoot)/\(size)"
try? FileManager.default.removeItem(atPath: dir)
try FileManager.default.createDirectory(atPath: dir + "/seeds", withIntermediateDirectories: true)
var listingBytes = 0
let generated = generator.papers(size)
for listing in generator.listings(papers: generated) {
    listingBytes += listing.text.utf8.count
    try Data(listing.text.utf8).write(to: URL(fileURLWithPath: "\(dir)/seeds/\(listing.name)"))
}
// The machine-readable formats, apart from the build's listings.
try FileManager.default.createDirectory(atPath: dir + "/machine", withIntermediateDirectories: true)
for listing in generator.machineReadable(papers: generated) {
    try Data(listing.text.utf8).write(to: URL(fileURLWithPath: "\(dir)/machine/\(listing.name)"))
}

var options = Pipeline.Options(reference: reference)
options.seeds = dir + "/seeds"
options.output = dir + "/site"
// With a base URL, as a published site has: feeds and sitemaps are made.
options.baseURL = "https://lab.example.org/digest/"
func describe(_ label: String, _ s: Pipeline.Summary) -> String {
    let stages = s.timings.stages.map { String(format: "%@ %.2f", $0.stage as NSString, $0.seconds) }.joined(separator: ", ")
    if s.upToDate { return String(format: "%@: %.2f s (%@); up to date, nothing written", label as NSString, s.seconds, stages as NSString) }
    return String(format: "%@: %.2f s (%@); %d files, %d written, %.0f MB",
                  label as NSString, s.seconds, stages as NSString, s.files, s.written, Double(s.bytes) / 1e6)
}
/// Builds once, timed from the call to the return (memory freed included).
@MainActor func timedBuild() throws -> Pipeline.Summary {
    let start = DispatchTime.now()
    var summary = try Pipeline(options: options).build()
    summary.seconds = StageTimes.seconds(since: start)
    return summary
}
var fulls: [Pipeline.Summary] = []
for _ in 0..<runs {
    try? FileManager.default.removeItem(atPath: options.output)
    fulls.append(try timedBuild())
}
let noop = try timedBuild()
let full = fulls[0]
print(String(format: "%d papers (%.0f MB of listings; %d in catalog, %d authors, %d themes)",
             size, Double(listingBytes) / 1e6, full.papers, full.authors, full.themes))
for (run, summary) in fulls.enumerated() { print("  " + describe(runs > 1 ? "full build \(run + 1)" : "full build", summary)) }
print("  " + describe("no-op rebuild", noop))
// The largest page: long lists are paginated, so none should be large.
var largest = (size: 0, path: "")
if let walker = FileManager.default.enumerator(atPath: options.output) {
    while let path = walker.nextObject() as? String {
        guard path.hasSuffix(".html") else { continue }
        let bytes = (walker.fileAttributes?[.size] as? NSNumber)?.intValue ?? 0
        if bytes > largest.size || (bytes == largest.size && path < largest.path) { largest = (bytes, path) }
    }
}
print(String(format: "  largest page %.0f KB (%@)", Double(largest.size) / 1024, largest.path as NSString))
print(String(format: "  peak memory %.0f MB", peakMemoryMB()))

// The same papers with the curator's notes and editions, in a copy of
// Content/, built in turn with the plain builds so the machine's drift
// hits both alike.
if notes > 0 || editions > 0 {
    let curated = dir + "/Content"
    try? FileManager.default.removeItem(atPath: curated)
    try FileManager.default.copyItem(atPath: "Content", toPath: curated)
    for sub in ["notes", "editions"] {
        try? FileManager.default.removeItem(atPath: curated + "/" + sub)
        try FileManager.default.createDirectory(atPath: curated + "/" + sub, withIntermediateDirectories: true)
    }
    let themes = ((try? FileManager.default.contentsOfDirectory(atPath: "Content/themes")) ?? [])
        .filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
    for file in generator.curatorFiles(papers: generated, notes: notes, editions: editions, themes: themes) {
        try Data(file.text.utf8).write(to: URL(fileURLWithPath: curated + "/" + file.name))
    }
    var plain: [Double] = [], withCuration: [Double] = []
    var last = full
    for _ in 0..<runs {
        options.content = "Content"
        try? FileManager.default.removeItem(atPath: options.output)
        plain.append(try timedBuild().seconds)
        options.content = curated
        try? FileManager.default.removeItem(atPath: options.output)
        last = try timedBuild()
        withCuration.append(last.seconds)
    }
    print("  with \(notes) notes and \(editions) editions: " + describe("full build", last)
          + " (\(last.hidden) hidden, \(last.warnings.count) warnings)")
    let a = plain.sorted()[plain.count / 2], b = withCuration.sorted()[withCuration.count / 2]
    print(String(format: "  curation, median of %d alternating runs: %.2f s without, %.2f s with (%+.1f%%)",
                 runs, a, b, (b / a - 1) * 100))
}
