import YAMLSyntax

/// Reads the connection settings (`--connection FILE`): which target, which state store, which
/// credentials. Kept apart from `ConfigurationLoader`: the desired state never holds them.
public enum ConnectionSettingsLoader {
    public static func load(path: String, limits: YAMLLimits = .default) -> LoadedConnectionSettings {
        switch ConfigurationFiles.readFile(path, limit: .connection) {
        case .failure(let diagnostic):
            return LoadedConnectionSettings(settings: nil, diagnostics: [diagnostic], source: nil, secretRanges: [])
        case .file(let source):
            return load(source, limits: limits)
        }
    }

    /// Parses and decodes connection settings already read (from a file or a string).
    public static func load(_ file: SourceText, limits: YAMLLimits = .default) -> LoadedConnectionSettings {
        let parsed = YAMLParser.parse(file, limits: limits)
        // Diagnostics point into the text parsed (UTF-8 even when the file was UTF-16).
        let source = parsed.source ?? file
        var diagnostics = parsed.diagnostics
        var settings: ConnectionSettings?
        var secretRanges: [SourceRange] = []
        if let document = parsed.document {
            let context = DecodeContext()
            settings = ConnectionSettingsDecoder(context: context).decode(document)
            diagnostics += context.diagnostics
            secretRanges = context.secretRanges
        }
        diagnostics = SecretMask.scrub(diagnostics, sources: [source], ranges: [source.path: secretRanges])
        let hasErrors = diagnostics.contains { $0.severity == .error }
        return LoadedConnectionSettings(
            settings: hasErrors ? nil : settings, diagnostics: diagnostics.sortedBySource(),
            source: source, secretRanges: secretRanges)
    }
}
