/// What identifies a paper beyond its title: its arXiv id, its DOI, and
/// arXiv's category codes.
enum ArxivID {
    /// The id without its version in `text` that is exactly one id, with
    /// an optional "arXiv:" prefix or an abs/pdf URL around it:
    /// "2201.02177v2" → "2201.02177", "math/0211159" → "math/0211159".
    static func parse(_ text: String) -> String? {
        // On the bytes: every entry of a feed has its id parsed.
        var rest = Array(text.trimmingSpaces().utf8)[...]
        for prefix in prefixes where rest.starts(with: prefix) {
            rest = rest.dropFirst(prefix.count)
            break
        }
        if rest.count > 4, rest.suffix(4).elementsEqual(".pdf".utf8) { rest = rest.dropLast(4) }
        guard let (id, end) = scan(rest, from: rest.startIndex), end == rest.endIndex else { return nil }
        return id
    }

    private static let prefixes: [[UInt8]] = [
        "https://arxiv.org/abs/", "http://arxiv.org/abs/", "https://arxiv.org/pdf/", "http://arxiv.org/pdf/",
        "arxiv.org/abs/", "arXiv:", "arxiv:", "ARXIV:",
    ].map { Array($0.utf8) }

    /// Every id written as "arXiv:ID" or as an arxiv.org/abs/ URL in
    /// `text` (a pasted abstract or comment), in order, without versions.
    static func find(in text: String) -> [String] {
        let bytes = Array(text.utf8)[...]
        var found: [String] = []
        var i = bytes.startIndex
        while i < bytes.endIndex {
            var start: Int?
            if matches(bytes, i, "arXiv:") || matches(bytes, i, "arxiv:") { start = i + 6 }
            else if matches(bytes, i, "arxiv.org/abs/") { start = i + 14 }
            if let start, let (id, end) = scan(bytes, from: start) {
                found.append(id)
                i = end
            } else {
                i += 1
            }
        }
        return found
    }

    private static let trailingMarkers: [[UInt8]] = ["arXiv:", "arxiv:", "arxiv.org/abs/"].map { Array($0.utf8) }

    /// An id that ends `text` ("… [arXiv:2201.02177]", "… arxiv.org/abs/
    /// 2201.02177v2."), and the text before it. An id in the middle of an
    /// abstract is not the paper's: it cites another one.
    static func trailing(in text: String) -> (id: String, rest: String)? {
        // Only the last bytes can hold it: every abstract is asked, and
        // copying whole abstracts would cost more than the rest of this.
        let utf8 = text.utf8
        let skipped = max(0, utf8.count - 64)
        let bytes = Array(utf8.dropFirst(skipped))[...]
        var end = bytes.endIndex
        while end > bytes.startIndex, [0x20, 0x29, 0x5D, 0x2E, 0x3E].contains(bytes[end - 1]) { end -= 1 }  // space ) ] . >
        for needle in trailingMarkers {
            let isURL = needle.count > 6
            guard end - needle.count - 9 >= bytes.startIndex else { continue }
            // The marker is at most "archive.XX/YYMMNNNvN" (25 bytes) before the end.
            for start in stride(from: end - needle.count - 9, through: max(bytes.startIndex, end - needle.count - 30), by: -1)
            where bytes[start..<start + needle.count].elementsEqual(needle) {
                guard let (id, idEnd) = scan(bytes, from: start + needle.count), idEnd == end else { continue }
                var before = start
                if isURL {
                    for scheme in ["https://", "http://"] where before >= scheme.utf8.count
                        && bytes[before - scheme.utf8.count..<before].elementsEqual(scheme.utf8) { before -= scheme.utf8.count }
                }
                while before > bytes.startIndex, [0x20, 0x28, 0x5B, 0x3C].contains(bytes[before - 1]) { before -= 1 }  // space ( [ <
                return (id, String(decoding: utf8.prefix(skipped + before), as: UTF8.self))
            }
        }
        return nil
    }

    private static func matches(_ bytes: ArraySlice<UInt8>, _ at: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard at + count <= bytes.endIndex else { return false }
        for k in 0..<count where bytes[at + k] != word.utf8Start[k] { return false }
        return true
    }

