import XCTest
@testable import DigestCore

/// The stages depend one way: a stage's sources name no type that a later
/// stage declares. One SwiftPM target holds them all (see the README's
/// layout section), so this test keeps the order the compiler would keep
/// with a target per stage.
final class LayeringTests: XCTestCase {
    static let stages = ["Support", "Ingest", "Catalog", "Group", "Model", "Render", "Publish"]

    func testEachStageUsesOnlyEarlierStages() throws {
        let root = TestPaths.root.path + "/Sources/DigestCore/"
        func sources(_ stage: String) -> [(path: String, text: String)] {
            FileTree.files(root + stage).sorted().filter { $0.hasSuffix(".swift") }.map { file in
                let path = root + stage + "/" + file
                return (path, (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
            }
        }
        // Types declared at the top level of each stage's files.
        let declaration = try NSRegularExpression(pattern: #"^(?:public |final |indirect )*(?:struct|enum|class|protocol)\s+(\w+)"#,
                                                  options: .anchorsMatchLines)
        var declared: [String: Set<String>] = [:]
        for stage in Self.stages {
            for (_, text) in sources(stage) {
                for match in declaration.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    declared[stage, default: []].insert(String(text[Range(match.range(at: 1), in: text)!]))
                }
            }
        }
        XCTAssertTrue(declared["Publish"]?.contains("OutputFolder") ?? false, "the scan finds declarations")
        var violations: [String] = []
        for (index, stage) in Self.stages.enumerated() {
            let later = Self.stages[(index + 1)...].reduce(into: Set<String>()) { $0.formUnion(declared[$1] ?? []) }
            for (path, text) in sources(stage) {
                // Code only: comments and string literals are left out.
                let code = text.replacingOccurrences(of: #"//[^\n]*|"(?:[^"\\\n]|\\.)*""#, with: "", options: .regularExpression)
                for name in later.sorted() where code.range(of: #"\b\#(name)\b"#, options: .regularExpression) != nil {
                    violations.append("\(path.dropFirst(root.count)) (\(stage)) uses \(name)")
                }
            }
        }
        XCTAssertEqual(violations, [])
    }
}
