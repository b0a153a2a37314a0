/// A user to seed into a simulated org. Flags default to an ordinary active UI user.
public struct UserSeed: Codable, Sendable, Hashable {
    public var username: String
    /// The `Profile.Name`: it must be seeded in the same org (or exist there already).
    public var profile: String
    public var isActive: Bool
    public var isApiOnly: Bool
    public var hasApiUserPermissionSet: Bool
    public var mfaRequired: Bool

    public init(
        username: String, profile: String, isActive: Bool = true, isApiOnly: Bool = false,
        hasApiUserPermissionSet: Bool = false, mfaRequired: Bool = false
    ) {
        self.username = username
        self.profile = profile
        self.isActive = isActive
        self.isApiOnly = isApiOnly
        self.hasApiUserPermissionSet = hasApiUserPermissionSet
        self.mfaRequired = mfaRequired
    }

    private enum CodingKeys: String, CodingKey {
        case username, profile, isActive, isApiOnly, hasApiUserPermissionSet, mfaRequired
    }

    /// Missing flags take the defaults, so a seed file only spells out what is special.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        username = try container.decode(String.self, forKey: .username)
        profile = try container.decode(String.self, forKey: .profile)
        isActive = try container.decodeIfPresent(Bool.self, forKey: .isActive) ?? true
        isApiOnly = try container.decodeIfPresent(Bool.self, forKey: .isApiOnly) ?? false
        hasApiUserPermissionSet = try container.decodeIfPresent(Bool.self, forKey: .hasApiUserPermissionSet) ?? false
        mfaRequired = try container.decodeIfPresent(Bool.self, forKey: .mfaRequired) ?? false
    }
}
