/// What a started emulator tells its caller (and writes to `--ready-file` as snake_case JSON):
/// where it listens, what to trust, and sessions and credentials to use right away.
public struct EmulatorReady: Sendable, Codable, Hashable {
    /// `https://127.0.0.1:PORT` (or `http://` without TLS).
    public var url: String
    /// The CA certificate to trust (`DIR/ca.pem`); nil without TLS or with the caller's own certificate.
    public var caFile: String?
    /// A session of the first org by name; nil when there is no org.
    public var accessToken: String?
    /// Org name → a session's access token, for every org with an active user.
    public var orgs: [String: String]
    /// The connected app's consumer key (the `iss` of JWT bearer assertions and the client-credentials client id).
    public var consumerKey: String
    public var clientId: String
    public var clientSecret: String
    /// The key to sign JWT bearer assertions with (`DIR/connected-app/private-key.pem`).
    public var privateKeyFile: String
    /// `EmulatorDevelopmentCredentials.clientId` (its secret is the same public constant).
    public var developmentClientId: String
    /// The base URL of the VCC admin contract (the same server; operations live under
    /// `/vcc-admin/v1/`, which this URL does not include).
    public var vccAdminURL: String
    /// The bearer token of the VCC admin contract, random for this run. Only this (owner-only)
    /// file carries it: the emulator never logs or echoes it.
    public var vccAdminToken: String

    enum CodingKeys: String, CodingKey {
        case url
        case caFile = "ca_file"
        case accessToken = "access_token"
        case orgs
        case consumerKey = "consumer_key"
        case clientId = "client_id"
        case clientSecret = "client_secret"
        case privateKeyFile = "private_key_file"
        case developmentClientId = "development_client_id"
        case vccAdminURL = "vcc_admin_url"
        case vccAdminToken = "vcc_admin_token"
    }

    /// One JSON object; `ca_file` and `access_token` are written as null when absent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(url, forKey: .url)
        try container.encode(caFile, forKey: .caFile)
        try container.encode(accessToken, forKey: .accessToken)
        try container.encode(orgs, forKey: .orgs)
        try container.encode(consumerKey, forKey: .consumerKey)
        try container.encode(clientId, forKey: .clientId)
        try container.encode(clientSecret, forKey: .clientSecret)
        try container.encode(privateKeyFile, forKey: .privateKeyFile)
        try container.encode(developmentClientId, forKey: .developmentClientId)
        try container.encode(vccAdminURL, forKey: .vccAdminURL)
        try container.encode(vccAdminToken, forKey: .vccAdminToken)
    }
}
