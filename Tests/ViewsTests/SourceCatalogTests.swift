import Testing
import TestSupport
import VCCModel
import YAMLSyntax
@testable import Views

/// Quoting source lines: the right line whatever the line breaks, secrets masked.
@Suite struct SourceCatalogTests {
    static func range(_ startLine: Int, _ startColumn: Int, _ endLine: Int, _ endColumn: Int) -> SourceRange {
        SourceRange(start: SourcePosition(line: startLine, column: startColumn),
                    end: SourcePosition(line: endLine, column: endColumn))
    }

    static func catalog(_ text: String, path: String = "c.yaml", secrets: [SourceRange] = []) -> SourceCatalog {
        SourceCatalog(sources: [SourceText(path: path, text: text)], secretRanges: [path: secrets])
    }

    @Test func linesAreQuotedWithoutTheirBreak() {
        var catalog = Self.catalog("a: 1\nb: 2\n\nd: 4")
        #expect(catalog.line(1, of: "c.yaml") == "a: 1")
        #expect(catalog.line(2, of: "c.yaml") == "b: 2")
        #expect(catalog.line(3, of: "c.yaml") == "")
        #expect(catalog.line(4, of: "c.yaml") == "d: 4")
        #expect(catalog.line(5, of: "c.yaml") == nil)
        #expect(catalog.line(0, of: "c.yaml") == nil)
        #expect(catalog.line(1, of: "other.yaml") == nil)
    }

    @Test func aSecretOnOneLineIsMasked() {
        var catalog = Self.catalog("version: 1\n  A: {token: s3cret-tok, x: 1}\nnext: line\n",
                                   secrets: [Self.range(2, 14, 2, 24)])
        #expect(catalog.line(2, of: "c.yaml") == "  A: {token: **********, x: 1}")
        #expect(catalog.line(1, of: "c.yaml") == "version: 1")
        #expect(catalog.line(3, of: "c.yaml") == "next: line")
    }

    @Test func aSecretOverSeveralLinesIsMaskedOnEach() {
        let text = "token: |\n  first part\n  second\nend: here-is-tail\nafter: 1\n"
        var catalog = Self.catalog(text, secrets: [Self.range(1, 8, 4, 5)])
        #expect(catalog.line(1, of: "c.yaml") == "token: *")
        #expect(catalog.line(2, of: "c.yaml") == "  ***** ****", "spaces stay, so the layout is kept")
        #expect(catalog.line(3, of: "c.yaml") == "  ******")
        #expect(catalog.line(4, of: "c.yaml") == "**** here-is-tail")
        #expect(catalog.line(5, of: "c.yaml") == "after: 1")
    }

    @Test func severalSecretsOnOneLine() {
        var catalog = Self.catalog("a: [abc, def, ghi]\n", secrets: [Self.range(1, 5, 1, 8), Self.range(1, 15, 1, 18)])
        #expect(catalog.line(1, of: "c.yaml") == "a: [***, def, ***]")
    }

    @Test func aSecretRangePastTheLineIsClamped() {
        var catalog = Self.catalog("k: secret\n", secrets: [Self.range(1, 4, 1, 80)])
        #expect(catalog.line(1, of: "c.yaml") == "k: ******")
    }

    @Test func secretsOfOneFileDoNotMaskAnother() {
        var catalog = SourceCatalog(
            sources: [SourceText(path: "a.yaml", text: "k: value\n"), SourceText(path: "b.yaml", text: "k: value\n")],
            secretRanges: ["a.yaml": [Self.range(1, 4, 1, 9)]])
        #expect(catalog.line(1, of: "a.yaml") == "k: *****")
        #expect(catalog.line(1, of: "b.yaml") == "k: value")
    }

    @Test func nonASCIISecretsAreMaskedByCharacter() {
        var catalog = Self.catalog("k: äöü-秘密 # c\n", secrets: [Self.range(1, 4, 1, 10)])
        #expect(catalog.line(1, of: "c.yaml") == "k: ****** # c")
    }

    @Test(arguments: [("\r\n", "CRLF"), ("\r", "CR"), ("\n", "LF"), ("\u{2028}", "LS"), ("\u{85}", "NEL")])
    func everyLineBreakEndsALine(lineBreak: String, name: String) {
        var catalog = Self.catalog(["one", "two", "three"].joined(separator: lineBreak) + lineBreak)
        #expect(catalog.line(1, of: "c.yaml") == "one", "\(name)")
        #expect(catalog.line(2, of: "c.yaml") == "two", "\(name)")
        #expect(catalog.line(3, of: "c.yaml") == "three", "\(name)")
    }

    @Test func aByteOrderMarkIsNotPartOfTheFirstLine() {
        var catalog = Self.catalog("\u{FEFF}version: 1\r\nnext: 2\r\n", secrets: [Self.range(1, 10, 1, 11)])
        #expect(catalog.line(1, of: "c.yaml") == "version: *")
        #expect(catalog.line(2, of: "c.yaml") == "next: 2")
    }

    // MARK: Through the loader

    static func loadAndRender(_ bytes: [UInt8]) throws -> String {
        let directory = try TemporaryDirectory("views")
        defer { directory.remove() }
        let path = try directory.write("c.yaml", bytes: bytes)
        let loaded = ConfigurationLoader.load(paths: [path])
        var renderer = DiagnosticTextRenderer(
            catalog: SourceCatalog(sources: loaded.sources, secretRanges: loaded.secretRanges))
        return renderer.render(loaded.diagnostics).replacingOccurrences(of: path, with: "c.yaml")
    }

    static let config = [
        "version: 1",
        "orgs:",
        "  prod: {environment: prodution}",
        "accounts:",
        "  ACME: {token: s3cr3t-tok}",
    ]

    @Test(arguments: [("\n", false), ("\r\n", false), ("\r\n", true), ("\n", true)])
    func aCRLFOrBOMFileShowsTheRightLine(lineBreak: String, byteOrderMark: Bool) throws {
        let text = Self.config.joined(separator: lineBreak) + lineBreak
        let bytes = (byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
        let rendered = try Self.loadAndRender(bytes)
        let expected = [
            "c.yaml:3:23: error: 'prodution' is not a valid environment",
            "      prod: {environment: prodution}",
            String(repeating: " ", count: 4 + 22) + "^" + String(repeating: "~", count: 8),
            "note: did you mean 'production'?",
            "c.yaml:5:17: error: 'token' of account 'ACME' is written in the file; tokens are referenced by environment variable, never written",
            "      ACME: {token: **********}",
            String(repeating: " ", count: 4 + 16) + "^" + String(repeating: "~", count: 9),
            "note: write 'token: {env: VCC_TOKEN_…}' and set that variable where vccctl runs",
            "note: this token is now in the file's history: regenerate it in the VCC Admin Portal",
        ]
        #expect(rendered == expected.joined(separator: "\n") + "\n")
        #expect(!rendered.contains("\r"))
        #expect(!rendered.contains("s3cr3t"))
    }

    @Test func aBOMFileShowsColumnsOnTheFirstLine() throws {
        let rendered = try Self.loadAndRender([0xEF, 0xBB, 0xBF] + Array("version: 2\n".utf8))
        #expect(rendered.hasPrefix("c.yaml:1:10: error: unsupported configuration version 2\n    version: 2\n"
            + String(repeating: " ", count: 4 + 9) + "^\n"))
    }
}
