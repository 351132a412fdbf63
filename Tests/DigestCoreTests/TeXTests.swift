import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import DigestCore

/// TeX in titles, abstracts and Content as MathML and as plain text.
final class TeXTests: XCTestCase {
    static let folder = TestPaths.fixtures + "/tex"

    /// Every formula of the seed listings and each construct the converter
    /// covers (`Fixtures/tex/sources.txt`, one a line), with the MathML
    /// expected for it (`Fixtures/tex/expected.txt`, reviewed by hand;
    /// `DIGEST_UPDATE_GOLDEN=1` rewrites it).
    func testTheTableOfFormulas() throws {
        let sources = try String(contentsOfFile: Self.folder + "/sources.txt", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        XCTAssertGreaterThanOrEqual(sources.count, 150)
        let actual = sources.map { source -> String in
            let html = TeXMarkup.html("$" + source + "$")
            // The annotation keeps the source, escaped; the table shows the rest.
            let annotation = "<annotation encoding=\"application/x-tex\">" + HTML.escape(source) + "</annotation></semantics></math>"
            XCTAssertTrue(html.hasPrefix("<math><semantics>") && html.hasSuffix(annotation), source)
            return source + "\n" + html.dropLast(annotation.count).dropFirst("<math><semantics>".count) + "\n"
        }.joined(separator: "\n")
        let path = Self.folder + "/expected.txt"
        if ProcessInfo.processInfo.environment["DIGEST_UPDATE_GOLDEN"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        let pairs = zip(actual.components(separatedBy: "\n\n"), expected.components(separatedBy: "\n\n"))
        for (got, want) in pairs where got != want { XCTFail("got\n\(got)\nexpected\n\(want)") }
        XCTAssertEqual(actual.components(separatedBy: "\n\n").count, expected.components(separatedBy: "\n\n").count)
    }

    func testDisplayAndInlineDelimiters() {
        XCTAssertTrue(TeXMarkup.html("a $$x^2$$ b").contains("<math display=\"block\">"))
        XCTAssertTrue(TeXMarkup.html(#"a \[x^2\] b"#).contains("<math display=\"block\">"))
        XCTAssertTrue(TeXMarkup.html(#"a \(x^2\) b"#).hasPrefix("a <math><semantics>"))
        XCTAssertEqual(TeXMarkup.split("a $x$ b $$y$$"), [.prose("a "), .math("x", display: false), .prose(" b "), .math("y", display: true)])
    }

    func testDollarsThatAreNotMathStayText() {
        XCTAssertEqual(TeXMarkup.html("It costs $5 and $10."), "It costs $5 and $10.")
        XCTAssertEqual(TeXMarkup.html(#"A price of \$5 and $x$"#).prefix(17), "A price of $5 and")
        // A formula a cut abstract leaves open stays as written.
        XCTAssertEqual(TeXMarkup.html("we show $\\sum_i x_i"), "we show $\\sum_i x_i")
        // Unbalanced braces: not a formula this converter can read; kept.
        XCTAssertEqual(TeXMarkup.html("$\\frac{a}{b$"), "$\\frac{a}{b$")
        XCTAssertEqual(TeXMarkup.html("a $ b $ c"), "a $ b $ c")
    }

    func testProseCommands() {
        XCTAssertEqual(TeXMarkup.html(#"Network~\parencite{santoro2017simple}"#), "Network\u{A0}[santoro2017simple]")
        XCTAssertEqual(TeXMarkup.html(#"see \cite{a,b} and \citep[p.~3]{c}, \citet{d}"#), "see [a, b] and [c], [d]")
        XCTAssertEqual(TeXMarkup.html("Kullback--Leibler --- yes"), "Kullback–Leibler — yes")
        XCTAssertEqual(TeXMarkup.html(#"\emph{Ansätze}, \textit{i}, \textbf{b}"#), "<em>Ansätze</em>, <em>i</em>, <strong>b</strong>")
        XCTAssertEqual(TeXMarkup.html(#"5\% \& more, the set {0, 1}"#), "5% &amp; more, the set {0, 1}")
        XCTAssertEqual(TeXMarkup.html(#"the \emph{edge of stability} at $\epsilon < 1$"#).prefix(36), "the <em>edge of stability</em> at <m")
        XCTAssertEqual(TeXMarkup.html(#"\textbf{bold \textit{and} more} end"#), "<strong>bold <em>and</em> more</strong> end")
        XCTAssertEqual(TeXMarkup.html(#"\emph{a {b} c}"#), "<em>a {b} c</em>")
        // An unclosed command stays as written.
        XCTAssertEqual(TeXMarkup.html(#"cut \emph{mid"#), #"cut \emph{mid"#)
        XCTAssertEqual(TeXMarkup.html(#"\emph{a \textbf{b} c"#), #"\emph{a <strong>b</strong> c"#)
        XCTAssertEqual(TeXMarkup.html(#"\emph{x}} {\textit{y}"#), "<em>x</em>} {<em>y</em>")
    }

    func testEverythingIsEscaped() {
        XCTAssertEqual(TeXMarkup.html(#"\emph{<script>alert(1)</script>} & "q""#),
                       "<em>&lt;script&gt;alert(1)&lt;/script&gt;</em> &amp; &quot;q&quot;")
        let math = TeXMarkup.html(#"$x < y \text{</math><script>}$"#)
        XCTAssertFalse(math.contains("<script>"), math)
        XCTAssertTrue(math.contains("<mo>&lt;</mo>"), math)
        XCTAssertTrue(math.contains("<annotation encoding=\"application/x-tex\">x &lt; y \\text{&lt;/math&gt;&lt;script&gt;}</annotation>"), math)
    }

    func testUnknownCommandsStayVisibleAndAreCounted() {
        var stats = TeXMarkup.Stats()
        let html = TeXMarkup.html(#"$1 \vee \k/2$ and $\foo + \foo$"#, stats: &stats)
        XCTAssertTrue(html.contains("<mtext class=\"tex-unknown\">\\k</mtext>"), html)
        XCTAssertEqual(stats.formulas, 2)
        XCTAssertEqual(stats.unknown, ["\\k": 1, "\\vee": 0, "\\foo": 2].filter { $0.value > 0 })
    }

    func testPlainTextForPlacesWithoutMarkup() {
        XCTAssertEqual(TeXMarkup.plain(#"An $\epsilon$-net for $G=U\Sigma V^\top$"#), "An ϵ-net for G = UΣVᵀ")
        XCTAssertEqual(TeXMarkup.plain(#"$x_1, x_2$ and $\mathbb{R}^d$"#), "x₁,x₂ and ℝ^d")
        XCTAssertEqual(TeXMarkup.plain(#"$\lambda_{\mathrm{cut}}^{*} = \epsilon$"#), "λ_(cut)^∗ = ϵ")
        XCTAssertEqual(TeXMarkup.plain("Kullback--Leibler, 5\\%"), "Kullback–Leibler, 5%")
        XCTAssertEqual(TeXMarkup.plain("no tex here"), "no tex here")
    }

    func testMarkdownFormulasOutsideCode() {
        let html = Markdown.html("The bound $\\|x\\|_2 \\le 1$ holds, `$not math$` here.\n\n$$\\sum_i x_i$$\n\n```\n$also code$\n```\n")
        XCTAssertTrue(html.contains("The bound <math><semantics>"), html)
        XCTAssertTrue(html.contains("<code>$not math$</code>"), html)
        XCTAssertTrue(html.contains("<math display=\"block\">"), html)
        XCTAssertTrue(html.contains("<pre><code>$also code$\n</code></pre>"), html)
        // `\(` and `_` reach the converter, not cmark's escapes and emphasis.
        XCTAssertTrue(Markdown.html(#"see \(a_1 + b_1\)"#).contains("<msub>"))
        XCTAssertEqual(Markdown.html("Costs $5 and *more*."), "<p>Costs $5 and <em>more</em>.</p>\n")
    }

    /// `digest build --verbose` counts the formulas and names the commands
    /// shown as their source.
    func testVerboseBuildsCountUnknownCommands() throws {
        let site = FixtureSite([
            "seeds/feed.txt": """
                LGFeb 2, 2024
                Sharpness and Grokking in Two-Layer NetworksAda Lovelace, Enric Boix-Adserà
                We bound $\\foo(x) \\le \\epsilon$ and $\\foo + \\bar{y}$ for all $x$.

                """,
            "Content/index.md": "---\ntitle: TeX\n---\nIntro.\n",
        ])
        let run = try site.build(["--verbose"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("3 formulas set as MathML; 2 unknown TeX commands shown as source: \\foo (2)"), run.stdout)
        let page = try XCTUnwrap(site.read("site/papers/sharpness-and-grokking-in-two-layer-networks.html"))
        XCTAssertTrue(page.contains("<mtext class=\"tex-unknown\">\\foo</mtext>"), page)
    }

    /// Search finds a Greek letter written as a character by its name.
    func testSymbolNamesForSearch() {
        XCTAssertEqual(TeXSymbols.names(in: ["a step-success probability $γ$ and $ε$,", "$\\infty$ and ∞"]), "gamma epsilon infinity")
        XCTAssertEqual(TeXSymbols.names(in: ["no symbols"]), "")
    }

    /// Random text from the characters TeX gives a meaning to: never a
    /// crash, always well-formed markup, and every letter and digit of the
    /// input still on the page (in the text, the MathML or its annotation).
    func testRandomTextNeverBreaksTheMarkupOrLosesText() throws {
        let pieces = ["$", "$$", "\\(", "\\)", "\\[", "\\]", "{", "}", "^", "_", "\\frac", "\\sqrt", "\\left(", "\\right)",
                      "\\mathbb", "\\text{", "~", "--", "\\cite{", "\\emph{", "\\", "\\$", "&", "<", "x", "7", "é", "\u{301}",
                      "α", " ", "\\alpha", "\\foo", "'", "\\|", "\\operatorname{", "[", "]", "\\not", "\\hat"]
        var random = SplitMix64(seed: 11)
        for _ in 0..<3000 {
            let text = (0..<Int(random.next() % 16)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let html = TeXMarkup.html(text)
            let parser = XMLParser(data: Data(("<div>" + html + "</div>").utf8))
            final class Failure: NSObject, XMLParserDelegate {
                var failed = false
                func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { failed = true }
            }
            let delegate = Failure()
            parser.delegate = delegate
            XCTAssertTrue(parser.parse() && !delegate.failed, "not well-formed for \(text.debugDescription): \(html)")
            let kept = html.filter { $0 == "x" || $0 == "7" }.count
            XCTAssertGreaterThanOrEqual(kept, text.filter { $0 == "x" || $0 == "7" }.count, text.debugDescription)
            _ = TeXMarkup.plain(text)
        }
    }
}
