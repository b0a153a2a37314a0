/// Parses one YAML file with the system libyaml into a `YAMLDocument`.
public enum YAMLParser {
    /// Parse `source`, which must hold at most one document. Never traps: every failure of libyaml
    /// or of composition becomes a located diagnostic.
    public static func parse(_ source: SourceText, limits: YAMLLimits = .default) -> YAMLParseResult {
        if source.bytes.count > limits.maxBytes {
            return YAMLParseResult(document: nil, diagnostics: [.error(
                "yaml.too-large",
                "file is \(source.bytes.count) bytes; the largest accepted is \(limits.maxBytes)",
                at: source.location(SourceRange(at: SourcePosition(line: 1, column: 1))),
                notes: [.init("split the configuration into several files or a directory")])])
        }
        let utf8 = UTF16Transcoder.utf8(from: source)
        let pipe = YAMLEventPipe()
        LibYAMLEventReader.start(utf8, into: pipe)
        var composer = YAMLComposer(source: utf8, limits: limits)
        var result = composer.compose(from: pipe)
        result.source = utf8
        return result
    }

    /// Convenience for tests and tools: parse a string.
    public static func parse(_ text: String, path: String = "<string>", limits: YAMLLimits = .default)
        -> YAMLParseResult
    {
        parse(SourceText(path: path, text: text), limits: limits)
    }
}
