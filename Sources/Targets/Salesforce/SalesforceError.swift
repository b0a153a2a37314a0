public import Reconciler

/// Failures of the Salesforce target as a whole, each naming the org and what to check. None
/// ever carries a token, secret, private key or assertion.
public enum SalesforceError: Error, Sendable, CustomStringConvertible {
    /// The token endpoint refused the login (`error`, `error_description` as Salesforce sent them).
    case authenticationFailed(org: String, error: String, description: String)
    /// A ready access token was rejected: it expired or was revoked, and cannot be renewed.
    case accessTokenExpired(org: String)
    /// The org rejected a fresh session too.
    case sessionRejected(org: String)
    case invalidPrivateKey(org: String, detail: String)
    case missingInstanceURL(org: String)
    case trustRootsUnreadable(path: String, detail: String)
    /// A request or write names an org the target has no endpoint for.
    case unknownOrg(String)
    /// A configured object or field name is not a Salesforce API name.
    case invalidAPIName(org: String, name: String)
    case objectMissing(org: String, object: String)
    case fieldMissing(org: String, object: String, field: String)
    case fieldType(org: String, object: String, field: String, type: String)
    /// The user cannot query the custom setting.
    case notReadable(org: String, object: String)
    /// The user cannot create, update or delete the custom setting's records.
    case notWritable(org: String, object: String, operation: String)
    /// The org's daily API allocation is used up.
    case dailyLimitReached(org: String, usage: APIUsage?)
    /// No answer after every retry.
    case unreachable(org: String, detail: String)
    /// The org answered with an error (`[{message, errorCode}]`).
    case requestFailed(org: String, status: Int, code: String, message: String)
    case malformedResponse(org: String, detail: String)
    /// The target's HTTP client was shut down.
    case shutDown

    public var description: String {
        switch self {
        case .authenticationFailed(let org, let error, let description):
            return "org '\(org)': login refused (\(error): \(description)); \(Self.loginHint(error: error, description: description))"
        case .accessTokenExpired(let org):
            return "org '\(org)': the access token was rejected (expired or revoked); obtain a new token, or use the JWT bearer or client credentials flow, which log in again by themselves"
        case .sessionRejected(let org):
            return "org '\(org)': the org rejected a freshly issued session (INVALID_SESSION_ID twice); check the user's session settings and IP restrictions"
        case .invalidPrivateKey(let org, let detail):
            return "org '\(org)': the JWT private key cannot be used (\(detail)); it must be an RSA private key of at least 2048 bits in PEM form"
        case .missingInstanceURL(let org):
            return "org '\(org)': no instance URL is known; set the org's instance URL"
        case .trustRootsUnreadable(let path, let detail):
            return "the CA file '\(path)' cannot be read as PEM certificates: \(detail)"
        case .unknownOrg(let org):
            return "org '\(org)' has no Salesforce connection settings"
        case .invalidAPIName(let org, let name):
            return "org '\(org)': '\(name)' is not a Salesforce API name (letters, digits and underscores, starting with a letter)"
        case .objectMissing(let org, let object):
            return "org '\(org)': the custom setting '\(object)' does not exist or is not visible to the user; check that the VCC managed package is installed and the object name is right"
        case .fieldMissing(let org, let object, let field):
            return "org '\(org)': the custom setting '\(object)' has no field '\(field)' visible to the user; check the field name and its field-level security"
        case .fieldType(let org, let object, let field, let type):
            return "org '\(org)': field '\(object).\(field)' is of type \(type), not a text field"
        case .notReadable(let org, let object):
            return "org '\(org)': the user cannot query '\(object)'; the user lacks 'View All Custom Settings'"
        case .notWritable(let org, let object, let operation):
            return "org '\(org)': the user cannot \(operation) '\(object)' records; the user lacks 'Customize Application'"
        case .dailyLimitReached(let org, let usage):
            let figures = usage.map { " (\($0.used) of \($0.max) calls used)" } ?? ""
            return "org '\(org)': the org's daily API request limit is reached\(figures); wait for the rolling 24-hour window to free calls"
        case .unreachable(let org, let detail):
            return "org '\(org)': Salesforce did not answer after retries: \(detail)"
        case .requestFailed(let org, let status, let code, let message):
            return "org '\(org)': Salesforce answered \(status) \(code): \(message)"
        case .malformedResponse(let org, let detail):
            return "org '\(org)': unexpected answer from Salesforce: \(detail)"
        case .shutDown:
            return "the Salesforce target was shut down"
        }
    }

    /// What to check for the login errors admins meet most.
    static func loginHint(error: String, description: String) -> String {
        let text = description.lowercased()
        if text.contains("audience") {
            return "check the audience setting (the JWT 'aud': usually https://login.salesforce.com or https://test.salesforce.com, or the My Domain for some apps)"
        }
        if text.contains("hasn't approved") || text.contains("not approved") {
            return "pre-authorize the connected app for the user's profile or a permission set (Permitted Users: admin approved users are pre-authorized)"
        }
        if error == "invalid_client_id" || text.contains("client identifier invalid") {
            return "check the consumer key (client id) of the connected app"
        }
        if error == "invalid_client" || text.contains("invalid client credentials") {
            return "check the client id and secret, and that the client credentials flow is enabled with a run-as user"
        }
        if text.contains("user") && (text.contains("inactive") || text.contains("invalid")) {
            return "check the username and that the user is active in this org (sandbox usernames carry the sandbox suffix)"
        }
        if text.contains("expired") || text.contains("signature") || text.contains("assertion") {
            return "check the connected app's certificate matches the private key, and the machine's clock"
        }
        return "check the connected app and the org's login settings"
    }
}
