import Foundation

/// The build, in the order data flows: ingest → catalog → group → model →
/// render → publish. One entry point per command: `listings` (ingest and
/// catalog, for `digest parse`), `suggestThemes` (up to group, for `digest
/// themes --suggest`) and `build`; they share the stages, so each command
/// reports the same problems the same way. Every problem is collected and
/// reported once, and the output is only replaced when the whole build
/// succeeded.
public struct Pipeline: Sendable {
    public struct Options: Sendable {
        public var seeds = "seeds"
        public var content = "Content"
        public var templates = "Templates"
        public var output = "site"
        /// `--base-url`: overrides `base_url` in the configuration.
        public var baseURL: String?
        public var reference: ReferenceDate
        public init(reference: ReferenceDate) { self.reference = reference }
    }

    public struct Summary: Sendable {
        public var papers = 0, pages = 0, authors = 0, themes = 0, files = 0, written = 0, bytes = 0
        /// Papers that notes hide (`hide: true`), not counted in `papers`.
        public var hidden = 0
        /// Formulas in titles and abstracts set as MathML, and the TeX
        /// commands among them shown as their source (most frequent first).
        public var formulas = 0
        public var unknownTeX: [(command: String, count: Int)] = []
        public var warnings: [Diagnostic] = []
        /// Facts about the build worth a line that are not problems (no
        /// base URL: no feeds, no sitemap).
        public var notes: [String] = []
        /// True when the inputs and the output were as the last build left
        /// them, so nothing was read past the fingerprint, nor written.
        public var upToDate = false
        /// The last build's warnings, when `upToDate`.
        public var replayedWarnings: [String] = []
        /// The stages, in order; together they cover the whole build.
        public var timings = StageTimes()
        /// Wall time of the whole build, from the first input read to the
        /// last byte written (a little more than the stages' sum).
        public var seconds: Double = 0
    }

    public var options: Options
    public init(options: Options) { self.options = options }

    // MARK: Ingest and catalog (digest parse)

    /// What `digest parse` prints: the listings under `paths`, merged.
    public struct Listings: Sendable {
        public var catalog: Catalog
        public var files: Int
        public var diagnostics: [Diagnostic]
        /// Seconds of "ingest" and "catalog", for `--verbose`.
        public var timings = StageTimes()
        public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
    }

    /// Ingest and catalog. Never throws: problems are in `diagnostics`.
    public static func listings(paths: [String], reference: ReferenceDate) -> Listings {
        listings(paths: paths, reference: reference, people: PeopleRules())
    }

    static func listings(paths: [String], reference: ReferenceDate, people: PeopleRules) -> Listings {
        var timings = StageTimes()
        let read = timings.time("ingest") { ListingReader(context: ParseContext(reference: reference.today)).read(paths: paths) }
        let catalog = timings.time("catalog") { Catalog(entries: read.entries, people: people) }
        return Listings(catalog: catalog, files: read.listings.count, diagnostics: read.diagnostics + catalog.diagnostics, timings: timings)
    }

    // MARK: Inputs

    /// Everything read from the input folders, before the catalog.
    struct Inputs {
        var read: ListingReader.Result
        var content: SiteContent
        var config: SiteConfig
        var warnings: [Diagnostic]
    }

    /// Reads the listings, Content/ and its configuration; `extra` loads
    /// more (templates, static files) in the same pass, so one run reports
    /// every error. Throws every error found, with the warnings after them.
    func readInputs(_ extra: (inout [Diagnostic], inout [Diagnostic]) -> Void = { _, _ in }) throws -> Inputs {
        let read = ListingReader(context: ParseContext(reference: options.reference.today)).read(paths: [options.seeds])
        var errors = read.diagnostics.filter { $0.severity == .error }
        var warnings = read.diagnostics.filter { $0.severity == .warning }
        var content: SiteContent?
        var config: SiteConfig?
        do { content = try SiteContent.load(from: options.content, warnings: &warnings) } catch let e as DiagnosticsError { errors += e.diagnostics } catch {}
        do { config = try SiteConfig.load(from: options.content) } catch let e as DiagnosticsError { errors += e.diagnostics } catch {}
        extra(&errors, &warnings)
        if read.entries.isEmpty, errors.isEmpty {
            errors.append(.error(file: options.seeds, line: nil, "no papers found; put listings in this folder"))
        }
        guard errors.isEmpty, let content, var config else { throw DiagnosticsError(errors + warnings) }
        if let override = options.baseURL { config.baseURL = override }
        return Inputs(read: read, content: content, config: config, warnings: warnings)
    }

