import Hummingbird
import SOQL

/// A request-level error as the Salesforce REST API answers it: an HTTP status and a JSON array
/// `[{"message": ..., "errorCode": ...}]`.
struct APIFailure: Error {
    var status: HTTPResponse.Status
    var errorCode: String
    var message: String
    var fields: [String]? = nil

    var body: JSONValue {
        var pairs: [(String, JSONValue)] = [("message", .string(message)), ("errorCode", .string(errorCode))]
        if let fields { pairs.append(("fields", .array(fields.map { .string($0) }))) }
        return .array([.object(pairs)])
    }

    var reply: EmulatorReply { EmulatorReply(status: status, json: body) }

    static let invalidSession = APIFailure(
        status: .unauthorized, errorCode: "INVALID_SESSION_ID", message: "Session expired or invalid")
    static let notFound = APIFailure(
        status: .notFound, errorCode: "NOT_FOUND", message: "The requested resource does not exist")
    static let totalRequestsExceeded = APIFailure(
        status: .forbidden, errorCode: "REQUEST_LIMIT_EXCEEDED", message: "TotalRequests Limit exceeded.")
    static let concurrentRequestsExceeded = APIFailure(
        status: .forbidden, errorCode: "REQUEST_LIMIT_EXCEEDED",
        message: "ConcurrentRequests (Concurrent API Requests) Limit exceeded.")

    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [String]) -> APIFailure {
        APIFailure(
            status: .methodNotAllowed, errorCode: "METHOD_NOT_ALLOWED",
            message: "HTTP Method '\(method.rawValue)' not allowed. Allowed are \(allowed.joined(separator: ","))")
    }

    static func badJSON(_ message: String) -> APIFailure {
        APIFailure(status: .badRequest, errorCode: "JSON_PARSER_ERROR", message: message)
    }

    static func malformedRequest(_ message: String) -> APIFailure {
        APIFailure(status: .badRequest, errorCode: "INVALID_FIELD", message: message)
    }
}
