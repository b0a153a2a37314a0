import OrgSimulator

/// A per-record error found before the simulator is asked (bad JSON shape, unknown field).
struct RecordFailure: Error {
    var statusCode: String
    var message: String
    var fields: [String] = []

    var recordError: RecordError { RecordError(statusCode: statusCode, message: message, fields: fields) }

    static let notAnObject = RecordFailure(statusCode: "JSON_PARSER_ERROR", message: "A record must be a JSON object")

    static func badValue(_ field: String) -> RecordFailure {
        RecordFailure(statusCode: "JSON_PARSER_ERROR", message: "Cannot deserialize the value of \(field): a text field takes a string or null",
                      fields: [field])
    }

    static let insufficientAccess = RecordFailure(
        statusCode: "INSUFFICIENT_ACCESS_OR_READONLY",
        message: "insufficient access rights on object id: the user needs Customize Application")
}