    /// Throws the errors among `diagnostics`, with every warning after
    /// them, so that one run reports all it found.
    static func stopOnErrors(_ diagnostics: [Diagnostic], warnings: [Diagnostic]) throws {
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw DiagnosticsError(errors + warnings + diagnostics.filter { $0.severity != .error }) }
    }

    // MARK: Themes (digest themes --suggest)

    /// The discovered themes as theme files to adopt, and the warnings met.
    public func suggestThemes() throws -> (text: String, warnings: [Diagnostic]) {
        let inputs = try readInputs()
        let catalog = Catalog(entries: inputs.read.entries, people: inputs.config.people, notes: inputs.content.notes)
        try Pipeline.stopOnErrors(catalog.diagnostics, warnings: inputs.warnings)
        let grouping = Grouping(catalog: catalog, curated: inputs.content.curatedThemes)
        return (ThemeSuggestions.render(grouping, catalog: catalog), inputs.warnings + catalog.diagnostics)
    }

    // MARK: Build

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
        summary.seconds = StageTimes.seconds(since: started)
        return summary
    }

    private func buildStages(_ target: OutputTarget) throws -> Summary {
        var summary = Summary()
        func timed<T>(_ stage: String, _ work: () throws -> T) rethrows -> T { try summary.timings.time(stage, work) }
        // Up to date? Then hashing the inputs is all there is to do.
        let statePath = target.statePath
        summary.warnings += target.removeLeftovers().map { Diagnostic(file: $0.file, line: nil, "leftover of a killed build not removed: " + $0.message) }
        let (fingerprint, state) = timed("check") {
            let fingerprint = BuildState.fingerprint(inputs: [options.seeds, options.content, options.templates],
                                   options: [options.baseURL ?? "", options.reference.today.description, String(options.reference.isPinned),
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
        var templates: TemplateSet?
        var statics = StaticFiles()
        let inputs = try timed("ingest") {
            try readInputs { errors, warnings in
                do { templates = try TemplateSet.load(from: options.templates, required: OutputPlan.templateNames) }
                catch let e as DiagnosticsError { errors += e.diagnostics } catch {}
                statics = StaticFiles.load(content: options.content)
                errors += statics.diagnostics.filter { $0.severity == .error }
                warnings += statics.diagnostics.filter { $0.severity == .warning }
            }
        }
        guard let templates else { throw DiagnosticsError(inputs.warnings) }
        summary.warnings += inputs.warnings

        let catalog = timed("catalog") {
            Catalog(entries: inputs.read.entries, people: inputs.config.people, notes: inputs.content.notes)
        }
        try Pipeline.stopOnErrors(catalog.diagnostics, warnings: summary.warnings)
        summary.warnings += catalog.diagnostics
        let grouping = timed("group") { Grouping(catalog: catalog, curated: inputs.content.curatedThemes) }
        let site = timed("model") {
            Site(catalog: catalog, grouping: grouping, content: inputs.content, config: inputs.config,
                 pinnedDate: options.reference.isPinned ? options.reference.today : nil)
        }
        summary.warnings += site.curated.diagnostics
        let (files, notes, tex) = try timed("render") { try OutputPlan(site: site, templates: templates, statics: statics).files() }
        summary.notes = notes.map(\.message)
        summary.formulas = tex.formulas
        summary.unknownTeX = tex.unknown.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
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
        summary.hidden = catalog.hidden
        summary.authors = catalog.authors.people.count
        summary.themes = grouping.themes.count
        summary.pages = files.filter { $0.path.hasSuffix(".html") }.count
        summary.files = report.files
        summary.written = report.written
        summary.bytes = report.bytes
        return summary
    }
}
