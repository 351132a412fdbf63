import DigestCore
import Foundation

/// digest-bench [--papers 1000,10000,100000] [--out DIR]
/// Generates listings of each size in the real formats, then times the
/// pipeline on them stage by stage. Run it from a release build:
///   swift run -c release digest-bench
var sizes = [1_000, 10_000, 100_000]
var outRoot = "bench-out"
var args = CommandLine.arguments.dropFirst().makeIterator()
while let arg = args.next() {
    switch arg {
    case "--papers": sizes = (args.next() ?? "").split(separator: ",").compactMap { Int($0) }
    case "--out": outRoot = args.next() ?? outRoot
    default: print("usage: digest-bench [--papers 1000,10000,100000] [--out DIR]"); exit(2)
    }
}

let context = ParseContext(reference: DayDate(year: 2026, month: 1, day: 1)!)
let seeds = Catalog(entries: ListingReader(context: context).read(paths: ["seeds"]).entries)

func seconds(_ start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

for size in sizes {
    var generator = ListingGenerator(seedCatalog: seeds)
    let dir = "\(outRoot)/\(size)/seeds"
    try? FileManager.default.removeItem(atPath: dir)
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var bytes = 0
    for listing in generator.listings(papers: generator.papers(size)) {
        bytes += listing.text.utf8.count
        try Data(listing.text.utf8).write(to: URL(fileURLWithPath: "\(dir)/\(listing.name)"))
    }
    var start = DispatchTime.now()
    let read = ListingReader(context: context).read(paths: [dir])
    let ingest = seconds(start)
    start = DispatchTime.now()
    let catalog = Catalog(entries: read.entries)
    let cataloging = seconds(start)
    print(String(format: "%7d papers (%.1f MB of listings): ingest %.3f s, catalog %.3f s; %d papers, %d authors, %d warnings; peak memory %.0f MB",
                 size, Double(bytes) / 1e6, ingest, cataloging, catalog.papers.count, catalog.authors.people.count,
                 read.diagnostics.count, peakMemoryMB()))
}
