public import YAMLSyntax

/// Where a declaration was written. Deliberately equal to every other origin and hashing to
/// nothing, so that model types compare by meaning: the same configuration moved to another line
/// or file is the same desired state. Plain integers (the file by id), because a large
/// configuration holds millions of them.
public struct SourceOrigin: Sendable, Hashable {
    /// nil for declarations made in code rather than read from a file.
    public var file: SourceFileID?
    public var startLine: Int32
    public var startColumn: Int32
    public var endLine: Int32
    public var endColumn: Int32

    public init(file: SourceFileID?, range: SourceRange) {
        self.file = file
        startLine = Int32(clamping: range.start.line)
        startColumn = Int32(clamping: range.start.column)
        endLine = Int32(clamping: range.end.line)
        endColumn = Int32(clamping: range.end.column)
    }

    public init(_ node: YAMLNode) {
        self.init(file: node.document.fileID, range: node.range)
    }

    public static let none = SourceOrigin(file: nil, range: SourceRange(at: SourcePosition(line: 0, column: 0)))

    public var range: SourceRange {
        SourceRange(start: SourcePosition(line: Int(startLine), column: Int(startColumn)),
                    end: SourcePosition(line: Int(endLine), column: Int(endColumn)))
    }

    public var location: SourceLocation? {
        file.map { SourceLocation(file: $0.path, range: range) }
    }

    public static func == (lhs: SourceOrigin, rhs: SourceOrigin) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}

extension SourceOrigin: Codable {
    /// Encoded as `file:line:column` (or null): a readable pointer back into the configuration.
    public init(from decoder: any Decoder) throws {
        self = .none
        let container = try decoder.singleValueContainer()
        guard !container.decodeNil() else { return }
        let text = try container.decode(String.self)
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, let line = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]) else {
            return
        }
        let path = parts.dropLast(2).joined(separator: ":")
        self = SourceOrigin(file: SourceFileID(path: path),
                            range: SourceRange(at: SourcePosition(line: line, column: column)))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let location { try container.encode(location.description) } else { try container.encodeNil() }
    }
}
