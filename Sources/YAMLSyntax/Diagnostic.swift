/// One finding about the user's input: where, what, and what to do about it.
///
/// Every layer (YAML syntax, config decoding, semantic validation) reports through this one type so
/// that all findings of a run can be sorted, rendered and counted together.
public struct Diagnostic: Sendable, Hashable, Codable, Error {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    /// A secondary remark: another place involved, or a hint how to fix the finding.
    public struct Note: Sendable, Hashable, Codable {
        public var message: String
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = DiagnosticText.bounded(message)
            self.location = location
        }
    }

    public var severity: Severity
    /// A stable identifier of the class of finding (for example `config.unknown-key`), for
    /// machines reading JSON output and for tests.
    public var code: String
    public var message: String
    public var location: SourceLocation?
    public var notes: [Note]

    public init(
        _ severity: Severity, code: String, _ message: String,
        at location: SourceLocation? = nil, notes: [Note] = []
    ) {
        self.severity = severity
        self.code = code
        // Bounded here, so that no message, however built, can carry a whole hostile line.
        self.message = DiagnosticText.bounded(message)
        self.location = location
        self.notes = notes
    }

    public static func error(
        _ code: String, _ message: String, at location: SourceLocation? = nil, notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(.error, code: code, message, at: location, notes: notes)
    }

    public static func warning(
        _ code: String, _ message: String, at location: SourceLocation? = nil, notes: [Note] = []
    ) -> Diagnostic {
        Diagnostic(.warning, code: code, message, at: location, notes: notes)
    }
}

extension Diagnostic {
    /// Source order: by file, then position; unlocated findings first.
    public static func sourceOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        switch (lhs.location, rhs.location) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case let (l?, r?):
            if l.file != r.file { return l.file < r.file }
            return l.range.start < r.range.start
        }
    }
}
