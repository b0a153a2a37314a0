public import Reconciler
public import VCCModel

/// The VCC side of a real org today: no endpoint exists for secrets or links, so vccctl cannot
/// read VCC, and every change is a step a person follows and records with `vccctl confirm`.
/// It never reads a token: the steps name the variable that holds it.
public struct ManualVCC: VCCPort {
    public init() {}

    public var canObserve: Bool { false }

    public func listSecrets(in org: VCCOrg, locations: Bool) async throws -> VCCSecretList {
        throw VCCRejection(code: "VCC_NOT_OBSERVABLE", message: "Secrets Management cannot be read without a VCC admin endpoint")
    }

    public func setToken(_ token: TokenToStore, accountKey: String, in org: VCCOrg) async throws -> VCCStepResult {
        .person(ManualSteps.storeToken(org: org.name, accountKey: accountKey, variable: token.variable, confirm: true),
                verifiable: false)
    }

    public func readLinks(_ accountKeys: [String]) async throws -> [String: ObservedLink] {
        throw VCCRejection(code: "VCC_NOT_OBSERVABLE", message: "links cannot be read without a VCC admin endpoint")
    }

    public func startLink(accountKey: String, to org: VCCOrg, environment: OrgEnvironment, apiUser: String) async throws
        -> VCCStepResult
    {
        .person(ManualSteps.link(accountKey: accountKey, org: org.name, environment: environment, apiUser: apiUser,
                                 consentURL: nil, extra: [], confirm: true),
                verifiable: false)
    }

    public func unlink(accountKey: String) async throws -> VCCStepResult {
        .person(ManualSteps.unlink(accountKey: accountKey), verifiable: false)
    }
}
