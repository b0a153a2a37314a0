/// How `SalesforceTarget` authenticates to one org. The caller reads the values from the
/// environment; the target keeps them in memory only and never logs them or puts them in an error.
public enum SalesforceCredentials: Sendable {
    /// A ready access token for `instanceURL`. It cannot be renewed: when the org answers 401,
    /// the token has expired and the run stops.
    case accessToken(token: String, instanceURL: String)
    /// OAuth 2.0 JWT bearer flow: an RS256 assertion signed with the connected app's private key
    /// (PEM), issued by `consumerKey` for `username`.
    case jwt(consumerKey: String, username: String, privateKeyPEM: String)
    /// OAuth 2.0 client credentials flow (the org's My Domain only).
    case clientCredentials(clientId: String, clientSecret: String)
    /// The loopback emulator's fixed development login (`vccctl emulator serve`): no secret at all.
    case emulatorDevelopment

    /// Whether a session can be opened again after it expired (every method but a ready token).
    var canRenew: Bool {
        if case .accessToken = self { return false }
        return true
    }
}
