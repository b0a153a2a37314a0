import Hummingbird
import SOQL

/// A refused request of the VCC admin contract (schemas/vcc-admin.openapi.yaml): an HTTP status
/// and `{"error": {"code", "message"}}`. Messages name what was wrong and never repeat a token:
/// neither the admin bearer token nor an API token passes through here.
struct VCCAdminFailure: Error {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    /// For 405: the methods the path accepts (the `Allow` header).
    var allowed: [String] = []

    var reply: EmulatorReply {
        var reply = EmulatorReply(status: status, json: .object([
            ("error", .object([("code", .string(code)), ("message", .string(message))])),
        ]))
        if status == .unauthorized {
            // RFC 6750: a 401 names the scheme the client should use.
            reply.headers[.wwwAuthenticate] = #"Bearer realm="vcc-admin""#
        }
        if !allowed.isEmpty {
            reply.headers[.allow] = allowed.joined(separator: ", ")
        }
        return reply
    }

    static let unauthorized = VCCAdminFailure(
        status: .unauthorized, code: "unauthorized",
        message: "missing or invalid bearer token: send Authorization: Bearer <the admin token>")
    static let notFound = VCCAdminFailure(
        status: .notFound, code: "not_found", message: "no such resource in the VCC admin contract v1")
    static let tooLarge = VCCAdminFailure(
        status: .contentTooLarge, code: "invalid_request",
        message: "the request body is larger than \(EmulatorService.maximumAdminBodyBytes) bytes")

    static func invalidRequest(_ message: String) -> VCCAdminFailure {
        VCCAdminFailure(status: .badRequest, code: "invalid_request", message: message)
    }

    static func orgNotFound(_ orgId: String) -> VCCAdminFailure {
        VCCAdminFailure(status: .notFound, code: "org_not_found", message: "no org with Id \(orgId)")
    }

    static func keyNotInUse(_ clientId: String) -> VCCAdminFailure {
        VCCAdminFailure(
            status: .conflict, code: "key_not_in_use",
            message: "Secrets Management does not list Client ID \(clientId): no custom-settings record carries it; "
                + "set the key in custom settings first")
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [String]) -> VCCAdminFailure {
        VCCAdminFailure(
            status: .methodNotAllowed, code: "method_not_allowed",
            message: "\(method.rawValue) is not allowed here; allowed: \(allowed.joined(separator: ", "))", allowed: allowed)
    }

    /// The simulator's database failed: nothing the request did, so a 500 the client may retry.
    static func internalError(_ error: any Error) -> VCCAdminFailure {
        VCCAdminFailure(status: .internalServerError, code: "internal_error", message: "the emulator's store failed: \(error)")
    }
}
