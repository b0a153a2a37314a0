/// What the target really holds now: the result of a refresh.
public struct ObservedState: Sendable, Equatable {
    public var orgs: [String: ObservedOrg]
    /// Per account key of the configuration or state.
    public var links: [String: ObservedLink]
    /// A digest of every remote object read, so that a saved plan can tell the world moved.
    public var readDigest: String
    /// API calls the refresh spent.
    public var apiCalls: Int
    /// The org's API usage as the last response reported it (the tightest of the orgs read).
    public var apiUsage: APIUsage?
    /// False when the VCC side cannot be seen on this target: secrets and links are planned
    /// from state alone and wait for a VCC adapter.
    public var vccObservable: Bool

    public init(orgs: [String: ObservedOrg] = [:], links: [String: ObservedLink] = [:], readDigest: String = "",
                apiCalls: Int = 0, apiUsage: APIUsage? = nil, vccObservable: Bool = true) {
        self.orgs = orgs
        self.links = links
        self.readDigest = readDigest
        self.apiCalls = apiCalls
        self.apiUsage = apiUsage
        self.vccObservable = vccObservable
    }
}
