import Foundation
import Testing
import TestSupport
import YAMLSyntax
@testable import Views

/// `vccctl validate` output in its three formats. The golden files hold one invalid report with an
/// error, a warning and notes (located and not); rewrite them with `UPDATE_GOLDEN=1`.
@Suite struct ValidationReportRendererTests {
    static let path = "config/vccctl.yaml"
    static let source = """
        version: 1
        orgs:
          prod: {environment: production}
          uat: {environment: sandbox}
        accounts:
          ACME-EU-01:
            locations:
              prod: [org, {profile: Support Agent}]
            link: {org: uat, apiUser: vcc-api@acme.example}
          ACME-US-01:
            locations:
              prod: [{profile: Support Agent}]

        """

    static func location(_ line: Int, _ start: Int, _ end: Int) -> YAMLSyntax.SourceLocation {
        YAMLSyntax.SourceLocation(file: path, range: SourceRange(start: SourcePosition(line: line, column: start),
                                                      end: SourcePosition(line: line, column: end)))
    }

    static let warning = Diagnostic.warning(
        "config.link-without-location", "account 'ACME-EU-01' is linked to org 'uat' but has no location there",
        at: location(9, 17, 20),
        notes: [.init("no user of 'uat' gets this key, so calls cannot reach Salesforce; add a location under 'locations: {uat: [...]}' or link another org")])

    static let error = Diagnostic.error(
        "config.duplicate-claim", "profile 'Support Agent' in org 'prod' is already claimed by account 'ACME-EU-01'",
        at: location(12, 14, 38),
        notes: [.init("claimed first here", at: location(8, 19, 43)),
                .init("a settings record holds one account key: keep the location under one account")])

    static let invalid = ValidationReport(
        diagnostics: [warning, error], files: ["config/orgs.yaml", path], orgCount: 0, accountCount: 0, locationCount: 0)

    static let valid = ValidationReport(
        diagnostics: [warning], files: [path], orgCount: 2, accountCount: 1, locationCount: 2)

    static var catalog: SourceCatalog { SourceCatalog(sources: [SourceText(path: path, text: source)]) }

    @Test func text() {
        let actual = ValidationReportRenderer.text(Self.invalid, catalog: Self.catalog, style: .plain)
        let difference = Golden.check(actual, named: "validation-report.txt")
        #expect(difference == nil, "\(difference ?? "")")
        #expect(actual.hasSuffix("invalid: 1 error, 1 warning in 2 files\n"))
    }

    @Test func json() throws {
        let actual = ValidationReportRenderer.json(Self.invalid)
        let difference = Golden.check(actual, named: "validation-report.json")
        #expect(difference == nil, "\(difference ?? "")")
        // Well-formed, versioned.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(actual.utf8)) as? [String: Any])
        #expect(object["format_version"] as? Int == ValidationReportRenderer.formatVersion)
        #expect(object["valid"] as? Bool == false)
        #expect((object["diagnostics"] as? [Any])?.count == 2)
    }

    @Test func markdown() {
        let actual = ValidationReportRenderer.markdown(Self.invalid)
        let difference = Golden.check(actual, named: "validation-report.md")
        #expect(difference == nil, "\(difference ?? "")")
        #expect(actual.hasPrefix("### vccctl validate: invalid\n"))
    }

