/// Which Salesforce login an org lives behind; a link to the org logs in there.
public enum OrgEnvironment: String, Sendable, Hashable, Codable, CaseIterable {
    case production
    case sandbox
}
