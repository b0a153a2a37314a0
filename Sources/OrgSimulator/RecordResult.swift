/// The outcome of one record in an sObject Collections request, in input order (`allOrNone=false`).
public struct RecordResult: Codable, Sendable, Hashable {
    /// The record Id: the new one on create, the given one on update and delete; nil when unknown.
    public var id: String?
    public var success: Bool
    public var errors: [RecordError]

    public init(id: String?, success: Bool, errors: [RecordError] = []) {
        self.id = id
        self.success = success
        self.errors = errors
    }

    static func succeeded(_ id: String) -> RecordResult {
        RecordResult(id: id, success: true)
    }

    static func failed(_ id: String?, _ error: RecordError) -> RecordResult {
        RecordResult(id: id, success: false, errors: [error])
    }
}