    @Test func colouredTextDiffersFromPlainOnlyByEscapeCodes() {
        let plain = ValidationReportRenderer.text(Self.invalid, catalog: Self.catalog, style: .plain)
        let coloured = ValidationReportRenderer.text(Self.invalid, catalog: Self.catalog, style: TerminalStyle(colored: true))
        #expect(coloured != plain)
        let stripped = coloured.replacing(/\u{1B}\[[0-9;]*m/, with: "")
        #expect(stripped == plain)
    }

    // MARK: Summaries

    @Test func aValidReportSaysWhatTheConfigurationHolds() {
        #expect(ValidationReportRenderer.summaryLine(Self.valid) == "valid: 1 file, 2 orgs, 1 account, 2 locations, 1 warning")
        let clean = ValidationReport(diagnostics: [], files: ["a", "b"], orgCount: 1, accountCount: 3, locationCount: 1)
        #expect(ValidationReportRenderer.summaryLine(clean) == "valid: 2 files, 1 org, 3 accounts, 1 location")
        let empty = ValidationReport(diagnostics: [], files: [], orgCount: 0, accountCount: 0, locationCount: 0)
        #expect(ValidationReportRenderer.summaryLine(empty) == "valid: 0 files, 0 orgs, 0 accounts, 0 locations")
    }

    @Test func anInvalidReportCountsFindings() {
        let twoErrors = ValidationReport(diagnostics: [Self.error, Self.error], files: [Self.path],
                                         orgCount: 0, accountCount: 0, locationCount: 0)
        #expect(ValidationReportRenderer.summaryLine(twoErrors) == "invalid: 2 errors, 0 warnings in 1 file")
        #expect(twoErrors.errorCount == 2)
        #expect(twoErrors.warningCount == 0)
        #expect(!twoErrors.isValid)
        #expect(Self.valid.isValid)
        #expect(Self.valid.warningCount == 1)
    }

    @Test func aValidReportInEveryFormat() throws {
        let clean = ValidationReport(diagnostics: [], files: [Self.path], orgCount: 1, accountCount: 2, locationCount: 3)
        #expect(ValidationReportRenderer.text(clean, catalog: Self.catalog, style: .plain)
            == "valid: 1 file, 1 org, 2 accounts, 3 locations\n")
        #expect(ValidationReportRenderer.markdown(clean)
            == "### vccctl validate: valid\n\nvalid: 1 file, 1 org, 2 accounts, 3 locations\n")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(ValidationReportRenderer.json(clean).utf8)) as? [String: Any])
        #expect(object["valid"] as? Bool == true)
        #expect((object["diagnostics"] as? [Any])?.isEmpty == true)
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["errors": 0, "warnings": 0, "orgs": 1, "accounts": 2, "locations": 3])
    }

    // MARK: Markdown safety

    @Test func markdownCellsCannotBreakTheTable() {
        let hostile = Diagnostic.error(
            "config.bad-account-key", "account key 'a|b\r\nc\rd' contains whitespace", at: Self.location(1, 1, 2),
            notes: [.init("pipes | and\nbreaks")])
        let report = ValidationReport(diagnostics: [hostile], files: [Self.path], orgCount: 0, accountCount: 0, locationCount: 0)
        let markdown = ValidationReportRenderer.markdown(report)
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| error") }
        #expect(rows.count == 1)
        #expect(!markdown.contains("\r"))
        #expect(rows.first?.contains("a\\|b") == true)
        #expect(rows.first?.contains("pipes \\| and breaks") == true)
    }

    @Test func markdownDoesNotPassHTMLThrough() {
        // An account key such as `<!--` would otherwise hide the rest of a pull-request comment.
        let hostile = Diagnostic.error("config.undeclared-org", "org 'x' used in the link of account '<!--' is not declared",
                                       notes: [.init("<b>&amp;</b>")])
        let report = ValidationReport(diagnostics: [hostile, Self.error], files: [Self.path],
                                      orgCount: 0, accountCount: 0, locationCount: 0)
        let markdown = ValidationReportRenderer.markdown(report)
        #expect(!markdown.contains("<!--"))
        #expect(!markdown.contains("<b>"))
        #expect(markdown.contains("&lt;!--"))
        #expect(markdown.contains("&lt;b&gt;&amp;amp;&lt;/b&gt;"))
        #expect(markdown.contains("<br>note: "), "the renderer's own line breaks stay")
    }

    @Test func markdownNotesSayWhereTheyPoint() {
        let markdown = ValidationReportRenderer.markdown(Self.invalid)
        #expect(markdown.contains("note: claimed first here (`config/vccctl.yaml:8:19`)"))
    }
}
