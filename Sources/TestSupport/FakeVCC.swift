public import Reconciler
public import VCCModel
import Synchronization

/// An in-memory VCC for tests of the engine and the planner: Secrets Management per org (keys in
/// use are declared by the test, as records in the org would make them), links with a pending
/// state and a consent step. Keeps whether a token is set, never the token.
public final class FakeVCC: VCCPort {
    struct Contents {
        var keysInUse: [String: Set<String>] = [:]
        var tokenSet: [String: Set<String>] = [:]
        var links: [String: ObservedLink] = [:]
        var pending: [String: (orgId: String, apiUser: String, environment: OrgEnvironment)] = [:]
        /// The environment of each org Id, as a consent checks it.
        var environments: [String: OrgEnvironment] = [:]
    }

    private let contents = Mutex(Contents())

    public init() {}

    public var canObserve: Bool { true }

    /// Makes `key` a key in use in `orgId` (a settings record carries it), of `environment`.
    public func useKey(_ key: String, orgId: String, environment: OrgEnvironment = .production) {
        contents.withLock {
            $0.keysInUse[orgId, default: []].insert(key)
            $0.environments[orgId] = environment
        }
    }

    /// Clears a token out of band.
    public func clearToken(_ key: String, orgId: String) {
        _ = contents.withLock { $0.tokenSet[orgId]?.remove(key) }
    }

    /// The consent: `username` logs in and presses Allow. Throws when nothing is pending or the
    /// login environment is not the org's.
    public func consent(_ key: String, as username: String) throws {
        try contents.withLock { contents in
            guard let pending = contents.pending[key] else { throw VCCRejection(code: "NO_PENDING_LINK", message: "nothing pending") }
            guard contents.environments[pending.orgId] ?? pending.environment == pending.environment else {
                throw VCCRejection(code: "ENVIRONMENT_MISMATCH", message: "that login does not reach the org")
            }
            contents.links[key] = .linked(org: nil, orgId: pending.orgId, apiUser: pending.apiUser, consentedAs: username)
            contents.pending[key] = nil
        }
    }

    public func listSecrets(in org: VCCOrg, locations: Bool) async throws -> VCCSecretList {
        contents.withLock { contents in
            let keys = (contents.keysInUse[org.orgId] ?? []).sorted()
            return VCCSecretList(secrets: keys.map { VCCSecret(accountKey: $0, tokenSet: contents.tokenSet[org.orgId]?.contains($0) == true) })
        }
    }

    public func setToken(_ token: TokenToStore, accountKey: String, in org: VCCOrg) async throws -> VCCStepResult {
        try contents.withLock { contents in
            guard contents.keysInUse[org.orgId]?.contains(accountKey) == true else {
                throw VCCRejection(code: "KEY_NOT_IN_USE", message: "no settings record of '\(org.name)' carries \(accountKey)")
            }
            guard !token.value.isEmpty else { throw VCCRejection(code: "INVALID_REQUEST", message: "an empty token") }
            contents.tokenSet[org.orgId, default: []].insert(accountKey)
        }
        return .done
    }

    public func readLinks(_ accountKeys: [String]) async throws -> [String: ObservedLink] {
        contents.withLock { contents in
            Dictionary(uniqueKeysWithValues: accountKeys.map { key in
                if let pending = contents.pending[key] { return (key, ObservedLink.pending(org: nil, apiUser: pending.apiUser)) }
                return (key, contents.links[key] ?? .unlinked)
            })
        }
    }

    public func startLink(accountKey: String, to org: VCCOrg, environment: OrgEnvironment, apiUser: String) async throws
        -> VCCStepResult
    {
        contents.withLock { $0.pending[accountKey] = (org.orgId, apiUser, environment) }
        let step = ManualStep(kind: .link, address: .link(accountKey: accountKey), title: "Link \(accountKey)",
                              instructions: ["Log in to \(environment.rawValue) directly as \(apiUser)", "Press Allow"],
                              environment: environment, loginAs: apiUser)
        return .person(step, verifiable: true)
    }

    public func unlink(accountKey: String) async throws -> VCCStepResult {
        contents.withLock {
            $0.links[accountKey] = .unlinked
            $0.pending[accountKey] = nil
        }
        return .done
    }
}
