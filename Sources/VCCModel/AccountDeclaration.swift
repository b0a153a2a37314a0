/// A VCC account, known by its account key (Client ID), and what the configuration wants of it.
public struct AccountDeclaration: Sendable, Hashable, Codable {
    /// The account key exactly as written: always a string, never a number or a boolean.
    public var key: String
    public var token: TokenReference?
    /// Per org name, the custom-settings records that carry this key, in the order written.
    public var locations: [String: [Location]]
    /// nil: vccctl leaves the link alone.
    public var link: LinkDeclaration?
    public var origin: SourceOrigin

    public init(key: String, token: TokenReference? = nil, locations: [String: [Location]] = [:],
                link: LinkDeclaration? = nil, origin: SourceOrigin = .none) {
        self.key = key
        self.token = token
        self.locations = locations
        self.link = link
        self.origin = origin
    }
}
