import Foundation

/// The build, in the order data flows: ingest → catalog → group → render →
/// publish. Each stage is timed; every problem is collected and reported
/// once, and the output is only replaced when the whole build succeeded.
/// Render lists every output file and makes the feed, sitemap and search
/// index; publish renders each page as it writes it, on every core, so
/// pages are never all held in memory.
public struct Pipeline: Sendable {
    public struct Options: Sendable {
        public var seeds = "seeds"
        public var content = "Content"
        public var templates = "Templates"
        public var output = "site"
        public var baseURL = "http://localhost:8000/"
        public var reference: ReferenceDate
        public init(reference: ReferenceDate) { self.reference = reference }
    }

    public struct Summary: Sendable {
        public var papers = 0, pages = 0, authors = 0, themes = 0, files = 0, written = 0, bytes = 0
        public var warnings: [Diagnostic] = []
        /// True when the inputs and the output were as the last build left
        /// them, so nothing was read past the fingerprint, nor written.
        public var upToDate = false
        /// The last build's warnings, when `upToDate`.
        public var replayedWarnings: [String] = []
        /// (stage, seconds), in order; together they cover the whole build.
        public var timings: [(String, Double)] = []
        /// Wall time of the whole build, from the first input read to the
        /// last byte written (a little more than the stages' sum).
        public var seconds: Double = 0
    }

    public var options: Options
    public init(options: Options) { self.options = options }

    /// Builds the site; throws `DiagnosticsError` with every error found.
    /// The output folder is checked before anything else (see
    /// `OutputTarget`), and locked for the whole build.
    public func build() throws -> Summary {
        let started = DispatchTime.now()
        let target = try OutputTarget.resolve(options.output, inputs: [options.seeds, options.content, options.templates])
        try target.checkOwnership()
        try target.makeParent()
        let lock = try target.lock()
        defer { lock.release() }
        var summary = try buildStages(target)
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return summary
    }

    private func buildStages(_ target: OutputTarget) throws -> Summary {
        var summary = Summary()
        func timed<T>(_ stage: String, _ work: () throws -> T) rethrows -> T {
            let start = DispatchTime.now()
            defer { summary.timings.append((stage, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)) }
            return try work()
        }
        // Up to date? Then hashing the inputs is all there is to do.
        let statePath = target.statePath
        summary.warnings += target.removeLeftovers().map { Diagnostic(file: $0.file, line: nil, "leftover of a killed build not removed: " + $0.message) }
        let (fingerprint, state) = timed("check") {
            let fingerprint = BuildState.fingerprint(inputs: [options.seeds, options.content, options.templates],
                                   options: [options.baseURL, options.reference.today.description, String(options.reference.isPinned),
                                             BuildState.executableStamp()])
            let state = BuildState.load(statePath, fingerprint: fingerprint).flatMap { $0.matches(output: target.path) ? $0 : nil }
            return (fingerprint, state)
        }
        if let state {
            summary.upToDate = true
            summary.replayedWarnings = state.warnings
            summary.files = state.files.count
            return summary
        }
        let context = ParseContext(reference: options.reference.today)
        let read = timed("ingest") { ListingReader(context: context).read(paths: [options.seeds]) }
        var errors = read.diagnostics.filter { $0.severity == .error }
        summary.warnings += read.diagnostics.filter { $0.severity == .warning }
        var content: SiteContent?
        var templates: TemplateSet?
        var statics = StaticFiles()
        timed("load") {
            do { content = try SiteContent.load(from: options.content, warnings: &summary.warnings) } catch let e as DiagnosticsError { errors += e.diagnostics } catch {}
            do { templates = try TemplateSet.load(from: options.templates) } catch let e as DiagnosticsError { errors += e.diagnostics } catch {}
            statics = StaticFiles.load(content: options.content)
        }
        errors += statics.diagnostics.filter { $0.severity == .error }
        summary.warnings += statics.diagnostics.filter { $0.severity == .warning }
        if read.entries.isEmpty, errors.isEmpty {
            errors.append(.error(file: options.seeds, line: nil, "no papers found; put listings in this folder"))
        }
        guard errors.isEmpty, let content, let templates else { throw DiagnosticsError(errors + summary.warnings) }

        let catalog = timed("catalog") { Catalog(entries: read.entries) }
        summary.warnings += catalog.diagnostics
        let grouping = timed("group") { Grouping(catalog: catalog, curated: content.curatedThemes) }
        let files = try timed("render") {
            let site = Site(catalog: catalog, grouping: grouping, content: content, baseURL: options.baseURL,
                            pinnedDate: options.reference.isPinned ? options.reference.today : nil)
            return try statics.merged(into: SiteRenderer(site: site, templates: templates).files())
        }
        var warnings = summary.warnings
        let report = try timed("publish") { () throws -> OutputFolder.Report in
            let previousID = target.markerManifestID()
            let previous = BuildState.manifest(statePath, id: previousID)
            let staged = try OutputFolder(target: target).stage(files, manifest: previous)
            let report = staged.report
            if !report.kept.isEmpty {
                let shown = report.kept.prefix(3).joined(separator: ", ") + (report.kept.count > 3 ? ", …" : "")
                warnings.append(Diagnostic(file: target.display, line: nil,
                    "kept \(report.kept.count) file\(report.kept.count == 1 ? "" : "s") that Digest did not write (\(shown)); "
                    + "to publish a file with the site, put it in Content/static/"))
            }
            do {
                // The state is saved before the swap, naming both sites'
                // files: whichever one a kill leaves in place is known.
                let keptFiles = report.kept.filter { FileTree.kind(staged.path + "/" + $0) == .file }
                try BuildState.save(fingerprint: fingerprint, warnings: warnings, folder: staged.path, statePath: statePath,
                                    manifest: staged.manifest, manifestID: staged.manifestID, kept: Set(keptFiles),
                                    previous: previous.map { (previousID ?? 0, $0) })
                try staged.commit()
            } catch {
                staged.discard()
                throw error
            }
            return report
        }
        summary.warnings = warnings
        summary.papers = catalog.papers.count
        summary.authors = catalog.authors.people.count
        summary.themes = grouping.themes.count
        summary.pages = files.filter { $0.path.hasSuffix(".html") }.count
        summary.files = report.files
        summary.written = report.written
        summary.bytes = report.bytes
        return summary
    }
}
