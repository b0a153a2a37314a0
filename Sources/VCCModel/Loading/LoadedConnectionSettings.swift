import YAMLSyntax

/// The outcome of loading a connection-settings file: the settings when there were no errors,
/// every finding, and the source the findings point into (for quoting lines).
public struct LoadedConnectionSettings: Sendable {
    public var settings: ConnectionSettings?
    public var diagnostics: [Diagnostic]
    /// nil when the file could not be read.
    public var source: SourceText?
    /// Ranges of the file holding literal secrets: never to be shown.
    public var secretRanges: [SourceRange]

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
    public var isValid: Bool { errorCount == 0 }
}
