/// How vccctl authenticates to a Salesforce org: exactly one method, every credential an
/// environment-variable reference.
public enum OrgAuthentication: Sendable, Hashable, Codable {
    /// A ready access token for the instance URL.
    case accessToken(EnvironmentReference)
    /// OAuth 2.0 JWT bearer flow: an RS256 assertion signed with the connected app's private key
    /// (PEM), issued by its consumer key, for `username`.
    case jwt(consumerKey: EnvironmentReference, username: String, privateKey: EnvironmentReference)
    /// OAuth 2.0 client credentials flow against the org's My Domain.
    case clientCredentials(clientId: EnvironmentReference, clientSecret: EnvironmentReference)

    /// The method's name as written in the file.
    public var method: String {
        switch self {
        case .accessToken: "accessToken"
        case .jwt: "jwt"
        case .clientCredentials: "clientCredentials"
        }
    }

    /// Every environment variable the method reads.
    public var environmentReferences: [EnvironmentReference] {
        switch self {
        case .accessToken(let token): [token]
        case .jwt(let consumerKey, _, let privateKey): [consumerKey, privateKey]
        case .clientCredentials(let clientId, let clientSecret): [clientId, clientSecret]
        }
    }
}
