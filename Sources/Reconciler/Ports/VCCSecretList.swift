/// One org's Secrets Management list, as a `VCCPort` read it.
public struct VCCSecretList: Sendable, Hashable {
    public var secrets: [VCCSecret]
    /// Salesforce API calls the read spent (0 when VCC answered it from its own side).
    public var apiCalls: Int

    public init(secrets: [VCCSecret], apiCalls: Int = 0) {
        self.secrets = secrets
        self.apiCalls = apiCalls
    }
}

/// One line of Secrets Management: a distinct account key in use and whether a token is stored.
/// The token itself is write-only and never part of it.
public struct VCCSecret: Sendable, Hashable {
    public var accountKey: String
    /// Owner Ids of the settings records carrying the key (empty when not asked for).
    public var locations: [String]
    public var tokenSet: Bool

    public init(accountKey: String, locations: [String] = [], tokenSet: Bool) {
        self.accountKey = accountKey
        self.locations = locations
        self.tokenSet = tokenSet
    }
}
