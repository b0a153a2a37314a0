public import VCCModel
public import YAMLSyntax

/// The read half of every command that plans: state, refresh, diff. One pass, no back and forth.
public struct PlanningSession: Sendable {
    public let target: any Target
    public let store: any StateStore
    public let environment: @Sendable (String) -> String?

    public init(target: any Target, store: any StateStore, environment: @escaping @Sendable (String) -> String?) {
        self.target = target
        self.store = store
        self.environment = environment
    }

    public struct Outcome: Sendable {
        public var applied: AppliedState?
        public var observed: ObservedState
        public var plan: Plan?
        public var diagnostics: [Diagnostic]
    }

    /// Loads the state, refreshes what it and the configuration name, and plans.
    public func plan(_ desired: DesiredState, newStateSalt: [UInt8]) async throws -> Outcome {
        let applied = try await store.load()
        let observed = try await target.refresh(.scope(desired: desired, applied: applied))
        let result = Planner.plan(PlanInput(desired: desired, applied: applied, observed: observed,
                                            environment: environment, newStateSalt: newStateSalt))
        return Outcome(applied: applied, observed: observed, plan: result.plan, diagnostics: result.diagnostics)
    }
}
