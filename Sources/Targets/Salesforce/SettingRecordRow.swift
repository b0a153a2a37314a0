import VCCModel

/// One row of the settings query, its owner named by the TYPEOF clause.
struct SettingRecordRow: Sendable, Equatable {
    var id: String
    var ownerId: String
    var key: String?
    var systemModstamp: String
    /// Where the owner sits in the hierarchy; nil when the org could not name it.
    var location: Location?
    var isActive: Bool
    var profileId: String?

    init(id: String, ownerId: String, key: String?, systemModstamp: String, location: Location?, isActive: Bool = true,
         profileId: String? = nil) {
        self.id = id
        self.ownerId = ownerId
        self.key = key
        self.systemModstamp = systemModstamp
        self.location = location
        self.isActive = isActive
        self.profileId = profileId
    }

    /// Reads a record; nil when it lacks an Id or owner Id (not a record of this query).
    init?(_ json: SalesforceJSON, keyField: String) {
        guard let id = json["Id"]?.string, let ownerId = json["SetupOwnerId"]?.string else { return nil }
        self.id = id
        self.ownerId = ownerId
        key = json[keyField]?.string
        systemModstamp = json["SystemModstamp"]?.string ?? ""
        isActive = true
        profileId = nil
        let owner = json["SetupOwner"]
        switch owner?["attributes"]?["type"]?.string {
        case "Organization":
            location = .org()
        case "Profile":
            location = owner?["Name"]?.string.map { .profile($0) }
        case "User":
            location = owner?["Username"]?.string.map { .user($0) }
            isActive = owner?["IsActive"]?.bool ?? true
            profileId = owner?["ProfileId"]?.string
        default:
            // No owner (deleted) or an owner of another type: kept, unnamed.
            location = nil
        }
    }
}
