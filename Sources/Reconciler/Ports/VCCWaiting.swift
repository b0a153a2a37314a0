/// The VCC side of a target that cannot reach VCC yet (Salesforce over REST, until a VCC adapter
/// is configured): secrets and links are planned from state and reported as waiting, never
/// dropped; applying them leaves them pending, so state does not claim what nobody did.
public struct VCCWaiting: VCCPort {
    /// The reason every such planned change carries.
    public static let reason = "waiting: this target cannot reach VCC (Secrets Management and links) yet; "
        + "apply leaves this change pending and the next plan shows it again"
    /// The code of the pending outcome.
    public static let code = "VCC_NOT_AVAILABLE"

    public init() {}

    public func read(orgs: [String], accountKeys: Set<String>) async throws -> ObservedVCC {
        .unobservable
    }

    public func apply(_ change: PlannedChange, tokens: @escaping @Sendable (String) -> String?) async throws -> ChangeOutcome {
        ChangeOutcome(address: change.address, status: .pending, resource: nil, code: Self.code,
                      message: "not done: this target cannot reach VCC yet; do it in Salesforce (Secrets Management) "
                        + "or the VCC Admin Portal, then plan again")
    }
}
