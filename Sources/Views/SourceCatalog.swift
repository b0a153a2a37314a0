public import YAMLSyntax
public import VCCModel

/// The files diagnostics point into, for quoting their lines, with secrets masked by the one
/// rule of `SecretMask`: a token pasted into a file must not reach the terminal or a CI log
/// through an error message.
public struct SourceCatalog: Sendable {
    private var masks: [String: SecretMask] = [:]

    public init(sources: [SourceText], secretRanges: [String: [SourceRange]] = [:]) {
        for source in sources { masks[source.path] = SecretMask(source: source, ranges: secretRanges[source.path] ?? []) }
    }

    /// The text of a line, secrets replaced by `*`; nil when the file or line is unknown.
    public mutating func line(_ number: Int, of file: String) -> String? {
        masks[file]?.line(number)
    }
}
