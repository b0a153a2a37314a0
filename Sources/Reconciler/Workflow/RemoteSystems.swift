/// The two remote ports a plan reads and an apply writes: the Salesforce side (`Target`) and the
/// VCC side (`VCCPort`). A refresh reads both at once and joins them into one `ObservedState`.
public struct RemoteSystems: Sendable {
    public let target: any Target
    public let vcc: any VCCPort

    public init(target: any Target, vcc: any VCCPort) {
        self.target = target
        self.vcc = vcc
    }

    /// Reads both sides concurrently; the read digest covers both.
    public func refresh(_ request: RefreshRequest) async throws -> ObservedState {
        async let vccRead = vcc.read(orgs: request.orgs.map(\.name), accountKeys: request.accountKeys)
        var observed = try await target.refresh(request)
        let seen = try await vccRead
        observed.vccObservable = seen.isObservable
        for (org, tokens) in seen.tokenSet {
            observed.orgs[org]?.tokenSet = tokens
        }
        observed.links = seen.links
        observed.apiCalls += seen.apiCalls
        var digest = DigestFields()
        digest.feed("target", observed.readDigest, "vcc", seen.readDigest)
        observed.readDigest = Hex.encode(digest.finalize())
        return observed
    }
}
