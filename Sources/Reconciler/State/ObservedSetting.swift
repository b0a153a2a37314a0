/// A custom-settings record as read from the org.
public struct ObservedSetting: Sendable, Hashable, Codable {
    public var recordId: String
    /// The owner (`SetupOwnerId`) and, for a user, whether it is active and its profile.
    public var owner: OwnerResolution
    /// The account key field; nil or empty when the record carries none.
    public var accountKey: String?
    /// The retired token field holds a value: a plaintext token in org data.
    public var hasRetiredToken: Bool

    public init(recordId: String, owner: OwnerResolution, accountKey: String?, hasRetiredToken: Bool = false) {
        self.recordId = recordId
        self.owner = owner
        self.accountKey = accountKey
        self.hasRetiredToken = hasRetiredToken
    }

    public init(recordId: String, ownerId: String, accountKey: String?, hasRetiredToken: Bool = false) {
        self.init(recordId: recordId, owner: OwnerResolution(ownerId: ownerId), accountKey: accountKey,
                  hasRetiredToken: hasRetiredToken)
    }

    public var ownerId: String { owner.ownerId }

    /// The key field, nil when it is empty.
    public var key: String? { accountKey.flatMap { $0.isEmpty ? nil : $0 } }
}
