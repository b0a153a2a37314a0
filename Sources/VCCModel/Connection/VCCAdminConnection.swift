/// The VCC admin endpoint (vccctl's HTTP contract for secrets and links,
/// `schemas/vcc-admin.openapi.yaml`) and its credential. Without one, secrets and links on a
/// real org are manual steps a person follows and confirms.
public struct VCCAdminConnection: Sendable, Hashable, Codable {
    /// The base URL (the contract's paths start with `/vcc-admin/v1` under it): `https://`, or
    /// `http://` to a loopback address only.
    public var url: String
    /// The variable holding the endpoint's bearer token.
    public var token: EnvironmentReference
    /// A PEM file of the roots to trust instead of the system's (a private CA, the emulator's).
    public var caFile: String?
    public var origin: SourceOrigin

    public init(url: String, token: EnvironmentReference, caFile: String? = nil, origin: SourceOrigin = .none) {
        self.url = url
        self.token = token
        self.caFile = caFile
        self.origin = origin
    }
}
