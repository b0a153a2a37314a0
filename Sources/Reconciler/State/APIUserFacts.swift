/// What the org says about a declared API user: the facts VCC's automated logins as that user
/// depend on (DOMAIN: an active, API-only user without MFA, holding the ContactWorld API user
/// permission set). Read by the target; judged by `APIUserChecks`.
public struct APIUserFacts: Sendable, Hashable, Codable {
    public var userId: String
    public var isActive: Bool
    /// "API Only User" (`PermissionsApiUserOnly`) on its profile or on an assigned permission set.
    public var isApiOnly: Bool
    /// The "ContactWorld API user" permission set (`NVMContactWorld__API_user`) is assigned.
    public var hasAPIUserPermissionSet: Bool
    /// Logins as the user must pass MFA (`PermissionsForceTwoFactor` on its profile or a
    /// permission set, or MFA required for it otherwise).
    public var needsMFA: Bool

    public init(userId: String, isActive: Bool = true, isApiOnly: Bool = true, hasAPIUserPermissionSet: Bool = true,
                needsMFA: Bool = false) {
        self.userId = userId
        self.isActive = isActive
        self.isApiOnly = isApiOnly
        self.hasAPIUserPermissionSet = hasAPIUserPermissionSet
        self.needsMFA = needsMFA
    }

}
