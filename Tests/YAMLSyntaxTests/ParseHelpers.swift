import Testing
import YAMLSyntax

/// Parses `text` and requires a document with a root and no diagnostics at all.
func parseRoot(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> YAMLNode {
    let result = YAMLParser.parse(text, path: "test.yaml")
    #expect(result.diagnostics.isEmpty, "unexpected diagnostics: \(result.diagnostics)", sourceLocation: sourceLocation)
    let document = try #require(result.document, sourceLocation: sourceLocation)
    return try #require(document.root, sourceLocation: sourceLocation)
}

/// Parses raw bytes.
func parse(bytes: [UInt8], path: String = "test.yaml", limits: YAMLLimits = .default) -> YAMLParseResult {
    YAMLParser.parse(SourceText(path: path, bytes: bytes), limits: limits)
}

/// Parses `text` and requires exactly one diagnostic, which must be an error with the given code.
func singleError(
    _ text: String, code: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> Diagnostic {
    try singleError(bytes: Array(text.utf8), code: code, sourceLocation: sourceLocation)
}

func singleError(
    bytes: [UInt8], code: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> Diagnostic {
    let result = parse(bytes: bytes)
    try #require(result.diagnostics.count == 1, "diagnostics: \(result.diagnostics)", sourceLocation: sourceLocation)
    let diagnostic = result.diagnostics[0]
    #expect(diagnostic.code == code, sourceLocation: sourceLocation)
    #expect(diagnostic.severity == .error, sourceLocation: sourceLocation)
    #expect(diagnostic.location?.file == "test.yaml", sourceLocation: sourceLocation)
    return diagnostic
}

/// `line:column` shorthand.
func at(_ line: Int, _ column: Int) -> SourcePosition {
    SourcePosition(line: line, column: column)
}

/// A range from `line:column` to `line:column`.
func span(_ startLine: Int, _ startColumn: Int, _ endLine: Int, _ endColumn: Int) -> SourceRange {
    SourceRange(start: at(startLine, startColumn), end: at(endLine, endColumn))
}
