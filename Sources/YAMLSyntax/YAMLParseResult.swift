/// What parsing one file gave: the document (nil when the file could not be composed) and the
/// findings. Duplicate keys are reported without stopping, so that one run shows them all.
public struct YAMLParseResult: Sendable {
    public var document: YAMLDocument?
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
