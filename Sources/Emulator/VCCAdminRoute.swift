import Foundation
import Hummingbird

/// The operations of the VCC admin contract by path, matched by hand like the Salesforce routes
/// (the contract has five paths). Variable segments are percent-decoded after the match, so an
/// account key may hold any character, `/` included, when the client encodes it.
enum VCCAdminRoute: Equatable {
    /// `orgs/{org_id}/secrets`
    case secrets(orgId: String)
    /// `orgs/{org_id}/secrets/{client_id}/token`
    case token(orgId: String, clientId: String)
    /// `links/lookup`
    case lookup
    /// `accounts/{account_key}/link`
    case link(accountKey: String)
    /// `consent/{consent_id}`: the consent page, the only route without bearer auth.
    case consent(id: String)

    /// The base path every route lives under.
    static let prefix = "/vcc-admin/v1/"

    /// The route of a raw path (without the query); nil: no such resource (404). A variable
    /// segment that does not percent-decode to UTF-8 is a malformed request (400).
    static func match(path: Substring) throws(VCCAdminFailure) -> VCCAdminRoute? {
        guard path.hasPrefix(prefix) else { return nil }
        let parts = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
        switch (parts.count, parts.first) {
        case (3, "orgs") where parts[2] == "secrets":
            return .secrets(orgId: try decode(parts[1], "org_id"))
        case (5, "orgs") where parts[2] == "secrets" && parts[4] == "token":
            return .token(orgId: try decode(parts[1], "org_id"), clientId: try decode(parts[3], "client_id"))
        case (2, "links") where parts[1] == "lookup":
            return .lookup
        case (3, "accounts") where parts[2] == "link":
            return .link(accountKey: try decode(parts[1], "account_key"))
        case (2, "consent"):
            return .consent(id: try decode(parts[1], "consent_id"))
        default:
            return nil
        }
    }

    /// The methods the route accepts, for 405 and its `Allow` header.
    var allowedMethods: [HTTPRequest.Method] {
        switch self {
        case .secrets: [.get]
        case .token: [.put]
        case .lookup: [.post]
        case .link: [.get, .post, .delete]
        case .consent: [.get, .post]
        }
    }

    private static func decode(_ segment: Substring, _ name: String) throws(VCCAdminFailure) -> String {
        guard let decoded = String(segment).removingPercentEncoding else {
            throw .invalidRequest("\(name) in the path is not valid percent-encoded UTF-8")
        }
        return decoded
    }
}
