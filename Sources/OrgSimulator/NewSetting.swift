/// A custom-settings record to create (one element of a `composite/sobjects` POST).
public struct NewSetting: Codable, Sendable, Hashable {
    /// `SetupOwnerId`: the org (`00D`), a profile (`00e`) or a user (`005`); 15 or 18 characters.
    public var ownerId: String
    /// The account key field (`NVMContactWorld__clientId__c`); nil or empty leaves it null.
    public var clientId: String?
    public var baseURL: String?
    public var flags: String?

    public init(ownerId: String, clientId: String? = nil, baseURL: String? = nil, flags: String? = nil) {
        self.ownerId = ownerId
        self.clientId = clientId
        self.baseURL = baseURL
        self.flags = flags
    }
}
