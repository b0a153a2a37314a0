import YAMLSyntax
import VCCModel
import Views

/// Loads the configuration for a command that plans: diagnostics go to standard error (standard
/// output carries the plan), and any error stops the command with exit 1.
enum ConfigurationInput {
    static func load(_ paths: [String]) throws -> DesiredState {
        let loaded = ConfigurationLoader.load(paths: paths.isEmpty ? ["."] : paths)
        if !loaded.diagnostics.isEmpty {
            var renderer = DiagnosticTextRenderer(
                catalog: SourceCatalog(sources: loaded.sources, secretRanges: loaded.secretRanges),
                style: Terminal.style(for: 2))
            Terminal.write(renderer.render(loaded.diagnostics), to: 2)
        }
        guard let desired = loaded.desiredState else {
            throw CommandFailure(message: "the configuration is invalid (\(loaded.errorCount) error\(loaded.errorCount == 1 ? "" : "s"))",
                                 notes: ["fix the errors above; 'vccctl validate' shows them without touching state"])
        }
        return desired
    }

    /// Prints planning diagnostics (an unknown owner, an unset token variable) and fails.
    static func fail(_ diagnostics: [Diagnostic], sources paths: [String]) throws -> Never {
        let loaded = ConfigurationLoader.load(paths: paths.isEmpty ? ["."] : paths)
        var renderer = DiagnosticTextRenderer(
            catalog: SourceCatalog(sources: loaded.sources, secretRanges: loaded.secretRanges),
            style: Terminal.style(for: 2))
        Terminal.write(renderer.render(diagnostics), to: 2)
        throw CommandFailure(message: "cannot plan: \(diagnostics.count) problem\(diagnostics.count == 1 ? "" : "s") above")
    }
}
