public import YAMLSyntax

/// The JSON shape of a diagnostic (`format_version` lives on the enclosing document).
public struct DiagnosticJSON: Encodable, Sendable {
    struct Position: Encodable {
        var line: Int
        var column: Int
    }

    struct Range: Encodable {
        var start: Position
        var end: Position
    }

    struct Note: Encodable {
        var message: String
        var file: String?
        var range: Range?
    }

    var severity: String
    var code: String
    var message: String
    var file: String?
    var range: Range?
    var notes: [Note]

    public init(_ diagnostic: Diagnostic) {
        severity = diagnostic.severity.rawValue
        code = diagnostic.code
        message = diagnostic.message
        file = diagnostic.location?.file
        range = diagnostic.location.map { Self.range($0.range) }
        notes = diagnostic.notes.map { Note(message: $0.message, file: $0.location?.file, range: $0.location.map { Self.range($0.range) }) }
    }

    private static func range(_ range: SourceRange) -> Range {
        Range(start: Position(line: range.start.line, column: range.start.column),
              end: Position(line: range.end.line, column: range.end.column))
    }
}
