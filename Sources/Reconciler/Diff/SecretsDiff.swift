import VCCModel
import YAMLSyntax

/// Diffs the tokens of the declared accounts, org by org. Tokens are write-only: only the
/// fingerprint in state and "token set?" in the org can be compared.
struct SecretsDiff {
    let input: PlanInput
    /// Orgs in which each account key's records will exist after the settings changes.
    let keyOrgs: [String: Set<String>]

    func run(into plan: inout PlanBuilder) {
        var declared = Set<ResourceAddress>()
        for key in input.desired.accounts.keys.sorted() {
            guard let account = input.desired.accounts[key], let token = account.token else { continue }
            let orgs = (keyOrgs[key] ?? []).sorted()
            guard !orgs.isEmpty else { continue }
            let raw = input.environment(token.environmentVariable)
            guard let value = raw, !value.isEmpty else {
                plan.diagnostics.append(.error(
                    "plan.missing-token",
                    "environment variable \(token.environmentVariable) (the token of account '\(key)') \(VariableState.unusable(raw))",
                    at: token.origin.location,
                    notes: [.init("export \(token.environmentVariable) with the API token from the VCC Admin Portal before planning")]))
                continue
            }
            let fingerprint = TokenFingerprint(token: value, salt: input.salt)
            for org in orgs {
                let address = ResourceAddress.secret(org: org, accountKey: key)
                declared.insert(address)
                diff(address, org: org, key: key, variable: token.environmentVariable, fingerprint: fingerprint, into: &plan)
            }
        }
        forgetUndeclared(except: declared, into: &plan)
    }

    private func diff(_ address: ResourceAddress, org: String, key: String, variable: String,
                      fingerprint: TokenFingerprint, into plan: inout PlanBuilder) {
        let isSet = input.observed.orgs[org]?.tokenSet[key]
        let orgId = input.observed.orgs[org]?.orgId
        if !input.observed.vccObservable {
            planUnobserved(address, key: key, variable: variable,
                           detail: SecretChange(org: org, accountKey: key, variable: variable, fingerprint: fingerprint, wasSet: false,
                                                orgId: orgId),
                           into: &plan)
            return
        }
        let detail = SecretChange(org: org, accountKey: key, variable: variable, fingerprint: fingerprint,
                                  wasSet: isSet ?? false, orgId: orgId)
        guard case .secret(let applied)? = input.applied?.accountResources[address] else {
            plan.change(address, .setToken, .secret(detail),
                        isSet == true ? "a token is set but vccctl did not set it; the declared one replaces it"
                                      : "store the token of \(key) in Secrets Management")
            return
        }
        if applied != fingerprint {
            plan.change(address, .rotateToken, .secret(detail),
                        "the token in \(variable) changed since the last apply (fingerprint differs)")
        } else if isSet != true {
            plan.drift(address, .tokenCleared, "the token of \(key) was cleared outside vccctl",
                       fix: "apply stores it again from \(variable)")
            plan.change(address, .resetToken, .secret(detail), "the token was cleared outside vccctl")
        }
    }

    /// VCC cannot be seen on this target: the token is planned from state alone (set when state
    /// has none, rotate when the fingerprint changed: a rotated token is planned again) and done
    /// by a person; a token state records with the current fingerprint is attested.
    private func planUnobserved(_ address: ResourceAddress, key: String, variable: String, detail: SecretChange,
                                into plan: inout PlanBuilder) {
        let applied: TokenFingerprint? = {
            if case .secret(let fingerprint)? = input.applied?.accountResources[address] { return fingerprint }
            return nil
        }()
        if applied == detail.fingerprint {
            UnobservedVCC.attest(address, input: input, into: &plan)
            return
        }
        let action: ChangeAction = applied == nil ? .setToken : .rotateToken
        plan.change(address, action, .secret(detail),
                    applied == nil ? "store the token of \(key) in Secrets Management" : "the token in \(variable) changed since the last apply",
                    UnobservedVCC.reason)
    }

    private func forgetUndeclared(except declared: Set<ResourceAddress>, into plan: inout PlanBuilder) {
        guard let applied = input.applied else { return }
        let secrets = applied.accountResources.filter { address, _ in address.kind == .secret && !declared.contains(address) }
        for (address, resource) in secrets.sorted(by: { $0.key < $1.key }) {
            guard case .secret(let fingerprint) = resource, case .secret(let org, let key) = address else { continue }
            let detail = SecretChange(org: org, accountKey: key, variable: "", fingerprint: fingerprint, wasSet: true)
            plan.change(address, .forget, .secret(detail),
                        "no longer declared; the secret leaves Secrets Management when no record carries \(key)")
        }
    }
}
