import YAMLSyntax

/// The outcome of loading a configuration: the desired state when there were no errors, every
/// finding, and the sources the findings point into (for quoting lines).
public struct LoadedConfiguration: Sendable {
    public var desiredState: DesiredState?
    public var diagnostics: [Diagnostic]
    public var sources: [SourceText]
    /// Per file path, ranges holding literal secrets: never to be shown.
    public var secretRanges: [String: [SourceRange]]

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
    public var isValid: Bool { errorCount == 0 }
}
