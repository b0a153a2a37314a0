/// One resource as vccctl last applied it: what state remembers, never a token.
public enum AppliedResource: Sendable, Hashable, Codable {
    /// A custom-settings record carrying `accountKey`, with the Ids it had when applied.
    case setting(accountKey: String, recordId: String, ownerId: String)
    /// A token pushed for a key in an org, known only by its salted fingerprint.
    case secret(fingerprint: TokenFingerprint)
    /// A link as applied: linked to `org` through `apiUser`, or unlinked (`org` nil).
    case link(org: String?, apiUser: String?)

    /// The kind of address it belongs at (each store checks an outcome's resource against it).
    public var kind: ResourceAddress.Kind {
        switch self {
        case .setting: .setting
        case .secret: .secret
        case .link: .link
        }
    }
}
