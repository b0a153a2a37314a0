/// Where something stands: a file path (as the user named it) and a range in it.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var range: SourceRange

    public init(file: String, range: SourceRange) {
        self.file = file
        self.range = range
    }

    public var description: String { "\(file):\(range.start.line):\(range.start.column)" }
}
