public import YAMLSyntax

/// The files diagnostics point into, for quoting their lines, with literal secrets masked: a
/// token pasted into a file must not reach the terminal or a CI log through an error message.
public struct SourceCatalog: Sendable {
    private var sources: [String: SourceText] = [:]
    private var lineStarts: [String: [Int]] = [:]
    private let secretRanges: [String: [SourceRange]]

    public init(sources: [SourceText], secretRanges: [String: [SourceRange]] = [:]) {
        self.secretRanges = secretRanges
        for source in sources { self.sources[source.path] = source }
    }

    /// The text of a line, secrets replaced by `*`; nil when the file or line is unknown.
    public mutating func line(_ number: Int, of file: String) -> String? {
        guard let source = sources[file] else { return nil }
        let starts: [Int]
        if let known = lineStarts[file] {
            starts = known
        } else {
            starts = source.lineStarts()
            lineStarts[file] = starts
        }
        guard let text = source.lineText(number, lineStarts: starts) else { return nil }
        return mask(text, line: number, ranges: secretRanges[file] ?? [])
    }

    private func mask(_ text: String, line: Int, ranges: [SourceRange]) -> String {
        var scalars = Array(text.unicodeScalars)
        var masked = false
        for range in ranges where range.start.line <= line && line <= range.end.line {
            let from = range.start.line == line ? range.start.column - 1 : 0
            let to = range.end.line == line ? range.end.column - 1 : scalars.count
            guard from < to else { continue }
            for index in max(0, from)..<min(to, scalars.count) where scalars[index] != " " {
                scalars[index] = "*"
                masked = true
            }
        }
        guard masked else { return text }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }
}
