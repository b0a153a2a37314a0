public import OrgSimulator
public import Reconciler

/// The embedded default's VCC side: Secrets Management and links in the same `OrgSimulator`.
public struct LocalVCC: VCCPort {
    public let simulator: OrgSimulator

    public init(simulator: OrgSimulator) {
        self.simulator = simulator
    }

    public func read(orgs: [String], accountKeys: Set<String>) async throws -> ObservedVCC {
        var observed = ObservedVCC()
        var digest = ReadDigest()
        for org in orgs.sorted() {
            // An org the simulator lacks is reported by the target's refresh.
            guard try simulator.org(named: org) != nil else { continue }
            let secrets = try simulator.listSecrets(org: org, locations: false)
            observed.apiCalls += secrets.apiCalls
            var tokens: [String: Bool] = [:]
            for secret in secrets.value {
                tokens[secret.clientId] = secret.tokenSet
                digest.add("secret", org, secret.clientId, secret.tokenSet ? "1" : "0")
            }
            observed.tokenSet[org] = tokens
        }
        for link in try simulator.linkStatuses(keys: accountKeys.sorted()) {
            observed.links[link.key] = LocalRefresh.observed(link)
            digest.add("link", link.key, link.status.rawValue, link.linkedOrg ?? "", link.linkedUsername ?? "",
                       link.linkedAsUsername ?? "", link.pendingOrg ?? "", link.pendingUsername ?? "")
        }
        observed.readDigest = digest.hex
        return observed
    }

    public func apply(_ change: PlannedChange, tokens: @escaping @Sendable (String) -> String?) async throws -> ChangeOutcome {
        switch change.detail {
        case .secret(let secret): setToken(change, secret, tokens: tokens)
        case .link(let detail): link(change, detail)
        case .setting:
            ChangeOutcome(address: change.address, status: .failed, resource: nil, code: "UNSUPPORTED",
                          message: "a settings change was sent to VCC")
        }
    }

    private func setToken(_ change: PlannedChange, _ secret: SecretChange,
                          tokens: @Sendable (String) -> String?) -> ChangeOutcome {
        guard let token = tokens(secret.variable), !token.isEmpty else {
            return ChangeOutcome(address: change.address, status: .failed, resource: nil, code: "TOKEN_MISSING",
                                 message: "environment variable \(secret.variable) is not set")
        }
        do {
            _ = try simulator.setToken(org: secret.org, clientId: secret.accountKey, token: token)
            return ChangeOutcome(address: change.address, status: .applied, resource: .secret(fingerprint: secret.fingerprint))
        } catch {
            return ChangeOutcome(address: change.address, status: .failed, resource: nil, code: "SECRET_REJECTED",
                                 message: String(describing: error))
        }
    }

    private func link(_ change: PlannedChange, _ link: LinkChange) -> ChangeOutcome {
        do {
            guard let org = link.toOrg, let user = link.toAPIUser else {
                _ = try simulator.unlink(key: link.accountKey)
                return ChangeOutcome(address: change.address, status: .applied, resource: .link(org: nil, apiUser: nil))
            }
            _ = try simulator.startLink(key: link.accountKey, org: org, username: user)
            return ChangeOutcome(address: change.address, status: .pending, resource: nil, code: "CONSENT_REQUIRED",
                                 message: ConsentInstructions.text(account: link.accountKey, environment: link.toEnvironment,
                                                                   org: org, apiUser: user))
        } catch {
            return ChangeOutcome(address: change.address, status: .failed, resource: nil, code: "LINK_REJECTED",
                                 message: String(describing: error))
        }
    }
}
