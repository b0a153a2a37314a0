public import VCCModel

/// `confirm`: records, under the caller's state lock, that a person did secret or link changes by
/// hand (on a target whose VCC side vccctl cannot reach). For a token it records the fingerprint
/// of the current value of the declared environment variable, for a link the declared org and
/// API user; who and when go into the history as an entry of kind `confirm` and stay with each
/// resource as its `Attestation`, so plans can say it is attested rather than observed.
public struct ConfirmSession: Sendable {
    public let store: any StateStore
    public let environment: @Sendable (String) -> String?
    /// Who confirms (the person, not the machine account that runs vccctl), and from where.
    public let who: String
    public let host: String
    /// Seconds since 1970.
    public let clock: @Sendable () -> Double

    public init(store: any StateStore, environment: @escaping @Sendable (String) -> String?, who: String, host: String,
                clock: @escaping @Sendable () -> Double) {
        self.store = store
        self.environment = environment
        self.who = who
        self.host = host
        self.clock = clock
    }

    /// What confirming one address came to.
    public struct Result: Sendable, Hashable {
        public var address: ResourceAddress
        /// False when state already recorded exactly this, attested by a person.
        public var recorded: Bool
        /// What was recorded, in words ("token of VCC_TOKEN_X", "linked to prod (production) as api@x").
        public var summary: String
    }

    /// Confirms `addresses` (each a secret or link the configuration declares). All are checked
    /// before anything is written: one refusal writes nothing.
    /// - Throws: `ConfirmRefusal`, `StateCommitRefused`, or the store's errors.
    public func confirm(_ addresses: [ResourceAddress], desired: DesiredState, lockID: String) async throws -> [Result] {
        guard let state = try await store.load() else { throw ConfirmRefusal.noState }
        let now = clock()
        let attestation = Attestation(by: who, at: now)
        var outcomes: [ChangeOutcome] = []
        var results: [Result] = []
        for address in Self.unique(addresses) {
            let (resource, summary) = try Self.declared(address, desired: desired, salt: state.fingerprintSalt,
                                                        environment: environment)
            let unchanged = state[address] == resource && state.attestations[address] != nil
            results.append(Result(address: address, recorded: !unchanged, summary: summary))
            if unchanged { continue }
            outcomes.append(ChangeOutcome(address: address, status: .applied, resource: resource,
                                          message: "confirmed by \(who): \(summary)", attestation: attestation))
        }
        guard !outcomes.isEmpty else { return results }
        let entry = ApplyRecord(id: RandomID.make(), kind: .confirm, who: who, host: host, startedAt: now,
                                planDigest: "confirm", status: .running)
        try await store.beginApply(entry)
        do {
            _ = try await store.commit(outcomes, applyID: entry.id, expected: CommitPrecondition(lockID: lockID, serial: state.serial))
        } catch {
            try? await store.finishApply(id: entry.id, status: .failed)
            throw error
        }
        try await store.finishApply(id: entry.id, status: .succeeded)
        return results
    }

    private static func unique(_ addresses: [ResourceAddress]) -> [ResourceAddress] {
        var seen = Set<ResourceAddress>()
        return addresses.filter { seen.insert($0).inserted }
    }

    /// The resource the configuration declares at `address`, as a confirmation records it.
    static func declared(_ address: ResourceAddress, desired: DesiredState, salt: [UInt8],
                         environment: (String) -> String?) throws -> (AppliedResource, String) {
        switch address {
        case .setting:
            throw ConfirmRefusal.notConfirmable(address)
        case .secret(let org, let key):
            guard let account = desired.accounts[key] else { throw ConfirmRefusal.undeclared(address, "account '\(key)' is not declared") }
            guard let token = account.token else {
                throw ConfirmRefusal.undeclared(address, "account '\(key)' declares no token")
            }
            // Any declared org: a secret is planned where the key has locations, and also where
            // only a record holding a retired token carries it (the migration), which the
            // configuration does not list.
            guard desired.orgs[org] != nil else {
                throw ConfirmRefusal.undeclared(address, "org '\(org)' is not declared")
            }
            guard let value = environment(token.environmentVariable), !value.isEmpty else {
                throw ConfirmRefusal.tokenUnset(address, variable: token.environmentVariable)
            }
            return (.secret(fingerprint: TokenFingerprint(token: value, salt: salt)),
                    "the token in \(token.environmentVariable) is stored in Secrets Management of '\(org)'")
        case .link(let key):
            guard let account = desired.accounts[key] else { throw ConfirmRefusal.undeclared(address, "account '\(key)' is not declared") }
            switch account.link {
            case nil:
                throw ConfirmRefusal.undeclared(address, "account '\(key)' declares no link")
            case .unlinked?:
                return (.link(org: nil, apiUser: nil), "unlinked")
            case .linked(let org, let user, _)?:
                let environment = desired.orgs[org]?.environment.rawValue ?? "unknown environment"
                return (.link(org: org, apiUser: user), "linked to '\(org)' (\(environment)) as \(user)")
            }
        }
    }
}

/// Why `confirm` wrote nothing.
public enum ConfirmRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case noState
    case notConfirmable(ResourceAddress)
    case undeclared(ResourceAddress, String)
    case tokenUnset(ResourceAddress, variable: String)

    public var description: String {
        switch self {
        case .noState:
            "there is no state yet: nothing was applied, so there is nothing to confirm"
        case .notConfirmable(let address):
            "\(address) is a settings record: vccctl reads and writes those itself; only secrets and links are confirmed"
        case .undeclared(let address, let why):
            "\(address) is not declared in the configuration: \(why)"
        case .tokenUnset(let address, let variable):
            "environment variable \(variable) (the token of \(address)) is not set: confirm records its fingerprint"
        }
    }
}
