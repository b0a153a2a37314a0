public import OrgSimulator
public import Reconciler

/// The embedded default target: the org(s) modelled by an in-process `OrgSimulator`, behind the
/// same `Target` port as real Salesforce, metering API calls as Salesforce would.
public struct LocalTarget: Target {
    public let simulator: OrgSimulator

    public init(simulator: OrgSimulator) {
        self.simulator = simulator
    }

    public func refresh(_ request: RefreshRequest) async throws -> ObservedState {
        try LocalRefresh(simulator: simulator, request: request).run()
    }

    public func write(_ batch: SettingsWriteBatch) async throws -> TargetWriteResult {
        try LocalApply(simulator: simulator).write(batch)
    }
}
