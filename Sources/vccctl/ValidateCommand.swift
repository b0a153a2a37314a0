#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import VCCModel
import Views

/// `vccctl validate`: check configuration files offline, reporting every finding at once.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check configuration files; no network, no state.",
        discussion: """
            Reads each PATH (a file, or every *.yaml and *.yml directly in a directory), merges \
            them into one desired state and reports every error and warning with its location. \
            With --connection FILE (or VCCCTL_CONNECTION), checks those connection settings too. \
            Exit codes: 0 valid (warnings allowed), 1 invalid or unreadable, 64 usage error.
            """
    )

    @Argument(help: "Configuration files or directories (default: the current directory).")
    var paths: [String] = []

    @Option(help: "Output format: text, json or markdown.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Connection settings to check as well (default: $VCCCTL_CONNECTION).",
                               valueName: "file"))
    var connection: String?

    /// `--connection`, else a non-empty `VCCCTL_CONNECTION`.
    var connectionPath: String? {
        if let connection { return connection }
        guard let value = getenv("VCCCTL_CONNECTION").map({ String(cString: $0) }), !value.isEmpty else { return nil }
        return value
    }

    func run() throws {
        let loaded = ConfigurationLoader.load(paths: paths.isEmpty ? ["."] : paths)
        let state = loaded.desiredState
        var diagnostics = loaded.diagnostics
        var sources = loaded.sources
        var secretRanges = loaded.secretRanges
        if let path = connectionPath {
            let settings = ConnectionSettingsLoader.load(path: path)
            diagnostics += settings.diagnostics
            if let source = settings.source { sources.append(source) }
            if !settings.secretRanges.isEmpty { secretRanges[path, default: []] += settings.secretRanges }
        }
        let report = ValidationReport(
            diagnostics: diagnostics, files: sources.map(\.path),
            orgCount: state?.orgs.count ?? 0, accountCount: state?.accounts.count ?? 0,
            locationCount: state?.locationCount ?? 0)
        switch format {
        case .text:
            let catalog = SourceCatalog(sources: sources, secretRanges: secretRanges)
            Terminal.write(ValidationReportRenderer.text(report, catalog: catalog, style: Terminal.style(for: 1)))
        case .json:
            Terminal.write(ValidationReportRenderer.json(report))
        case .markdown:
            Terminal.write(ValidationReportRenderer.markdown(report))
        }
        // Exit here rather than return: returning would free the document and model object by
        // object (a tenth of the run on a large configuration); the OS reclaims them at once.
        Terminal.exit(report.isValid ? 0 : 1)
    }
}
