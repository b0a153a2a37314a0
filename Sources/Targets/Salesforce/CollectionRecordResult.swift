/// The result of one record in an sObject Collections answer: `{id, success, errors}`.
struct CollectionRecordResult: Sendable, Hashable {
    var id: String?
    var success: Bool
    var errors: [SalesforceAPIError]

    init(id: String?, success: Bool, errors: [SalesforceAPIError] = []) {
        self.id = id
        self.success = success
        self.errors = errors
    }

    init(_ json: SalesforceJSON) {
        id = json["id"]?.string
        success = json["success"]?.bool ?? false
        errors = (json["errors"]?.array ?? []).map(SalesforceAPIError.init)
        if !success, errors.isEmpty { errors = [SalesforceAPIError(code: "UNKNOWN_ERROR", message: "the record was not written")] }
    }

    static func failed(_ error: SalesforceAPIError) -> CollectionRecordResult {
        CollectionRecordResult(id: nil, success: false, errors: [error])
    }
}
