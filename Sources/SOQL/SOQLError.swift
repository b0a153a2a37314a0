/// A query Salesforce would refuse, with the error code and message its REST API answers with
/// (`[{"message": ..., "errorCode": ...}]`, HTTP 400).
///
/// Codes used: `MALFORMED_QUERY` (syntax, or anything outside the supported subset),
/// `INVALID_TYPE` (unknown object), `INVALID_FIELD` (unknown field or relationship),
/// `INVALID_QUERY_FILTER_OPERATOR` (a filter value Salesforce rejects, such as a malformed Id),
/// `NUMBER_OUTSIDE_VALID_RANGE` (an OFFSET above 2000).
public struct SOQLError: Error, Sendable, Equatable {
    /// Salesforce's `errorCode`, e.g. `MALFORMED_QUERY`.
    public var code: String
    /// Salesforce's `message`.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    static func malformed(_ message: String) -> SOQLError {
        SOQLError(code: "MALFORMED_QUERY", message: message)
    }

    static func noSuchColumn(_ field: String, entity: String) -> SOQLError {
        SOQLError(
            code: "INVALID_FIELD",
            message: "No such column '\(field)' on entity '\(entity)'. If you are attempting to use a custom field, "
                + "be sure to append the '__c' after the custom field name. Please reference your WSDL or the "
                + "describe call for the appropriate names."
        )
    }

    static func unknownRelationship(_ name: String) -> SOQLError {
        SOQLError(
            code: "INVALID_FIELD",
            message: "Didn't understand relationship '\(name)' in field path. If you are attempting to use a "
                + "custom relationship, be sure to append the '__r' after the custom relationship name. Please "
                + "reference your WSDL or the describe call for the appropriate names."
        )
    }

    static func unknownObject(_ name: String) -> SOQLError {
        SOQLError(
            code: "INVALID_TYPE",
            message: "sObject type '\(name)' is not supported. If you are attempting to use a custom object, be "
                + "sure to append the '__c' after the entity name. Please reference your WSDL or the describe "
                + "call for the appropriate names."
        )
    }
}
