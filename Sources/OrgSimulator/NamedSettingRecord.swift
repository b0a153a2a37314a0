/// A settings record with its owner named, as one SOQL query with a polymorphic relationship
/// returns it (`SELECT Id, SetupOwnerId, TYPEOF SetupOwner WHEN User THEN Username, IsActive,
/// Profile.Name WHEN Profile THEN Name END, … FROM NVMContactWorld__Settings__c`).
public struct NamedSettingRecord: Sendable, Hashable {
    public var id: String
    public var ownerId: String
    /// nil: the org cannot name the owner.
    public var owner: SettingOwner?
    /// Users only: whether the user is active.
    public var ownerIsActive: Bool
    /// Users only: the name of the user's profile.
    public var ownerProfileName: String?
    public var clientId: String?
    /// Whether the retired token field holds a value (the value itself is never read back here).
    public var hasRetiredToken: Bool

    public init(id: String, ownerId: String, owner: SettingOwner?, ownerIsActive: Bool = true,
                ownerProfileName: String? = nil, clientId: String?, hasRetiredToken: Bool = false) {
        self.id = id
        self.ownerId = ownerId
        self.owner = owner
        self.ownerIsActive = ownerIsActive
        self.ownerProfileName = ownerProfileName
        self.clientId = clientId
        self.hasRetiredToken = hasRetiredToken
    }
}
