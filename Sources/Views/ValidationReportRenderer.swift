/// Renders a `ValidationReport` as text, JSON or a Markdown pull-request comment.
public enum ValidationReportRenderer {
    public static let formatVersion = 1

    public static func text(_ report: ValidationReport, catalog: SourceCatalog, style: TerminalStyle) -> String {
        var renderer = DiagnosticTextRenderer(catalog: catalog, style: style)
        var out = renderer.render(report.diagnostics)
        out += summaryLine(report) + "\n"
        return out
    }

    public static func json(_ report: ValidationReport) -> String {
        struct Document: Encodable {
            var format_version: Int
            var valid: Bool
            var files: [String]
            var summary: Summary
            var diagnostics: [DiagnosticJSON]
        }
        struct Summary: Encodable {
            var errors: Int
            var warnings: Int
            var orgs: Int
            var accounts: Int
            var locations: Int
        }
        return JSONText.encode(Document(
            format_version: formatVersion, valid: report.isValid, files: report.files,
            summary: Summary(errors: report.errorCount, warnings: report.warningCount, orgs: report.orgCount,
                             accounts: report.accountCount, locations: report.locationCount),
            diagnostics: report.diagnostics.map(DiagnosticJSON.init)))
    }

    public static func markdown(_ report: ValidationReport) -> String {
        var out = "### vccctl validate: " + (report.isValid ? "valid" : "invalid") + "\n\n"
        out += summaryLine(report) + "\n"
        guard !report.diagnostics.isEmpty else { return out }
        out += "\n| | where | finding |\n|---|---|---|\n"
        for diagnostic in report.diagnostics {
            let icon = diagnostic.severity == .error ? "error" : "warning"
            let place = diagnostic.location.map { "`\($0)`" } ?? ""
            let notes = diagnostic.notes.map { note in
                "<br>note: " + MarkdownCell.escape(note.message) + (note.location.map { " (`\($0)`)" } ?? "")
            }.joined()
            out += "| \(icon) | \(place) | \(MarkdownCell.escape(diagnostic.message))\(notes) |\n"
        }
        return out
    }

    static func summaryLine(_ report: ValidationReport) -> String {
        let files = plural(report.files.count, "file")
        if report.isValid {
            let warnings = report.warningCount > 0 ? ", " + plural(report.warningCount, "warning") : ""
            return "valid: \(files), \(plural(report.orgCount, "org")), \(plural(report.accountCount, "account")), \(plural(report.locationCount, "location"))\(warnings)"
        }
        return "invalid: \(plural(report.errorCount, "error")), \(plural(report.warningCount, "warning")) in \(files)"
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
