/// Which kind of `SetupOwnerId` a hierarchy custom-setting record belongs to, told by the Id prefix.
public enum OwnerKind: String, Codable, Sendable, Hashable {
    /// The org default (`00D…`).
    case org
    /// A profile (`00e…`).
    case profile
    /// A user (`005…`).
    case user

    /// The kind of an owner Id, or nil when its prefix is none of the three.
    public init?(ownerId: String) {
        switch ownerId.prefix(3) {
        case SalesforceId.Prefix.org.rawValue: self = .org
        case SalesforceId.Prefix.profile.rawValue: self = .profile
        case SalesforceId.Prefix.user.rawValue: self = .user
        default: return nil
        }
    }
}
