import YAMLSyntax

/// Accumulates a plan's changes, drift and findings while the resource differs run.
struct PlanBuilder {
    var changes: [PlannedChange] = []
    var drift: [DriftFinding] = []
    var diagnostics: [Diagnostic] = []
    /// Secrets and links taken as done on state's (a person's) word: the VCC side cannot be read.
    var attested: [AttestedResource] = []
    /// Resources observed as declared that state lacks: converged, recorded by the next apply.
    var unrecorded: [UnrecordedResource] = []
    /// Records holding a token in the retired field, for `RetiredTokenMigration`.
    var retiredTokens: [RetiredTokenRecord] = []
    /// Per org, the keys carried by records vccctl does not manage (undeclared, not in state).
    var unmanagedKeys: [String: Set<String>] = [:]

    mutating func change(_ address: ResourceAddress, _ action: ChangeAction, _ detail: ChangeDetail, _ reasons: String...) {
        changes.append(PlannedChange(address: address, action: action, detail: detail, reasons: reasons))
    }

    mutating func drift(_ address: ResourceAddress, _ driftClass: DriftClass, _ message: String, fix: String) {
        drift.append(DriftFinding(address: address, driftClass: driftClass, message: message, fix: fix))
    }
}
