public import VCCModel

/// Everything applying one change needs, fixed at plan time (Ids resolved, fingerprints taken).
public enum ChangeDetail: Sendable, Hashable, Codable {
    case setting(SettingChange)
    case secret(SecretChange)
    case link(LinkChange)
}

public struct SettingChange: Sendable, Hashable, Codable {
    public var org: String
    public var location: Location
    /// The owner's Id, resolved by name at plan time.
    public var ownerId: String
    /// The existing record (update, delete, replace, adopt).
    public var recordId: String?
    /// The key the record holds now (nil: no record or no key).
    public var fromKey: String?
    /// The key it will hold (nil: the record goes). For `clear-retired`, which leaves the key
    /// alone: the key state records for the location (nil: vccctl does not manage the record).
    public var toKey: String?

    public init(org: String, location: Location, ownerId: String, recordId: String?, fromKey: String?, toKey: String?) {
        self.org = org
        self.location = location
        self.ownerId = ownerId
        self.recordId = recordId
        self.fromKey = fromKey
        self.toKey = toKey
    }
}

public struct SecretChange: Sendable, Hashable, Codable {
    public var org: String
    public var accountKey: String
    /// The environment variable apply reads the token from.
    public var variable: String
    /// Fingerprint of the token seen at plan time: apply refuses a different token.
    public var fingerprint: TokenFingerprint
    public var wasSet: Bool
    /// The org's Id as read at plan time (VCC addresses orgs by Id); nil when it was not read.
    public var orgId: String?

    public init(org: String, accountKey: String, variable: String, fingerprint: TokenFingerprint, wasSet: Bool,
                orgId: String? = nil) {
        self.org = org
        self.accountKey = accountKey
        self.variable = variable
        self.fingerprint = fingerprint
        self.wasSet = wasSet
        self.orgId = orgId
    }
}

public struct LinkChange: Sendable, Hashable, Codable {
    public var accountKey: String
    public var from: ObservedLink
    /// nil: unlink.
    public var toOrg: String?
    public var toEnvironment: OrgEnvironment?
    public var toAPIUser: String?
    /// The Id of `toOrg` as read at plan time; nil when it was not read.
    public var toOrgId: String?

    public init(accountKey: String, from: ObservedLink, toOrg: String?, toEnvironment: OrgEnvironment?, toAPIUser: String?,
                toOrgId: String? = nil) {
        self.accountKey = accountKey
        self.from = from
        self.toOrg = toOrg
        self.toEnvironment = toEnvironment
        self.toAPIUser = toAPIUser
        self.toOrgId = toOrgId
    }
}
