/// One error of a per-record result, shaped like Salesforce's `{statusCode, message, fields}`.
public struct RecordError: Codable, Sendable, Hashable {
    /// A Salesforce status code such as `DUPLICATE_VALUE` or `INVALID_CROSS_REFERENCE_KEY`.
    public var statusCode: String
    public var message: String
    /// The fields the error is about, when Salesforce would name them.
    public var fields: [String]

    public init(statusCode: String, message: String, fields: [String] = []) {
        self.statusCode = statusCode
        self.message = message
        self.fields = fields
    }
}
