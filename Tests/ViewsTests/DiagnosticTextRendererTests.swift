import Testing
import YAMLSyntax
@testable import Views

/// Compiler-style text: `path:line:column: error: message`, the line, a caret under the range.
@Suite struct DiagnosticTextRendererTests {
    static let path = "config/vccctl.yaml"
    static let source = """
        version: 1
        orgs:
          prod: {environment: prodution}
        accounts:
          ACME:
        \ttoken: x
        """

    static func render(_ diagnostics: [Diagnostic], style: TerminalStyle = .plain, secrets: [SourceRange] = [],
                       text: String = source, path: String = path) -> String {
        let catalog = SourceCatalog(sources: [SourceText(path: path, text: text)],
                                    secretRanges: secrets.isEmpty ? [:] : [path: secrets])
        var renderer = DiagnosticTextRenderer(catalog: catalog, style: style)
        return renderer.render(diagnostics)
    }

    static func at(_ line: Int, _ column: Int, to endLine: Int? = nil, _ endColumn: Int? = nil) -> YAMLSyntax.SourceLocation {
        YAMLSyntax.SourceLocation(file: path, range: SourceRange(
            start: SourcePosition(line: line, column: column),
            end: SourcePosition(line: endLine ?? line, column: endColumn ?? column)))
    }

