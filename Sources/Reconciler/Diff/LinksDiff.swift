import VCCModel

/// Diffs the Salesforce link of each VCC account that declares one.
struct LinksDiff {
    let input: PlanInput

    func run(into plan: inout PlanBuilder) {
        for key in input.desired.accounts.keys.sorted() {
            guard let link = input.desired.accounts[key]?.link else { continue }
            diff(key, link, into: &plan)
        }
    }

    private func diff(_ key: String, _ link: LinkDeclaration, into plan: inout PlanBuilder) {
        let address = ResourceAddress.link(accountKey: key)
        let observed = input.observed.links[key] ?? .unlinked
        let applied: (org: String?, apiUser: String?)? = {
            if case .link(let org, let user)? = input.applied?.accountResources[address] { return (org, user) }
            return nil
        }()
        if !input.observed.vccObservable {
            planUnobserved(key, link, applied: applied, into: &plan)
            return
        }
        switch link {
        case .unlinked:
            if case .unlinked = observed { return }
            plan.change(address, .unlink, .link(LinkChange(accountKey: key, from: observed, toOrg: nil, toEnvironment: nil, toAPIUser: nil)),
                        "unlinking stops calls for this account at once")
        case .linked(let org, let user, _):
            let environment = input.desired.orgs[org]?.environment
            let detail = LinkChange(accountKey: key, from: observed, toOrg: org, toEnvironment: environment, toAPIUser: user,
                                    toOrgId: input.observed.orgs[org]?.orgId)
            switch observed {
            case .linked(let linkedOrg, _, let linkedUser, let consentedAs):
                if linkedOrg == org, linkedUser == user {
                    if consentedAs != user {
                        plan.drift(address, .linkedAsOtherUser,
                                   "linked to '\(org)' by \(consentedAs), not by the API user \(user) (\"log in as\"?)",
                                   fix: "relink: log in directly as \(user) and press Allow")
                        plan.change(address, .relink, .link(detail), "the consent must come from \(user) itself")
                    } else if applied?.org != org || applied?.apiUser != user {
                        // Linked as declared (a consent given since the apply that started it, or
                        // by hand): converged, not a change. The next apply records it.
                        plan.unrecorded.append(UnrecordedResource(address: address, resource: .link(org: org, apiUser: user)))
                    }
                    return
                }
                if let applied, applied.org != linkedOrg || applied.apiUser != linkedUser {
                    plan.drift(address, .linkChanged,
                               "link changed outside vccctl: now \(linkedOrg ?? "an undeclared org") as \(linkedUser)",
                               fix: "apply relinks to \(org) as \(user)")
                }
                plan.change(address, .relink, .link(detail),
                            "calls will use org \(org) through \(user) instead of \(linkedOrg ?? "an undeclared org") through \(linkedUser)")
            case .legacy:
                plan.drift(address, .linkLegacy, "linked by an older method (Legacy)", fix: "apply relinks it")
                plan.change(address, .relink, .link(detail), "Legacy links should be relinked")
            case .pending(let pendingOrg, let pendingUser):
                let reason = pendingOrg == org && pendingUser == user
                    ? "a link was started and still waits for \(user)'s consent"
                    : "link to \(org) as \(user)"
                plan.change(address, .link, .link(detail), reason)
            case .unlinked:
                if applied?.org != nil {
                    plan.drift(address, .linkChanged, "unlinked outside vccctl", fix: "apply links it again")
                }
                plan.change(address, .link, .link(detail), "link to \(org) through \(user)")
            }
        }
    }

    /// VCC cannot be seen on this target: the link is planned from state alone and done by a
    /// person; a link state records as declared is attested.
    private func planUnobserved(_ key: String, _ link: LinkDeclaration, applied: (org: String?, apiUser: String?)?,
                                into plan: inout PlanBuilder) {
        let address = ResourceAddress.link(accountKey: key)
        switch link {
        case .unlinked:
            guard let applied else { return }
            guard applied.org != nil else {
                UnobservedVCC.attest(address, input: input, into: &plan)
                return
            }
            plan.change(address, .unlink, .link(LinkChange(accountKey: key, from: .unlinked, toOrg: nil, toEnvironment: nil, toAPIUser: nil)),
                        "unlinking stops calls for this account at once", UnobservedVCC.reason)
        case .linked(let org, let user, _):
            if applied?.org == org, applied?.apiUser == user {
                UnobservedVCC.attest(address, input: input, into: &plan)
                return
            }
            let detail = LinkChange(accountKey: key, from: .unlinked, toOrg: org,
                                    toEnvironment: input.desired.orgs[org]?.environment, toAPIUser: user,
                                    toOrgId: input.observed.orgs[org]?.orgId)
            plan.change(address, applied?.org == nil ? .link : .relink, .link(detail),
                        "link to \(org) through \(user)", UnobservedVCC.reason)
        }
    }
}
