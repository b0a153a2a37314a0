/// Everything one simulated org holds, without any token.
public struct OrgSnapshot: Codable, Sendable, Hashable {
    public var org: SimulatedOrg
    public var profiles: [DirectoryProfile]
    public var users: [DirectoryUser]
    public var settings: [SettingSnapshot]
    public var secrets: [SecretEntry]
    /// API calls counted so far.
    public var apiCalls: Int

    public init(
        org: SimulatedOrg, profiles: [DirectoryProfile], users: [DirectoryUser],
        settings: [SettingSnapshot], secrets: [SecretEntry], apiCalls: Int
    ) {
        self.org = org
        self.profiles = profiles
        self.users = users
        self.settings = settings
        self.secrets = secrets
        self.apiCalls = apiCalls
    }
}
