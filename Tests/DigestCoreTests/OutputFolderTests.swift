import XCTest
@testable import DigestCore

/// The folder walk behind stale-file removal and the up-to-date check.
final class OutputFolderTests: XCTestCase {
    func testListsRegularFilesAtEveryDepthHiddenOnesTooButNoLinks() throws {
        let scratch = ScratchFolder()
        for file in ["index.html", ".hidden", "papers/a.html", "papers/deep/er/b.html", "ünïcode/ç.html", "empty/.keep"] {
            scratch.write("site/" + file, file)
        }
        try FileManager.default.createDirectory(atPath: scratch.path + "/site/no-files", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/site/link.html", withDestinationPath: scratch.path + "/site/index.html")
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/site/linked-folder", withDestinationPath: scratch.path + "/site/papers")
        XCTAssertEqual(FileTree.files(scratch.path + "/site").sorted(),
                       [".hidden", "empty/.keep", "index.html", "papers/a.html", "papers/deep/er/b.html", "ünïcode/ç.html"])
        XCTAssertEqual(FileTree.files(scratch.path + "/missing"), [])
    }
}
