import Hummingbird
import SOQL

/// A refused token request, shaped as Salesforce answers it: `{"error", "error_description"}`.
struct OAuthFailure: Error {
    var status: HTTPResponse.Status = .badRequest
    var error: String
    var description: String

    var reply: EmulatorReply {
        EmulatorReply(status: status, json: .object([("error", .string(error)), ("error_description", .string(description))]))
    }

    static func invalidGrant(_ description: String) -> OAuthFailure {
        OAuthFailure(error: "invalid_grant", description: description)
    }

    static let invalidClientId = OAuthFailure(error: "invalid_client_id", description: "client identifier invalid")
    static let invalidClient = OAuthFailure(error: "invalid_client", description: "invalid client credentials")
    static let unsupportedGrantType = OAuthFailure(error: "unsupported_grant_type", description: "grant type not supported")
}
