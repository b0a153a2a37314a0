/// A user to seed into a simulated org. Flags default to an ordinary active UI user.
public struct UserSeed: Codable, Sendable, Hashable {
    public var username: String
    /// The `Profile.Name`: it must be seeded in the same org (or exist there already).
    public var profile: String
    public var isActive: Bool
    public var isApiOnly: Bool
    public var hasApiUserPermissionSet: Bool
    public var mfaRequired: Bool
    /// "Customize Application" (`PermissionsCustomizeApplication`): needed to write custom
    /// settings over the API. On unless a seed switches it off.
    public var customizeApplication: Bool
    /// "View All Custom Settings" (`PermissionsViewAllCustomSettings`): needed to query them.
    public var viewAllCustomSettings: Bool

    public init(
        username: String, profile: String, isActive: Bool = true, isApiOnly: Bool = false,
        hasApiUserPermissionSet: Bool = false, mfaRequired: Bool = false,
        customizeApplication: Bool = true, viewAllCustomSettings: Bool = true
    ) {
        self.username = username
        self.profile = profile
        self.isActive = isActive
        self.isApiOnly = isApiOnly
        self.hasApiUserPermissionSet = hasApiUserPermissionSet
        self.mfaRequired = mfaRequired
        self.customizeApplication = customizeApplication
        self.viewAllCustomSettings = viewAllCustomSettings
    }

    private enum CodingKeys: String, CodingKey {
        case username, profile, isActive, isApiOnly, hasApiUserPermissionSet, mfaRequired
        case customizeApplication, viewAllCustomSettings
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
        customizeApplication = try container.decodeIfPresent(Bool.self, forKey: .customizeApplication) ?? true
        viewAllCustomSettings = try container.decodeIfPresent(Bool.self, forKey: .viewAllCustomSettings) ?? true
    }
}
