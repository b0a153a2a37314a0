/// The Salesforce link of a VCC account, as VCC reports it.
public enum ObservedLink: Sendable, Hashable, Codable {
    case unlinked
    /// Linked to the org with `orgId` (`org`: its name in the configuration, when it is one of the
    /// declared orgs) through `apiUser`; `consentedAs` is who actually pressed Allow.
    case linked(org: String?, orgId: String, apiUser: String, consentedAs: String)
    /// Linked by an older method; relinking is recommended.
    case legacy(org: String?, orgId: String?)
    /// A link was started and waits for the API user's consent.
    case pending(org: String?, apiUser: String)
}
