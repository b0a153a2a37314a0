public import OrgSimulator
public import Reconciler

/// The embedded default target: the org(s) and VCC modelled by an in-process `OrgSimulator`,
/// behind the same `Target` port as real Salesforce, metering API calls as Salesforce would.
public struct LocalTarget: Target {
    public let simulator: OrgSimulator

    public init(simulator: OrgSimulator) {
        self.simulator = simulator
    }

    public func refresh(_ request: RefreshRequest) async throws -> ObservedState {
        try LocalRefresh(simulator: simulator, request: request).run()
    }

    public func apply(_ changes: [PlannedChange], tokens: @escaping @Sendable (String) -> String?) async throws -> [ChangeOutcome] {
        try LocalApply(simulator: simulator, tokens: tokens).run(changes)
    }
}
