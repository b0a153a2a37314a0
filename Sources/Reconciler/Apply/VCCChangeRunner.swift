/// Carries out one planned secret or link change through a `VCCPort` and says what it came to:
/// the one place that maps changes to port operations and results to outcomes, whatever the
/// adapter (embedded model, admin contract, or a person following steps).
struct VCCChangeRunner: Sendable {
    let vcc: any VCCPort
    /// Reads an environment variable: the token source, consulted here only.
    let environment: @Sendable (String) -> String?

    func run(_ change: PlannedChange) async -> ChangeOutcome {
        do {
            switch change.detail {
            case .secret(let secret):
                let raw = environment(secret.variable)
                guard let value = raw, !value.isEmpty else {
                    return Self.failed(change, "TOKEN_MISSING", "environment variable \(secret.variable) \(VariableState.unusable(raw))")
                }
                let result = try await vcc.setToken(TokenToStore(variable: secret.variable, value: value),
                                                    accountKey: secret.accountKey,
                                                    in: VCCOrg(name: secret.org, orgId: secret.orgId ?? ""))
                return Self.outcome(change, result, resource: .secret(fingerprint: secret.fingerprint))
            case .link(let link):
                guard let org = link.toOrg, let user = link.toAPIUser else {
                    let result = try await vcc.unlink(accountKey: link.accountKey)
                    return Self.outcome(change, result, resource: .link(org: nil, apiUser: nil))
                }
                let result = try await vcc.startLink(accountKey: link.accountKey,
                                                     to: VCCOrg(name: org, orgId: link.toOrgId ?? ""),
                                                     environment: link.toEnvironment ?? .production, apiUser: user)
                return Self.outcome(change, result, resource: .link(org: org, apiUser: user))
            case .setting:
                return Self.failed(change, "UNSUPPORTED", "a settings change was sent to VCC")
            }
        } catch let rejection as VCCRejection {
            return Self.failed(change, rejection.code, rejection.message)
        } catch {
            // Adapters never put a token in an error (they get `TokenToStore`, whose description
            // names the variable only), so the description is safe to keep.
            return Self.failed(change, "VCC_FAILED", String(describing: error))
        }
    }

    private static func outcome(_ change: PlannedChange, _ result: VCCStepResult, resource: AppliedResource) -> ChangeOutcome {
        switch result {
        case .done:
            ChangeOutcome(address: change.address, status: .applied, resource: resource)
        case .person(let step, let verifiable):
            ChangeOutcome(address: change.address, status: .pending, resource: nil,
                          code: verifiable ? ChangeOutcome.consentRequired : ChangeOutcome.manualStep,
                          message: step.text, step: step)
        }
    }

    private static func failed(_ change: PlannedChange, _ code: String, _ message: String) -> ChangeOutcome {
        ChangeOutcome(address: change.address, status: .failed, resource: nil, code: code, message: message)
    }
}
