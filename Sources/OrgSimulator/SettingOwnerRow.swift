/// The owner of a settings record, as a polymorphic `SetupOwner` relationship reads it.
public struct SettingOwnerRow: Sendable, Hashable {
    public var kind: OwnerKind
    /// The org's name, the profile's name or the user's username.
    public var name: String
    /// Users only.
    public var isActive: Bool
    /// Users only.
    public var profileId: String?
    /// Users only.
    public var profileName: String?
}
