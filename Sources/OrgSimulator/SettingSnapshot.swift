import Foundation

/// A settings record in a snapshot: owner by name, and only whether a retired token is present.
public struct SettingSnapshot: Codable, Sendable, Hashable {
    public var id: String
    public var ownerId: String
    /// The owner by name; nil when the owner Id no longer names a profile or user of the org.
    public var owner: SettingOwner?
    public var clientId: String?
    public var baseURL: String?
    public var flags: String?
    /// True when the retired token field holds a (plaintext) token: a security finding.
    public var retiredTokenPresent: Bool
    public var lastModified: Date

    public init(
        id: String, ownerId: String, owner: SettingOwner?, clientId: String?, baseURL: String?,
        flags: String?, retiredTokenPresent: Bool, lastModified: Date
    ) {
        self.id = id
        self.ownerId = ownerId
        self.owner = owner
        self.clientId = clientId
        self.baseURL = baseURL
        self.flags = flags
        self.retiredTokenPresent = retiredTokenPresent
        self.lastModified = lastModified
    }
}
