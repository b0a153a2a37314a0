/// Kinds of difference between what vccctl applied and what is really there.
public enum DriftClass: String, Sendable, Hashable, Codable, CaseIterable {
    case changedOutside = "changed-outside"
    case deletedOutside = "deleted-outside"
    case unmanaged
    case tokenCleared = "token-cleared"
    case linkChanged = "link-changed"
    case linkLegacy = "link-legacy"
    case linkedAsOtherUser = "linked-as-other-user"
    case plaintextToken = "plaintext-token"
    /// A record vccctl made sits under another owner now (the user or profile was renamed).
    case ownerChanged = "owner-changed"
    /// A declared user is inactive: its record reaches nobody.
    case inactiveUser = "inactive-user"
}
