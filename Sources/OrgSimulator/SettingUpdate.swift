/// A change to one custom-settings record (one element of a `composite/sobjects` PATCH).
/// The owner cannot change: Salesforce does not allow updating `SetupOwnerId`.
public struct SettingUpdate: Codable, Sendable, Hashable {
    /// The record Id (`a0X…`, 15 or 18 characters).
    public var id: String
    public var clientId: FieldUpdate
    public var baseURL: FieldUpdate
    public var flags: FieldUpdate
    /// The retired token field: a migration clears it once the token lives in Secrets Management.
    public var retiredToken: FieldUpdate

    public init(
        id: String,
        clientId: FieldUpdate = .keep,
        baseURL: FieldUpdate = .keep,
        flags: FieldUpdate = .keep,
        retiredToken: FieldUpdate = .keep
    ) {
        self.id = id
        self.clientId = clientId
        self.baseURL = baseURL
        self.flags = flags
        self.retiredToken = retiredToken
    }
}
