/// The VCC side of the remote systems: Secrets Management (a token per account key, write-only)
/// and the Salesforce link of each VCC account. No public API is known for either, so adapters
/// vary: the embedded model, vccctl's admin contract, or a person following printed steps.
public protocol VCCPort: Sendable {
    /// What VCC shows for the orgs and accounts asked: "token set?" per key found in each org's
    /// records, and each account's link.
    func read(orgs: [String], accountKeys: Set<String>) async throws -> ObservedVCC

    /// Performs one secret or link change. Tokens are read through `tokens` only here.
    func apply(_ change: PlannedChange, tokens: @escaping @Sendable (String) -> String?) async throws -> ChangeOutcome
}

/// What a `VCCPort` read.
public struct ObservedVCC: Sendable, Equatable {
    /// False when the adapter cannot see VCC at all (no endpoint on this target yet): secrets
    /// and links are then planned from state alone and reported as waiting.
    public var isObservable: Bool
    /// Per org, per account key found in its records: whether a token is set.
    public var tokenSet: [String: [String: Bool]]
    public var links: [String: ObservedLink]
    /// Order-independent digest of what was read (`ReadDigest`).
    public var readDigest: String
    public var apiCalls: Int

    public init(isObservable: Bool = true, tokenSet: [String: [String: Bool]] = [:], links: [String: ObservedLink] = [:],
                readDigest: String = "", apiCalls: Int = 0) {
        self.isObservable = isObservable
        self.tokenSet = tokenSet
        self.links = links
        self.readDigest = readDigest
        self.apiCalls = apiCalls
    }

    /// Nothing can be seen: the adapter of a target whose VCC side is not available.
    public static let unobservable = ObservedVCC(isObservable: false, readDigest: "vcc-unobservable")
}
