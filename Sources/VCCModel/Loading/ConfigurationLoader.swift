import YAMLSyntax

/// The front door of the model: paths in, validated desired state and every finding out.
public enum ConfigurationLoader {
    public static func load(paths: [String], limits: YAMLLimits = .default) -> LoadedConfiguration {
        var diagnostics: [Diagnostic] = []
        var sources: [SourceText] = []
        var fragments: [ConfigFragment] = []
        var secrets: [String: [SourceRange]] = [:]
        for entry in ConfigurationFiles.read(paths) {
            switch entry {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            case .file(let file):
                let parsed = YAMLParser.parse(file, limits: limits)
                // Diagnostics point into the text parsed (UTF-8 even when the file was UTF-16).
                let source = parsed.source ?? file
                sources.append(source)
                diagnostics += parsed.diagnostics
                guard let document = parsed.document else { continue }
                let context = DecodeContext()
                fragments.append(ConfigFileDecoder(context: context).decode(document))
                diagnostics += context.diagnostics
                if !context.secretRanges.isEmpty { secrets[source.path, default: []] += context.secretRanges }
            }
        }
        var validator = ConfigurationValidator()
        let state = validator.validate(fragments)
        diagnostics += validator.diagnostics
        let hasErrors = diagnostics.contains { $0.severity == .error }
        // No message may repeat what a quoted line would mask (a duplicate key under 'token').
        diagnostics = SecretMask.scrub(diagnostics, sources: sources, ranges: secrets)
        return LoadedConfiguration(
            desiredState: hasErrors ? nil : state, diagnostics: diagnostics.sortedBySource(),
            sources: sources, secretRanges: secrets)
    }
}

extension Array where Element == Diagnostic {
    /// Stable source order: by file, then position; findings without a location first.
    func sortedBySource() -> [Diagnostic] {
        enumerated().sorted { lhs, rhs in
            if Diagnostic.sourceOrder(lhs.element, rhs.element) { return true }
            if Diagnostic.sourceOrder(rhs.element, lhs.element) { return false }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
