/// The desired Salesforce link of a VCC account.
public enum LinkDeclaration: Sendable, Hashable, Codable {
    /// Linked to `org` through the Salesforce API user `apiUser` (a username).
    case linked(org: String, apiUser: String, origin: SourceOrigin)
    /// Explicitly unlinked: calls for the account stop.
    case unlinked(origin: SourceOrigin)

    public var origin: SourceOrigin {
        switch self {
        case .linked(_, _, let origin), .unlinked(let origin): origin
        }
    }
}
