import Foundation

/// One record of the hierarchy custom setting, as a SOQL query returns it.
public struct SettingRecord: Codable, Sendable, Hashable {
    /// The record Id (`a0X…`, 18 characters).
    public var id: String
    /// `SetupOwnerId` (18 characters): the org, a profile or a user.
    public var ownerId: String
    /// The account key, or nil when the record carries none.
    public var clientId: String?
    /// The retired token field: a plaintext token left by an old package version, when present.
    public var retiredToken: String?
    public var baseURL: String?
    public var flags: String?
    /// `LastModifiedDate`, to the millisecond.
    public var lastModified: Date

    public init(
        id: String, ownerId: String, clientId: String?, retiredToken: String?,
        baseURL: String?, flags: String?, lastModified: Date
    ) {
        self.id = id
        self.ownerId = ownerId
        self.clientId = clientId
        self.retiredToken = retiredToken
        self.baseURL = baseURL
        self.flags = flags
        self.lastModified = lastModified
    }

    /// The kind of owner, from the owner Id's prefix.
    public var ownerKind: OwnerKind? { OwnerKind(ownerId: ownerId) }
}
