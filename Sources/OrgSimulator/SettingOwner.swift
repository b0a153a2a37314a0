/// An owner of a custom-settings record by name, as admins think of it (a "location").
public enum SettingOwner: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The org default record.
    case org
    /// The record of the profile with this `Profile.Name`.
    case profile(String)
    /// The record of the user with this `Username`.
    case user(String)

    public var description: String {
        switch self {
        case .org: "org"
        case .profile(let name): "profile \"\(name)\""
        case .user(let username): "user \(username)"
        }
    }

    /// The owner kind, which is also the Id prefix the owner's Id carries.
    public var kind: OwnerKind {
        switch self {
        case .org: .org
        case .profile: .profile
        case .user: .user
        }
    }
}
