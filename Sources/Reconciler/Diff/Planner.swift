import VCCModel
public import YAMLSyntax

/// Makes a plan: the diff of desired × applied × observed, ordered as the domain requires.
public enum Planner {
    public struct Result: Sendable {
        public var plan: Plan?
        /// Findings made while planning, in source order: errors (an owner that does not exist, a
        /// token variable unset) stop the plan; warnings (an API user that is not API Only, a
        /// retired token with no token declared to move it to) come with it.
        public var diagnostics: [Diagnostic]
        /// What changed outside vccctl; found even when a problem stops the plan (drift reports it).
        public var drift: [DriftFinding]
    }

    public static func plan(_ input: PlanInput) -> Result {
        var input = input
        let recovered = JournalRecovery.recover(&input)
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
        APIUserChecks(input: input).run(into: &builder)
        let migrating = RetiredTokenMigration(input: input, records: builder.retiredTokens).run(into: &builder)
        SecretsDiff(input: input, keyOrgs: secretOrgs(input, builder, migrating: migrating)).run(into: &builder)
        LinksDiff(input: input).run(into: &builder)

        // Sorted so that output is deterministic whatever order the differs found things in.
        let drift = builder.drift.enumerated().sorted { lhs, rhs in
            lhs.element.address != rhs.element.address ? lhs.element.address < rhs.element.address : lhs.offset < rhs.offset
        }.map(\.element)
        let diagnostics = builder.diagnostics.sorted(by: Diagnostic.sourceOrder)
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            return Result(plan: nil, diagnostics: diagnostics, drift: drift)
        }
        let changes = PlanOrdering.order(builder.changes)
        var plan = Plan(
            lineage: input.applied?.lineage, serial: input.applied?.serial,
            configDigest: DesiredStateDigest.digest(input.desired, settings: input.settings), readDigest: input.observed.readDigest,
            changes: changes, drift: drift,
            apiCalls: APICallEstimate(refresh: input.observed.apiCalls, apply: APICallEstimator.applyCalls(changes),
                                      usage: input.observed.apiUsage))
        plan.attested = builder.attested.sorted { $0.address < $1.address }
        plan.unrecorded = builder.unrecorded.sorted { $0.address < $1.address }
        plan.recovered = recovered
        if input.applied == nil { plan.newStateSalt = Hex.encode(input.newStateSalt) }
        return Result(plan: plan, diagnostics: diagnostics, drift: drift)
    }

    /// The orgs in which each account key's secret is managed: where the key's records will
    /// exist after the settings changes, where a retired token of the key is moved to Secrets
    /// Management, and where vccctl stored it before while a record it does not manage still
    /// carries the key (so that such a secret is kept, not forgotten, once its migration is done).
    private static func secretOrgs(_ input: PlanInput, _ builder: PlanBuilder, migrating: [String: Set<String>])
        -> [String: Set<String>]
    {
        var keyOrgs = migrating
        for account in input.desired.accounts.values {
            for (org, locations) in account.locations where !locations.isEmpty { keyOrgs[account.key, default: []].insert(org) }
        }
        for (org, keys) in builder.unmanagedKeys {
            for key in keys where input.applied?.accountResources[.secret(org: org, accountKey: key)] != nil {
                keyOrgs[key, default: []].insert(org)
            }
        }
        return keyOrgs
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
