import XCTest
@testable import DigestCore

final class AbstractFormatterTests: XCTestCase {
    func testLaTeXTextCommandsBecomeEmphasisAndMathStaysText() {
        XCTAssertEqual(AbstractFormatter.html(#"the \emph{edge of stability} at $\epsilon < 1$"#),
                       #"the <em>edge of stability</em> at $\epsilon &lt; 1$"#)
        XCTAssertEqual(AbstractFormatter.html(#"\textbf{bold \textit{and} more} end"#),
                       "<strong>bold <em>and</em> more</strong> end")
        // Braces inside a command are kept as text.
        XCTAssertEqual(AbstractFormatter.html(#"\emph{a {b} c}"#), "<em>a {b} c</em>")
    }

    func testAnUnclosedCommandStaysAsWritten() {
        XCTAssertEqual(AbstractFormatter.html(#"cut \emph{mid"#), #"cut \emph{mid"#)
        XCTAssertEqual(AbstractFormatter.html(#"\emph{a \textbf{b} c"#), #"\emph{a <strong>b</strong> c"#)
    }

    func testListingTextIsEscapedBeforeCommandsAreRead() {
        XCTAssertEqual(AbstractFormatter.html(#"\emph{<script>alert(1)</script>} & "q""#),
                       "<em>&lt;script&gt;alert(1)&lt;/script&gt;</em> &amp; &quot;q&quot;")
        XCTAssertEqual(AbstractFormatter.html(#"\emph{x}} {\textit{y}"#), "<em>x</em>} {<em>y</em>")
    }
}
