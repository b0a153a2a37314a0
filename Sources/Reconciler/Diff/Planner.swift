import VCCModel
public import YAMLSyntax

/// Makes a plan: the diff of desired × applied × observed, ordered as the domain requires.
public enum Planner {
    public struct Result: Sendable {
        public var plan: Plan?
        /// Errors found while planning (an owner that does not exist, a token variable unset).
        public var diagnostics: [Diagnostic]
        /// What changed outside vccctl; found even when a problem stops the plan (drift reports it).
        public var drift: [DriftFinding]
    }

    public static func plan(_ input: PlanInput) -> Result {
        var builder = PlanBuilder()
        for orgName in input.desired.orgs.keys.sorted() {
            guard let org = input.desired.orgs[orgName] else { continue }
            guard let observed = input.observed.orgs[orgName] else {
                builder.diagnostics.append(.error("plan.org-unreachable", "org '\(orgName)' was not read from the target",
                                                  at: org.origin.location))
                continue
            }
            SettingsDiff(org: org, observed: observed, desired: input.settings[orgName],
                         applied: input.applied?.settings[orgName] ?? LocationTable()).run(into: &builder)
        }
        undeclaredOrgs(input, into: &builder)
        var keyOrgs: [String: Set<String>] = [:]
        for account in input.desired.accounts.values {
            for (org, locations) in account.locations where !locations.isEmpty { keyOrgs[account.key, default: []].insert(org) }
        }
        SecretsDiff(input: input, keyOrgs: keyOrgs).run(into: &builder)
        LinksDiff(input: input).run(into: &builder)

        // Sorted so that output is deterministic whatever order the differs found things in.
        let drift = builder.drift.enumerated().sorted { lhs, rhs in
            lhs.element.address != rhs.element.address ? lhs.element.address < rhs.element.address : lhs.offset < rhs.offset
        }.map(\.element)
        guard builder.diagnostics.isEmpty else {
            return Result(plan: nil, diagnostics: builder.diagnostics.sorted(by: Diagnostic.sourceOrder), drift: drift)
        }
        let changes = PlanOrdering.order(builder.changes)
        var plan = Plan(
            lineage: input.applied?.lineage, serial: input.applied?.serial,
            configDigest: DesiredStateDigest.digest(input.desired, settings: input.settings), readDigest: input.observed.readDigest,
            changes: changes, drift: drift,
            apiCalls: APICallEstimate(refresh: input.observed.apiCalls, apply: APICallEstimator.applyCalls(changes),
                                      usage: input.observed.apiUsage))
        plan.attested = builder.attested.sorted { $0.address < $1.address }
        if input.applied == nil { plan.newStateSalt = Hex.encode(input.newStateSalt) }
        return Result(plan: plan, diagnostics: [], drift: drift)
    }

    /// Settings records state manages in an org the configuration no longer declares: without the
    /// declaration vccctl can neither read nor delete them, and dropping them silently would leave
    /// keys in force that nobody reviews.
    private static func undeclaredOrgs(_ input: PlanInput, into builder: inout PlanBuilder) {
        guard let applied = input.applied else { return }
        for (org, table) in applied.settings.sorted(by: { $0.key < $1.key }) where input.desired.orgs[org] == nil && !table.isEmpty {
            builder.diagnostics.append(.error(
                "plan.org-undeclared",
                "state manages \(table.count) settings record\(table.count == 1 ? "" : "s") in org '\(org)', which the configuration no longer declares",
                notes: [.init("to delete them, declare org '\(org)' again with no locations, apply, then remove it"),
                        .init("to keep them, declare org '\(org)' again with its locations")]))
        }
    }
}
