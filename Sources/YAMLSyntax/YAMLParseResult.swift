/// What parsing one file gave: the document (nil when the file could not be composed) and the
/// findings. Duplicate keys are reported without stopping, so that one run shows them all.
public struct YAMLParseResult: Sendable {
    public var document: YAMLDocument?
    public var diagnostics: [Diagnostic]
    /// The text parsed, as UTF-8 (a UTF-16 file is transcoded): what diagnostics point into.
    public var source: SourceText?

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
