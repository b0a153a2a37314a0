/// A custom-settings record as read from the org.
public struct ObservedSetting: Sendable, Hashable, Codable {
    public var recordId: String
    public var ownerId: String
    /// The account key field; nil or empty when the record carries none.
    public var accountKey: String?
    /// The retired token field holds a value: a plaintext token in org data.
    public var hasRetiredToken: Bool

    public init(recordId: String, ownerId: String, accountKey: String?, hasRetiredToken: Bool = false) {
        self.recordId = recordId
        self.ownerId = ownerId
        self.accountKey = accountKey
        self.hasRetiredToken = hasRetiredToken
    }
}
