/// What a profile's users have in common, for the emulator's `Profile` rows: how many there are
/// and whether every one of them has each permission (vacuously true without users).
public struct ProfileMembership: Sendable, Hashable {
    public var users: Int
    public var allApiOnly: Bool
    public var allCustomizeApplication: Bool
    public var allViewAllCustomSettings: Bool

    public init(users: Int = 0, allApiOnly: Bool = true, allCustomizeApplication: Bool = true,
                allViewAllCustomSettings: Bool = true) {
        self.users = users
        self.allApiOnly = allApiOnly
        self.allCustomizeApplication = allCustomizeApplication
        self.allViewAllCustomSettings = allViewAllCustomSettings
    }
}
