public import VCCModel

/// What a plan is made from.
public struct PlanInput: Sendable {
    public var desired: DesiredState
    /// The declared settings records, sorted (computed from `desired` unless given).
    public var settings: DesiredSettings
    /// nil: no state exists yet.
    public var applied: AppliedState?
    public var observed: ObservedState
    /// Reads an environment variable (the token source); injected so tests and apply control it.
    public var environment: @Sendable (String) -> String?
    /// Salt for fingerprints when no state exists yet (the state created by apply keeps it).
    public var newStateSalt: [UInt8]

    public init(desired: DesiredState, applied: AppliedState?, observed: ObservedState,
                environment: @escaping @Sendable (String) -> String?, newStateSalt: [UInt8],
                settings: DesiredSettings? = nil) {
        self.desired = desired
        self.settings = settings ?? DesiredSettings(desired)
        self.applied = applied
        self.observed = observed
        self.environment = environment
        self.newStateSalt = newStateSalt
    }

    var salt: [UInt8] { applied?.fingerprintSalt ?? newStateSalt }
}
