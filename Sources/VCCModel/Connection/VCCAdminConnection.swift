/// The VCC admin endpoint (vccctl's HTTP contract for secrets and links) and its credential.
public struct VCCAdminConnection: Sendable, Hashable, Codable {
    /// The base URL: `https://`, or `http://` to a loopback address only.
    public var url: String
    /// The variable holding the endpoint's bearer token.
    public var token: EnvironmentReference
    public var origin: SourceOrigin

    public init(url: String, token: EnvironmentReference, origin: SourceOrigin = .none) {
        self.url = url
        self.token = token
        self.origin = origin
    }
}