    @Test func aCaretUnderTheColumn() {
        let text = Self.render([.error("test.code", "bad value", at: Self.at(3, 23))])
        #expect(text == """
            config/vccctl.yaml:3:23: error: bad value
                  prod: {environment: prodution}
                                      ^

            """)
    }

    @Test(arguments: [(1, 1), (3, 3), (3, 32), (2, 5)])
    func theCaretLandsOnTheColumnForAnyPosition(line: Int, column: Int) throws {
        let text = Self.render([.error("c", "m", at: Self.at(line, column))])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count >= 3)
        #expect(lines[0] == "config/vccctl.yaml:\(line):\(column): error: m")
        let sourceLine = Self.source.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        #expect(lines[1] == "    " + sourceLine)
        #expect(lines[2] == String(repeating: " ", count: 4 + column - 1) + "^")
    }

    @Test(arguments: [(23, 32, 9), (3, 7, 4), (1, 33, 32), (23, 24, 1), (23, 23, 1), (23, 99, 10)])
    func tildesSpanTheRange(start: Int, end: Int, width: Int) {
        let text = Self.render([.error("c", "m", at: Self.at(3, start, to: 3, end))])
        let caret = String(repeating: " ", count: 4 + start - 1) + "^" + String(repeating: "~", count: width - 1)
        #expect(text.hasSuffix(caret + "\n"), "\(text)")
    }

    @Test func aRangeOverSeveralLinesUnderlinesToTheEndOfTheFirst() {
        let text = Self.render([.error("c", "m", at: Self.at(2, 1, to: 4, 1))])
        #expect(text == "config/vccctl.yaml:2:1: error: m\n    orgs:\n    ^~~~~\n")
    }

    @Test func aPositionPastTheEndOfTheLineIsClamped() {
        let text = Self.render([.error("c", "m", at: Self.at(2, 40))])
        #expect(text == "config/vccctl.yaml:2:40: error: m\n    orgs:\n         ^\n")
    }

    @Test func tabsOfTheLineAreCopiedIntoTheCaretLine() {
        let text = Self.render([.error("c", "literal", at: Self.at(6, 9, to: 6, 10))])
        // The value of 'token' is masked even on a line with a tab, which no document tree covers.
        #expect(text == "config/vccctl.yaml:6:9: error: literal\n    \ttoken: *\n    \t       ^\n")
    }

    @Test func tabsAfterTheCaretAreNotCopied() {
        let text = Self.render([.error("c", "m", at: Self.at(1, 2))], text: "a\tb\tc\n", path: Self.path)
        #expect(text.hasSuffix("    a\tb\tc\n     ^\n"))
    }

    @Test func nonASCIICharactersCountAsOneColumnEach() {
        // Columns count Unicode scalars, as libyaml's marks do.
        let text = Self.render([.error("c", "m", at: Self.at(1, 4, to: 1, 6))], text: "ä: 日本 ok\n")
        #expect(text.hasSuffix("    ä: 日本 ok\n       ^~\n"))
    }

    @Test func aNoteWithALocationGetsItsOwnExcerpt() {
        let text = Self.render([.error("c", "second", at: Self.at(5, 3, to: 5, 7),
                                       notes: [.init("first here", at: Self.at(3, 3, to: 3, 7))])])
        #expect(text == """
            config/vccctl.yaml:5:3: error: second
                  ACME:
                  ^~~~
            config/vccctl.yaml:3:3: note: first here
                  prod: {environment: prodution}
                  ^~~~

            """)
    }

    @Test func anUnlocatedNoteIsOneLine() {
        let text = Self.render([.warning("c", "careful", at: Self.at(1, 1, to: 1, 8),
                                         notes: [.init("do this"), .init("then that")])])
        #expect(text == """
            config/vccctl.yaml:1:1: warning: careful
                version: 1
                ^~~~~~~
            note: do this
            note: then that

            """)
    }

    @Test func anUnlocatedDiagnosticIsOneLine() {
        let text = Self.render([.error("io.unreadable", "cannot read 'x.yaml'", notes: [.init("check the path")])])
        #expect(text == "error: cannot read 'x.yaml'\nnote: check the path\n")
    }

    @Test func aLocationInAnUnknownFileHasNoExcerpt() {
        let location = YAMLSyntax.SourceLocation(file: "other.yaml", range: SourceRange(at: SourcePosition(line: 1, column: 1)))
        let text = Self.render([.error("c", "m", at: location, notes: [.init("n", at: Self.at(99, 1))])])
        #expect(text == "other.yaml:1:1: error: m\nconfig/vccctl.yaml:99:1: note: n\n", "nor past the end of a file")
    }

    @Test func diagnosticsFollowOneAnother() {
        let text = Self.render([.error("a", "one"), .warning("b", "two"), .error("c", "three")])
        #expect(text == "error: one\nwarning: two\nerror: three\n")
    }

    @Test func secretsAreMaskedInTheExcerpt() {
        let text = Self.render([.error("c", "literal", at: Self.at(6, 9, to: 6, 10))],
                               secrets: [SourceRange(start: SourcePosition(line: 6, column: 9), end: SourcePosition(line: 6, column: 10))])
        #expect(text.contains("\ttoken: *\n"))
        #expect(!text.contains("token: x"))
    }

    // MARK: Colour

    static let escape = "\u{1B}["

    @Test func plainTextHasNoEscapeCodes() {
        let text = Self.render([
            .error("c", "m", at: Self.at(3, 23), notes: [.init("n", at: Self.at(1, 1)), .init("unlocated")]),
            .warning("w", "m"),
        ], style: TerminalStyle(colored: false))
        #expect(text.contains("error: m") && text.contains("warning: m"), "\(text)")
        #expect(!text.contains("\u{1B}"))
    }

    @Test func colouredTextStylesEachPart() {
        let text = Self.render([
            .error("c", "bad", at: Self.at(1, 1), notes: [.init("hint")]),
            .warning("w", "careful"),
        ], style: TerminalStyle(colored: true))
        let e = Self.escape
        #expect(text == """
            \(e)1mconfig/vccctl.yaml:1:1:\(e)0m \(e)1;31merror:\(e)0m \(e)1mbad\(e)0m
                version: 1
                \(e)32m^\(e)0m
            \(e)1;36mnote:\(e)0m hint
            \(e)1;35mwarning:\(e)0m \(e)1mcareful\(e)0m

            """)
    }

    @Test func theSourceLineItselfIsNeverColoured() {
        let text = Self.render([.error("c", "m", at: Self.at(3, 9, to: 3, 30))], style: TerminalStyle(colored: true))
        #expect(text.contains("\n      prod: {environment: prodution}\n"))
    }
}

/// A long line is quoted as a window around the caret, so output stays small whatever the file.
@Suite struct DiagnosticWindowTests {
    static func render(_ text: String, line: Int = 1, column: Int, to endColumn: Int? = nil) -> String {
        let catalog = SourceCatalog(sources: [SourceText(path: "c.yaml", text: text)])
        var renderer = DiagnosticTextRenderer(catalog: catalog)
        let range = SourceRange(start: SourcePosition(line: line, column: column),
                                end: SourcePosition(line: line, column: endColumn ?? column))
        return renderer.render([.error("test.code", "bad", at: YAMLSyntax.SourceLocation(file: "c.yaml", range: range),
                                       notes: [.init("started here", at: YAMLSyntax.SourceLocation(file: "c.yaml", range: range))])])
    }

    @Test func aHugeLineIsQuotedAsAWindowAroundTheCaret() {
        let line = "key: [" + String(repeating: "x", count: 5_000_000) + "‖" + String(repeating: "y", count: 5_000_000)
        let column = 5_000_007
        let out = Self.render(line, column: column, to: column + 3_000_000)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(out.utf8.count < 1_000, "\(out.utf8.count) bytes")
        #expect(lines[1] == "    …" + String(repeating: "x", count: 40) + "‖" + String(repeating: "y", count: 77) + "…")
        #expect(lines[2] == "    " + String(repeating: " ", count: 41) + "^" + String(repeating: "~", count: 77))
    }

    @Test func theStartAndTheEndOfALongLineAreMarkedOnlyWhereCut() {
        let line = String(repeating: "a", count: 300)
        let start = Self.render(line, column: 1).split(separator: "\n")
        #expect(start[1] == "    " + String(repeating: "a", count: 118) + "…")
        #expect(start[2] == "    ^")
        let end = Self.render(line, column: 301).split(separator: "\n")
        #expect(end[1] == "    …" + String(repeating: "a", count: 118))
        #expect(end[2] == "    " + String(repeating: " ", count: 119) + "^")
        let short = Self.render("a: 1", column: 4).split(separator: "\n")
        #expect(short[1] == "    a: 1")
    }
}
