internal import CYAML

/// Turns libyaml's error fields into a diagnostic a person can act on: libyaml's own words, where
/// it happened, what it was in the middle of, and a hint for the mistakes people actually make.
enum LibYAMLErrorTranslator {
    static func diagnostic(for parser: yaml_parser_t, source: SourceText) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        let context = parser.context.map { String(cString: $0) }

        if parser.error == YAML_READER_ERROR {
            return readerDiagnostic(problem: problem, offset: parser.problem_offset,
                                    value: parser.problem_value, source: source)
        }
        if parser.error == YAML_MEMORY_ERROR {
            return .error("yaml.memory", "libyaml ran out of memory reading this file")
        }
        let mark = position(parser.problem_mark)
        let here = source.location(SourceRange(at: mark))
        var notes: [Diagnostic.Note] = []
        if let context, parser.context_mark.index != parser.problem_mark.index || parser.context_mark.line != parser.problem_mark.line {
            notes.append(.init(context + " started here", at: source.location(SourceRange(at: position(parser.context_mark)))))
        }
        if let hint = hint(problem: problem, context: context, at: mark, source: source) {
            notes.append(.init(hint))
        }
        return .error("yaml.syntax", problem, at: here, notes: notes)
    }

    private static func readerDiagnostic(problem: String, offset: Int, value: Int32, source: SourceText) -> Diagnostic {
        var offset = offset
        if problem.contains("trailing UTF-8 octet") {
            // libyaml names the byte that cannot continue the sequence; the broken character is the
            // one whose leading byte precedes it.
            var start = min(offset, source.bytes.count) - 1
            while start > 0, offset - start < 4, source.bytes[start] & 0xC0 == 0x80 { start -= 1 }
            if start >= 0, source.bytes[start] & 0xC0 == 0xC0 { offset = start }
        }
        let here = source.location(SourceRange(at: source.position(ofByteOffset: offset)))
        let byte = offset < source.bytes.count ? source.bytes[offset] : 0
        let hex = "0x" + String(byte, radix: 16, uppercase: true)
        if problem.contains("UTF-8") || problem.contains("UTF-16") {
            return .error("yaml.encoding", "the file is not valid UTF-8: \(problem) (byte \(hex) at offset \(offset))",
                          at: here, notes: [.init("save the file as UTF-8; is it a binary file?")])
        }
        if problem.contains("control characters") {
            return .error("yaml.encoding", "the file holds a control character (\(hex)) that YAML does not allow",
                          at: here, notes: [.init("remove it; a binary file cannot be a configuration")])
        }
        return .error("yaml.encoding", problem + " at offset \(offset)", at: here)
    }

    private static func hint(problem: String, context: String?, at mark: SourcePosition, source: SourceText) -> String? {
        let character = characterAt(mark, source: source)
        if character == "\t" || (problem.contains("cannot start any token") && lineHasTab(mark.line, source: source)) {
            return "YAML does not allow tabs for indentation; indent with spaces"
        }
        if problem.contains("found unexpected end of stream"), context?.contains("quoted scalar") == true {
            return "the quoted string is never closed; add the closing quote"
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator") {
            return "check the indentation: this line must line up with the other keys (or items) of the collection"
        }
        if problem.contains("mapping values are not allowed") {
            return "a value that contains ': ' must be quoted, or the indentation of this line is off"
        }
        if problem.contains("did not find expected node content") {
            return "a value is missing or starts with a character YAML reserves ('@', '`', '%'); quote it"
        }
        if problem.contains("found character that cannot start any token") {
            return "quote values that start with '@' or '`'"
        }
        return nil
    }

    private static func position(_ mark: yaml_mark_t) -> SourcePosition {
        SourcePosition(line: mark.line + 1, column: mark.column + 1)
    }

    private static func characterAt(_ position: SourcePosition, source: SourceText) -> Character? {
        let starts = source.lineStarts()
        guard let line = source.lineText(position.line, lineStarts: starts) else { return nil }
        let scalars = line.unicodeScalars
        guard position.column - 1 < scalars.count else { return nil }
        return Character(scalars[scalars.index(scalars.startIndex, offsetBy: position.column - 1)])
    }

    private static func lineHasTab(_ line: Int, source: SourceText) -> Bool {
        let starts = source.lineStarts()
        return source.lineText(line, lineStarts: starts)?.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") ?? false
    }
}
