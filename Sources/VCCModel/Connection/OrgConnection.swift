/// How vccctl reaches and authenticates to one Salesforce org of the configuration. Property
/// names follow the file's keys, so the encoded form reads like the file.
public struct OrgConnection: Sendable, Hashable, Codable {
    /// The org's My Domain or instance URL: an `https://` origin without a path.
    public var instanceUrl: String
    public var auth: OrgAuthentication
    /// The REST API version, such as "67.0" (nil: `defaultAPIVersion`).
    public var apiVersion: String?
    /// PEM trust roots for the instance and token hosts, replacing the system's (an emulator's CA).
    public var caFile: String?
    /// The OAuth token endpoint (nil: the login or test host by the org's environment).
    public var tokenUrl: String?
    /// The JWT `aud` (nil: the login or test host by the org's environment). Kept apart from the
    /// token URL: some apps want the login host even when the token URL is the My Domain.
    public var audience: String?

    /// The API version vccctl speaks unless an org names another.
    public static let defaultAPIVersion = "67.0"
    /// Where the org's entry (its name) was written.
    public var origin: SourceOrigin

    public init(instanceUrl: String, auth: OrgAuthentication, origin: SourceOrigin = .none) {
        self.instanceUrl = instanceUrl
        self.auth = auth
        self.origin = origin
    }
}
