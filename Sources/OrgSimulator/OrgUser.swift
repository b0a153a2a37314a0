/// A user of a simulated org with everything the HTTP emulator answers about it: the directory
/// flags and the two permissions that decide what its sessions may read and write.
public struct OrgUser: Sendable, Hashable {
    /// The org's name in the simulator.
    public var org: String
    public var id: String
    public var username: String
    public var profileId: String
    public var profileName: String
    public var isActive: Bool
    public var isApiOnly: Bool
    public var hasApiUserPermissionSet: Bool
    public var mfaRequired: Bool
    public var customizeApplication: Bool
    public var viewAllCustomSettings: Bool

    public init(org: String, id: String, username: String, profileId: String, profileName: String,
                isActive: Bool, isApiOnly: Bool, hasApiUserPermissionSet: Bool, mfaRequired: Bool,
                customizeApplication: Bool, viewAllCustomSettings: Bool) {
        self.org = org
        self.id = id
        self.username = username
        self.profileId = profileId
        self.profileName = profileName
        self.isActive = isActive
        self.isApiOnly = isApiOnly
        self.hasApiUserPermissionSet = hasApiUserPermissionSet
        self.mfaRequired = mfaRequired
        self.customizeApplication = customizeApplication
        self.viewAllCustomSettings = viewAllCustomSettings
    }
}
