/// One line of the Secrets Management list: a distinct account key in use and whether a token is stored.
/// The token itself is write-only and never part of it.
public struct SecretEntry: Codable, Sendable, Hashable {
    /// The Client ID (account key).
    public var clientId: String
    /// Owner Ids of the settings records that carry the key, in record-Id order.
    public var locations: [String]
    /// "API token set?"
    public var tokenSet: Bool

    public init(clientId: String, locations: [String], tokenSet: Bool) {
        self.clientId = clientId
        self.locations = locations
        self.tokenSet = tokenSet
    }
}