    /// An id starting at `start`: "YYMM.NNNN(N)" or "archive(.XX)/YYMMNNN",
    /// then an optional "vN". Returns it without the version, and where it ends.
    static func scan(_ bytes: ArraySlice<UInt8>, from start: Int) -> (String, Int)? {
        func isDigit(_ i: Int) -> Bool { i < bytes.endIndex && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        func isLower(_ i: Int) -> Bool { i < bytes.endIndex && ((bytes[i] >= 0x61 && bytes[i] <= 0x7A) || bytes[i] == 0x2D) }
        var i = start
        var end: Int
        if (0..<4).allSatisfy({ isDigit(start + $0) }), start + 4 < bytes.endIndex, bytes[start + 4] == 0x2E {
            i = start + 5
            var digits = 0
            while isDigit(i) { i += 1; digits += 1 }
            guard digits == 4 || digits == 5 else { return nil }
            end = i
        } else {
            while isLower(i) { i += 1 }
            guard i > start else { return nil }
            if i + 2 < bytes.endIndex, bytes[i] == 0x2E, (0x41...0x5A).contains(bytes[i + 1]), (0x41...0x5A).contains(bytes[i + 2]) { i += 3 }
            guard i < bytes.endIndex, bytes[i] == 0x2F else { return nil }
            i += 1
            let digitsStart = i
            while isDigit(i) { i += 1 }
            guard i - digitsStart == 7 else { return nil }
            end = i
        }
        let id = String(decoding: bytes[start..<end], as: UTF8.self)
        if i < bytes.endIndex, bytes[i] == 0x76, isDigit(i + 1) {
            i += 1
            while isDigit(i) { i += 1 }
        }
        // Not the middle of a longer token ("2201.021777").
        if isDigit(i) { return nil }
        return (id, i)
    }
}

enum DOI {
    /// "10.1234/abc" from a DOI, a doi: prefix or a doi.org URL.
    static func parse(_ text: String) -> String? {
        var rest = Substring(text.trimmingSpaces())
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "DOI:"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            break
        }
        guard rest.hasPrefix("10."), rest.contains("/"), !rest.contains(where: { $0.isWhitespace }) else { return nil }
        return String(rest)
    }

    /// The arXiv id behind an arXiv DOI ("10.48550/arXiv.2201.02177").
    static func arxivID(_ doi: String) -> String? {
        let lower = doi.lowercased()
        guard lower.hasPrefix("10.48550/arxiv.") else { return nil }
        return ArxivID.parse(String(doi.dropFirst("10.48550/arXiv.".count)))
    }
}

/// arXiv's category codes and names, and the short forms the pasted
/// formats use ("LG" in an author feed is cs.LG).
enum ArxivCategories {
    static let names: [String: String] = [
        "cs.AI": "Artificial Intelligence", "cs.CC": "Computational Complexity", "cs.CL": "Computation and Language",
        "cs.CR": "Cryptography and Security", "cs.CV": "Computer Vision and Pattern Recognition", "cs.CY": "Computers and Society",
        "cs.DC": "Distributed, Parallel, and Cluster Computing", "cs.DM": "Discrete Mathematics", "cs.DS": "Data Structures and Algorithms",
        "cs.GT": "Computer Science and Game Theory", "cs.HC": "Human-Computer Interaction", "cs.IR": "Information Retrieval",
        "cs.IT": "Information Theory", "cs.LG": "Machine Learning", "cs.LO": "Logic in Computer Science", "cs.MA": "Multiagent Systems",
        "cs.NE": "Neural and Evolutionary Computing", "cs.PL": "Programming Languages", "cs.RO": "Robotics", "cs.SD": "Sound",
        "cs.SE": "Software Engineering", "cs.SI": "Social and Information Networks", "cs.SY": "Systems and Control",
        "stat.AP": "Applications", "stat.CO": "Computation", "stat.ME": "Methodology", "stat.ML": "Machine Learning",
        "stat.OT": "Other Statistics", "stat.TH": "Statistics Theory",
        "math.AP": "Analysis of PDEs", "math.CO": "Combinatorics", "math.DS": "Dynamical Systems", "math.FA": "Functional Analysis",
        "math.IT": "Information Theory", "math.NA": "Numerical Analysis", "math.OC": "Optimization and Control",
        "math.PR": "Probability", "math.ST": "Statistics Theory", "math.MG": "Metric Geometry", "math.DG": "Differential Geometry",
        "cond-mat.dis-nn": "Disordered Systems and Neural Networks", "cond-mat.stat-mech": "Statistical Mechanics",
        "physics.ao-ph": "Atmospheric and Oceanic Physics", "physics.comp-ph": "Computational Physics",
        "physics.data-an": "Data Analysis, Statistics and Probability", "quant-ph": "Quantum Physics",
        "q-bio.NC": "Neurons and Cognition", "q-bio.QM": "Quantitative Methods", "q-bio.BM": "Biomolecules",
        "eess.SP": "Signal Processing", "eess.SY": "Systems and Control", "eess.IV": "Image and Video Processing",
        "eess.AS": "Audio and Speech Processing", "hep-th": "High Energy Physics - Theory", "astro-ph.CO": "Cosmology and Nongalactic Astrophysics",
        "astro-ph.IM": "Instrumentation and Methods for Astrophysics", "nlin.AO": "Adaptation and Self-Organizing Systems",
        "econ.EM": "Econometrics", "math-ph": "Mathematical Physics", "gr-qc": "General Relativity and Quantum Cosmology",
    ]

