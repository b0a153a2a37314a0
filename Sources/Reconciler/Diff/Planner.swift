import VCCModel
public import YAMLSyntax

/// Makes a plan: the diff of desired × applied × observed, ordered as the domain requires.
public enum Planner {
    public struct Result: Sendable {
        public var plan: Plan?
        /// Errors found while planning (an owner that does not exist, a token variable unset).
        public var diagnostics: [Diagnostic]
    }

    public static func plan(_ input: PlanInput) -> Result {
        var builder = PlanBuilder()
        var keyOrgs: [String: Set<String>] = [:]
        for orgName in input.desired.orgs.keys.sorted() {
            guard let org = input.desired.orgs[orgName] else { continue }
            guard let observed = input.observed.orgs[orgName] else {
                builder.diagnostics.append(.error("plan.org-unreachable", "org '\(orgName)' was not read from the target",
                                                  at: org.origin.location))
                continue
            }
            var desired: [Location: (key: String, origin: SourceOrigin)] = [:]
            for account in input.desired.accounts.values {
                guard let locations = account.locations[orgName], !locations.isEmpty else { continue }
                keyOrgs[account.key, default: []].insert(orgName)
                for location in locations { desired[location] = (account.key, location.origin) }
            }
            SettingsDiff(org: org, observed: observed, desired: desired,
                         applied: appliedSettings(input.applied, org: orgName)).run(into: &builder)
        }
        SecretsDiff(input: input, keyOrgs: keyOrgs).run(into: &builder)
        LinksDiff(input: input).run(into: &builder)

        // The differs walk hash sets; sort what they found so that output is deterministic.
        guard builder.diagnostics.isEmpty else {
            return Result(plan: nil, diagnostics: builder.diagnostics.sorted(by: Diagnostic.sourceOrder))
        }
        let drift = builder.drift.enumerated().sorted { lhs, rhs in
            lhs.element.address != rhs.element.address ? lhs.element.address < rhs.element.address : lhs.offset < rhs.offset
        }.map(\.element)
        let changes = PlanOrdering.order(builder.changes)
        var plan = Plan(
            lineage: input.applied?.lineage, serial: input.applied?.serial,
            configDigest: DesiredStateDigest.digest(input.desired), readDigest: input.observed.readDigest,
            changes: changes, drift: drift,
            apiCalls: APICallEstimate(refresh: input.observed.apiCalls, apply: APICallEstimator.applyCalls(changes)))
        if input.applied == nil { plan.newStateSalt = Hex.encode(input.newStateSalt) }
        return Result(plan: plan, diagnostics: [])
    }

    private static func appliedSettings(_ applied: AppliedState?, org: String)
        -> [Location: (key: String, recordId: String, ownerId: String)]
    {
        var result: [Location: (key: String, recordId: String, ownerId: String)] = [:]
        guard let applied else { return result }
        for (address, resource) in applied.resources {
            guard case .setting(let o, let location) = address, o == org,
                  case .setting(let key, let recordId, let ownerId) = resource else { continue }
            result[location] = (key, recordId, ownerId)
        }
        return result
    }
}
