/// The two remote ports a plan reads and an apply writes: the Salesforce side (`Target`) and the
/// VCC side (`VCCPort`). A refresh reads both and joins them into one `ObservedState`.
public struct RemoteSystems: Sendable {
    public let target: any Target
    public let vcc: any VCCPort

    public init(target: any Target, vcc: any VCCPort) {
        self.target = target
        self.vcc = vcc
    }

    /// Reads both sides; the read digest covers both. The links are read while the target
    /// refreshes; each org's Secrets Management list is read after it, because VCC addresses
    /// orgs by the Id the refresh found.
    public func refresh(_ request: RefreshRequest) async throws -> ObservedState {
        let vcc = self.vcc
        let keys = request.accountKeys.sorted()
        async let linkRead: [String: ObservedLink] = vcc.canObserve && !keys.isEmpty ? vcc.readLinks(keys) : [:]
        var observed = try await target.refresh(request)
        var digest = ReadDigest()
        observed.vccObservable = vcc.canObserve
        if vcc.canObserve {
            for org in request.orgs.map(\.name).sorted() {
                guard let orgId = observed.orgs[org]?.orgId else { continue }
                let list = try await vcc.listSecrets(in: VCCOrg(name: org, orgId: orgId), locations: false)
                observed.apiCalls += list.apiCalls
                var tokens: [String: Bool] = [:]
                for secret in list.secrets {
                    tokens[secret.accountKey] = secret.tokenSet
                    digest.add("secret", org, secret.accountKey, secret.tokenSet ? "1" : "0")
                }
                observed.orgs[org]?.tokenSet = tokens
            }
            let names = Dictionary(observed.orgs.map { ($0.value.orgId, $0.key) }, uniquingKeysWith: min)
            for (key, link) in try await linkRead {
                let named = link.naming(orgs: names)
                observed.links[key] = named
                digest.add(["link", key] + named.digestFields)
            }
        } else {
            digest.add("vcc-unobservable")
        }
        var joined = DigestFields()
        joined.feed("target", observed.readDigest, "vcc", digest.hex)
        observed.readDigest = Hex.encode(joined.finalize())
        return observed
    }
}
