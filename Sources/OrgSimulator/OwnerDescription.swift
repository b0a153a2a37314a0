/// The name behind an owner Id: what `describeOwners` answers so a plan can print records by name.
public struct OwnerDescription: Codable, Sendable, Hashable {
    /// The owner Id (18 characters).
    public var id: String
    public var kind: OwnerKind
    /// The org's configuration name, the `Profile.Name` or the `Username`.
    public var name: String

    public init(id: String, kind: OwnerKind, name: String) {
        self.id = id
        self.kind = kind
        self.name = name
    }

    /// The owner by name.
    public var owner: SettingOwner {
        switch kind {
        case .org: .org
        case .profile: .profile(name)
        case .user: .user(name)
        }
    }
}
