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

extension ObservedLink {
    /// The same link with its org named from `orgs` (org Id → name) where the adapter could
    /// only give the Id: VCC knows orgs by Id, plans speak of them by name.
    public func naming(orgs: [String: String]) -> ObservedLink {
        switch self {
        case .unlinked: return self
        case .linked(let org, let orgId, let apiUser, let consentedAs):
            return .linked(org: org ?? orgs[orgId], orgId: orgId, apiUser: apiUser, consentedAs: consentedAs)
        case .legacy(let org, let orgId):
            return .legacy(org: org ?? orgId.flatMap { orgs[$0] }, orgId: orgId)
        case .pending: return self
        }
    }

    /// The fields a read digest covers.
    var digestFields: [String] {
        switch self {
        case .unlinked: ["unlinked"]
        case .linked(let org, let orgId, let apiUser, let consentedAs): ["linked", org ?? "", orgId, apiUser, consentedAs]
        case .legacy(let org, let orgId): ["legacy", org ?? "", orgId ?? ""]
        case .pending(let org, let apiUser): ["pending", org ?? "", apiUser]
        }
    }
}
