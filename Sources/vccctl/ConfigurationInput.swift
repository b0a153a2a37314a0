import Reconciler
import VCCModel
import Views
import YAMLSyntax

/// The configuration of a command that plans, loaded once: the desired state and the sources its
/// diagnostics point into. Diagnostics go to standard error (standard output carries the plan),
/// and any error stops the command with exit 1.
struct ConfigurationInput {
    let desired: DesiredState
    private let catalog: SourceCatalog

    static func load(_ paths: [String]) throws -> ConfigurationInput {
        let loaded = ConfigurationLoader.load(paths: paths.isEmpty ? ["."] : paths)
        let catalog = SourceCatalog(sources: loaded.sources, secretRanges: loaded.secretRanges)
        if !loaded.diagnostics.isEmpty { report(loaded.diagnostics, catalog: catalog) }
        guard let desired = loaded.desiredState else {
            throw CommandFailure(message: "the configuration is invalid (\(loaded.errorCount) error\(loaded.errorCount == 1 ? "" : "s"))",
                                 notes: ["fix the errors above; 'vccctl validate' shows them without touching state"])
        }
        return ConfigurationInput(desired: desired, catalog: catalog)
    }

    /// Loads the configuration while the state loads in the background (the two biggest reads of
    /// a plan depend on nothing of each other), then opens the rest of the context. Errors keep
    /// their order: the configuration's first, the state's when the plan awaits it.
    static func loadWithState(_ paths: [String], _ options: WorkspaceOptions) throws
        -> (ConfigurationInput, CommandContext, Task<AppliedState?, any Error>)
    {
        let handle = try CommandContext.stateStore(options)
        let state = handle.store.loadInBackground()
        do {
            let input = try load(paths)
            return (input, try CommandContext.make(options, state: handle), state)
        } catch {
            state.cancel()
            throw error
        }
    }

    /// Prints planning diagnostics (an unknown owner, an unset token variable, and any warnings)
    /// and fails.
    func fail(_ diagnostics: [Diagnostic]) throws -> Never {
        report(diagnostics)
        let errors = diagnostics.count { $0.severity == .error }
        throw CommandFailure(message: "cannot plan: \(errors) problem\(errors == 1 ? "" : "s") above")
    }

    /// Prints planning diagnostics to standard error, quoting the sources they point into.
    func report(_ diagnostics: [Diagnostic]) {
        Self.report(diagnostics, catalog: catalog)
    }

    private static func report(_ diagnostics: [Diagnostic], catalog: SourceCatalog) {
        var renderer = DiagnosticTextRenderer(catalog: catalog, style: Terminal.style(for: 2))
        Terminal.write(renderer.render(diagnostics), to: 2)
    }
}
