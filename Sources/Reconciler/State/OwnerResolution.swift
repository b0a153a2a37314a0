/// A location's owner as the org knows it: the Id of the org, profile or user named.
public struct OwnerResolution: Sendable, Hashable, Codable {
    public var ownerId: String
    /// Users only: whether the user is active (inactive users keep their records).
    public var isActive: Bool
    /// Users only: the name of the user's profile (the next level of the hierarchy).
    public var profileName: String?

    public init(ownerId: String, isActive: Bool = true, profileName: String? = nil) {
        self.ownerId = ownerId
        self.isActive = isActive
        self.profileName = profileName
    }
}
