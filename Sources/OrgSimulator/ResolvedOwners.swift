/// Names resolved to Ids in one org, for those names that exist; missing names are simply absent.
public struct ResolvedOwners: Codable, Sendable, Hashable {
    /// The Organization Id: the org default's `SetupOwnerId`.
    public var orgId: String
    /// `Profile.Name` → `Profile.Id`.
    public var profiles: [String: String]
    /// `Username` → the user, with the flags a plan checks for an API user.
    public var users: [String: DirectoryUser]

    public init(orgId: String, profiles: [String: String], users: [String: DirectoryUser]) {
        self.orgId = orgId
        self.profiles = profiles
        self.users = users
    }
}
