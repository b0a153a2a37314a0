import Foundation

/// The Salesforce link of one VCC account.
///
/// While a relink is pending the previous link stays in force (VCC keeps using it until the
/// consent replaces it), so `linked*` and `pending*` can both be set.
public struct VCCLink: Codable, Sendable, Hashable {
    /// The account key.
    public var key: String
    public var status: LinkStatus
    /// The org name of the link in force, if any.
    public var linkedOrg: String?
    public var linkedEnvironment: SalesforceEnvironment?
    /// The API user the link was started for.
    public var linkedUsername: String?
    /// The user who actually gave the consent: VCC logs in as this user.
    public var linkedAsUsername: String?
    public var linkedAt: Date?
    public var pendingOrg: String?
    public var pendingUsername: String?
    public var pendingSince: Date?
    /// The environment the pending link's consent logs in to (Production: login.salesforce.com,
    /// Sandbox: test.salesforce.com), as chosen when it was started. The consent fails when it
    /// is not the pending org's environment: such a login cannot reach the org's users.
    public var pendingEnvironment: SalesforceEnvironment?

    public init(
        key: String, status: LinkStatus,
        linkedOrg: String? = nil, linkedEnvironment: SalesforceEnvironment? = nil,
        linkedUsername: String? = nil, linkedAsUsername: String? = nil, linkedAt: Date? = nil,
        pendingOrg: String? = nil, pendingUsername: String? = nil, pendingSince: Date? = nil,
        pendingEnvironment: SalesforceEnvironment? = nil
    ) {
        self.key = key
        self.status = status
        self.linkedOrg = linkedOrg
        self.linkedEnvironment = linkedEnvironment
        self.linkedUsername = linkedUsername
        self.linkedAsUsername = linkedAsUsername
        self.linkedAt = linkedAt
        self.pendingOrg = pendingOrg
        self.pendingUsername = pendingUsername
        self.pendingSince = pendingSince
        self.pendingEnvironment = pendingEnvironment
    }

    /// True when the consent came from someone else than the API user the link was started for
    /// (for example an admin through "log in as"): a plan reports it as drift.
    public var consentedAsAnotherUser: Bool {
        guard let linkedUsername, let linkedAsUsername else { return false }
        return linkedUsername != linkedAsUsername
    }

    /// Forgets the link waiting for consent (it completed, or was cancelled).
    mutating func clearPending() {
        pendingOrg = nil
        pendingUsername = nil
        pendingSince = nil
        pendingEnvironment = nil
    }
}