    /// Subject codes of each archive, for the short forms.
    private static let subjects: [String: [String]] = [
        "cs": ["AI", "AR", "CC", "CE", "CG", "CL", "CR", "CV", "CY", "DB", "DC", "DL", "DM", "DS", "ET", "FL", "GL", "GR", "GT", "HC",
               "IR", "IT", "LG", "LO", "MA", "MM", "MS", "NA", "NE", "NI", "OH", "OS", "PF", "PL", "RO", "SC", "SD", "SE", "SI", "SY"],
        "math": ["AC", "AG", "AP", "AT", "CA", "CO", "CT", "CV", "DG", "DS", "FA", "GM", "GN", "GR", "GT", "HO", "IT", "KT", "LO",
                 "MG", "MP", "NA", "NT", "OA", "OC", "PR", "QA", "RA", "RT", "SG", "SP", "ST"],
        "stat": ["AP", "CO", "ME", "ML", "OT", "TH"],
    ]
    /// Codes that name one category twice; the short form is not ambiguous.
    private static let aliases: [String: String] = ["IT": "cs.IT", "NA": "math.NA", "SY": "eess.SY"]
    private static let archives = ["cond-mat", "physics", "astro-ph", "q-bio", "q-fin", "nlin", "econ", "eess", "math", "stat", "cs"]
    private static let wholeArchives: Set<String> = ["quant-ph", "hep-th", "hep-ph", "hep-lat", "hep-ex", "gr-qc", "math-ph", "nucl-th", "nucl-ex"]

    /// A pasted category as an arXiv code where that is unambiguous: "LG"
    /// → "cs.LG", "STAT-ML" → "stat.ML", "AO-PH" → "physics.ao-ph",
    /// "cs.LG" stays; "CV" (cs.CV or math.CV) and names stay as they are.
    static func code(_ raw: String) -> String {
        if names[raw] != nil || raw.contains(".") || wholeArchives.contains(raw) { return raw }
        let upper = raw.uppercased()
        if upper.count == 2, upper.allSatisfy({ $0.isLetter }) {
            if let alias = aliases[upper] { return alias }
            let owners = subjects.filter { $0.value.contains(upper) }.map(\.key)
            return owners.count == 1 ? "\(owners[0]).\(upper)" : raw
        }
        let lower = raw.lowercased()
        if wholeArchives.contains(lower) { return lower }
        for archive in archives where lower.hasPrefix(archive + "-") {
            let subject = String(lower.dropFirst(archive.count + 1))
            guard !subject.isEmpty else { break }
            let code = archive + "." + (archive == "cond-mat" || archive == "physics" ? subject : subject.uppercased())
            return code
        }
        // Physics subjects pasted bare, as "AO-PH".
        if lower.hasSuffix("-ph"), lower.count <= 8, names["physics." + lower] != nil { return "physics." + lower }
        return raw
    }

    /// "Machine Learning (cs.LG)", or the text as it is when not a known code.
    static func label(_ code: String) -> String {
        names[code].map { "\($0) (\(code))" } ?? code
    }
}
