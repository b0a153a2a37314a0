/// A user of a simulated org, with the flags that matter for an API user.
public struct DirectoryUser: Codable, Sendable, Hashable {
    /// `User.Id` (`005…`, 18 characters).
    public var id: String
    /// `User.Username`, unique within the org.
    public var username: String
    public var profileId: String
    public var profileName: String
    public var isActive: Bool
    /// The "API Only User" permission (`PermissionsApiUserOnly`): exempt from the MFA rule.
    public var isApiOnly: Bool
    /// Has the "ContactWorld API user" permission set (`NVMContactWorld__API_user`).
    public var hasApiUserPermissionSet: Bool
    public var mfaRequired: Bool

    public init(
        id: String, username: String, profileId: String, profileName: String,
        isActive: Bool, isApiOnly: Bool, hasApiUserPermissionSet: Bool, mfaRequired: Bool
    ) {
        self.id = id
        self.username = username
        self.profileId = profileId
        self.profileName = profileName
        self.isActive = isActive
        self.isApiOnly = isApiOnly
        self.hasApiUserPermissionSet = hasApiUserPermissionSet
        self.mfaRequired = mfaRequired
    }
}
