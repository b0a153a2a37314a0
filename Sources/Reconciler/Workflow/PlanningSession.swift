public import VCCModel
public import YAMLSyntax

/// The read half of every command that plans: state, refresh, diff. One pass, no back and forth.
public struct PlanningSession: Sendable {
    public let remote: RemoteSystems
    public let store: any StateStore
    public let environment: @Sendable (String) -> String?

    public init(remote: RemoteSystems, store: any StateStore, environment: @escaping @Sendable (String) -> String?) {
        self.remote = remote
        self.store = store
        self.environment = environment
    }

    public struct Outcome: Sendable {
        public var applied: AppliedState?
        public var observed: ObservedState
        public var plan: Plan?
        public var diagnostics: [Diagnostic]
        /// What changed outside vccctl, also when diagnostics stop the plan.
        public var drift: [DriftFinding]
        /// The declared settings it planned with.
        public var settings: DesiredSettings
    }

    /// Loads the state (or takes the load `StateStore.loadInBackground` began), refreshes what it and the
    /// configuration name, and plans.
    public func plan(_ desired: DesiredState, state: Task<AppliedState?, any Error>? = nil,
                     newStateSalt: [UInt8]) async throws -> Outcome {
        let loading = state ?? store.loadInBackground()
        // Sorting the declared locations overlaps with the state load.
        let settings = DesiredSettings(desired)
        let applied = try await loading.value
        let observed = try await remote.refresh(.scope(desired: desired, settings: settings, applied: applied))
        let result = Planner.plan(PlanInput(desired: desired, applied: applied, observed: observed,
                                            environment: environment, newStateSalt: newStateSalt, settings: settings))
        return Outcome(applied: applied, observed: observed, plan: result.plan, diagnostics: result.diagnostics,
                       drift: result.drift,
                       settings: settings)
    }
}
