/// One org of a directory seed: its environment, profiles and users.
public struct OrgSeed: Codable, Sendable, Hashable {
    public var name: String
    public var environment: SalesforceEnvironment
    public var profiles: [String]
    public var users: [UserSeed]

    public init(name: String, environment: SalesforceEnvironment, profiles: [String] = [], users: [UserSeed] = []) {
        self.name = name
        self.environment = environment
        self.profiles = profiles
        self.users = users
    }

    private enum CodingKeys: String, CodingKey {
        case name, environment, profiles, users
    }

    /// Profiles and users may be left out of a seed file.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        environment = try container.decode(SalesforceEnvironment.self, forKey: .environment)
        profiles = try container.decodeIfPresent([String].self, forKey: .profiles) ?? []
        users = try container.decodeIfPresent([UserSeed].self, forKey: .users) ?? []
    }
}
