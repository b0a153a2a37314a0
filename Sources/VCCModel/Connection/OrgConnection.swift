/// How vccctl reaches and authenticates to one Salesforce org of the configuration. Property
/// names follow the file's keys, so the encoded form reads like the file.
public struct OrgConnection: Sendable, Hashable, Codable {
    /// The org's My Domain or instance URL: an `https://` origin without a path.
    public var instanceUrl: String
    public var auth: OrgAuthentication
    /// Where the org's entry (its name) was written.
    public var origin: SourceOrigin

    public init(instanceUrl: String, auth: OrgAuthentication, origin: SourceOrigin = .none) {
        self.instanceUrl = instanceUrl
        self.auth = auth
        self.origin = origin
    }
}
