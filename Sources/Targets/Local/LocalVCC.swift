public import OrgSimulator
public import Reconciler
public import VCCModel

/// The embedded default's VCC side: Secrets Management and links in the same `OrgSimulator`,
/// which names orgs by the names the configuration uses.
public struct LocalVCC: VCCPort {
    public let simulator: OrgSimulator

    public init(simulator: OrgSimulator) {
        self.simulator = simulator
    }

    public var canObserve: Bool { true }

    public func listSecrets(in org: VCCOrg, locations: Bool) async throws -> VCCSecretList {
        let secrets = try simulator.listSecrets(org: org.name, locations: locations)
        return VCCSecretList(secrets: secrets.value.map { VCCSecret(accountKey: $0.clientId, locations: $0.locations, tokenSet: $0.tokenSet) },
                             apiCalls: secrets.apiCalls)
    }

    public func setToken(_ token: TokenToStore, accountKey: String, in org: VCCOrg) async throws -> VCCStepResult {
        do {
            _ = try simulator.setToken(org: org.name, clientId: accountKey, token: token.value)
            return .done
        } catch let error as SimulatorError {
            throw VCCRejection(code: "SECRET_REJECTED", message: error.description)
        }
    }

    public func readLinks(_ accountKeys: [String]) async throws -> [String: ObservedLink] {
        var links: [String: ObservedLink] = [:]
        var orgIds: [String: String] = [:]
        func orgId(_ name: String?) throws -> String? {
            guard let name else { return nil }
            if let known = orgIds[name] { return known }
            let id = try simulator.org(named: name)?.orgId
            orgIds[name] = id
            return id
        }
        for link in try simulator.linkStatuses(keys: accountKeys) {
            links[link.key] = try Self.observed(link, orgId: orgId(link.linkedOrg))
        }
        return links
    }

    /// A simulator link as a plan sees it; the simulator names orgs as the configuration does.
    static func observed(_ link: VCCLink, orgId: String?) -> ObservedLink {
        switch link.status {
        case .unlinked:
            return .unlinked
        case .linked:
            let user = link.linkedUsername ?? ""
            return .linked(org: link.linkedOrg, orgId: orgId ?? "", apiUser: user, consentedAs: link.linkedAsUsername ?? user)
        case .legacy:
            return .legacy(org: link.linkedOrg, orgId: orgId)
        case .pending:
            return .pending(org: link.pendingOrg, apiUser: link.pendingUsername ?? "")
        }
    }

    public func startLink(accountKey: String, to org: VCCOrg, environment: OrgEnvironment, apiUser: String) async throws
        -> VCCStepResult
    {
        do {
            _ = try simulator.startLink(key: accountKey, org: org.name, username: apiUser,
                                        environment: environment == .sandbox ? .sandbox : .production)
        } catch let error as SimulatorError {
            throw VCCRejection(code: "LINK_REJECTED", message: error.description)
        }
        let consent = "In the embedded org, steps 1 to 4 are: vccctl sim consent --account \(accountKey)"
        return .person(ManualSteps.link(accountKey: accountKey, org: org.name, environment: environment, apiUser: apiUser,
                                        consentURL: nil, extra: [consent], confirm: false),
                       verifiable: true)
    }

    public func unlink(accountKey: String) async throws -> VCCStepResult {
        do {
            _ = try simulator.unlink(key: accountKey)
            return .done
        } catch let error as SimulatorError {
            throw VCCRejection(code: "LINK_REJECTED", message: error.description)
        }
    }
}
