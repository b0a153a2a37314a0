public import YAMLSyntax

/// Renders diagnostics as a compiler does: `path:line:column: error: message`, the source line,
/// a caret under the range, then the notes.
public struct DiagnosticTextRenderer {
    public var style: TerminalStyle
    public var catalog: SourceCatalog

    public init(catalog: SourceCatalog, style: TerminalStyle = .plain) {
        self.catalog = catalog
        self.style = style
    }

    public mutating func render(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics { render(diagnostic, into: &out) }
        return out
    }

    mutating func render(_ diagnostic: Diagnostic, into out: inout String) {
        let label = diagnostic.severity == .error ? style.red("error:") : style.magenta("warning:")
        line(diagnostic.location, label: label, message: style.bold(diagnostic.message), into: &out)
        for note in diagnostic.notes {
            line(note.location, label: style.cyan("note:"), message: note.message, into: &out)
        }
    }

    private mutating func line(_ location: SourceLocation?, label: String, message: String, into out: inout String) {
        guard let location else {
            out += "\(label) \(message)\n"
            return
        }
        out += style.bold("\(location):") + " \(label) \(message)\n"
        excerpt(location, into: &out)
    }

    /// The source line (a window of it, when long) and a caret line beneath it; the caret line
    /// copies the line's tabs so the caret lands under the column in any terminal.
    private mutating func excerpt(_ location: SourceLocation, into out: inout String) {
        let range = location.range
        guard let text = catalog.line(range.start.line, of: location.file) else { return }
        let scalars = Array(text.unicodeScalars)
        let start = min(max(range.start.column - 1, 0), scalars.count)
        var width = 1
        if range.end.line == range.start.line, range.end.column - 1 > start {
            width = min(range.end.column - 1, scalars.count) - start
        } else if range.end.line > range.start.line {
            width = scalars.count - start
        }
        let window = SourceLineWindow(scalars, start: start, length: max(width, 1))
        let indent = String(String.UnicodeScalarView(window.text[0..<window.start].map { $0 == "\t" ? "\t" : " " }))
        out += "    " + String(String.UnicodeScalarView(window.text)) + "\n"
        out += "    " + indent + style.green("^" + String(repeating: "~", count: window.length - 1)) + "\n"
    }
}
