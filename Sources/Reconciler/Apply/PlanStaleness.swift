/// Why a saved plan may no longer be applied. Each says what moved and what to do.
public enum PlanStaleness: Sendable, Hashable, CustomStringConvertible {
    case stateCreatedSince
    case lineageChanged(planned: String, current: String?)
    case serialMoved(planned: Int64, current: Int64)
    case configChanged
    case remoteChanged
    case tokenChanged(variable: String, address: String)
    case tokenMissing(variable: String)
    case newerFormat(Int)

    public var description: String {
        switch self {
        case .stateCreatedSince:
            "the plan was made before any state existed, and state exists now (was it applied already?)"
        case .lineageChanged(let planned, let current):
            "the plan was made against state lineage \(planned), but the state is \(current.map { "lineage \($0)" } ?? "gone")"
        case .serialMoved(let planned, let current):
            "the state moved since the plan was made (serial \(planned), now \(current))"
        case .configChanged:
            "the configuration changed since the plan was made"
        case .remoteChanged:
            "objects read for the plan changed in the org or in VCC since it was made"
        case .tokenChanged(let variable, let address):
            "the token in \(variable) is not the one planned for \(address) (fingerprint differs)"
        case .tokenMissing(let variable):
            "environment variable \(variable) is not set"
        case .newerFormat(let version):
            "the plan file has format version \(version); this vccctl reads version \(Plan.formatVersion)"
        }
    }

    /// The fix, the same for all: plan again.
    public static let remedy = "run 'vccctl plan --out FILE' again and apply the new plan"
}

extension Plan {
    /// Every reason this plan cannot be applied as it stands; empty when it can.
    public func staleness(state: AppliedState?, configDigest: String, readDigest: String,
                          environment: (String) -> String?) -> [PlanStaleness] {
        var reasons: [PlanStaleness] = []
        if formatVersion > Plan.formatVersion { return [.newerFormat(formatVersion)] }
        switch (lineage, state) {
        case (nil, _?): reasons.append(.stateCreatedSince)
        case let (planned?, current):
            if planned != current?.lineage { reasons.append(.lineageChanged(planned: planned, current: current?.lineage)) }
            else if let current, let serial, serial != current.serial {
                reasons.append(.serialMoved(planned: serial, current: current.serial))
            }
        case (nil, nil): break
        }
        if configDigest != self.configDigest { reasons.append(.configChanged) }
        if readDigest != self.readDigest { reasons.append(.remoteChanged) }
        // The salt the plan's fingerprints were taken with: the new state's when no state existed,
        // else its lineage's. Another lineage's salt would make every token look changed.
        let salt = lineage == nil ? newStateSalt.flatMap(Hex.decode)
            : state?.lineage == lineage ? state?.fingerprintSalt : nil
        for change in changes {
            guard case .secret(let secret) = change.detail, change.action.callsTarget else { continue }
            guard let token = environment(secret.variable), !token.isEmpty else {
                reasons.append(.tokenMissing(variable: secret.variable))
                continue
            }
            if let salt, TokenFingerprint(token: token, salt: salt) != secret.fingerprint {
                reasons.append(.tokenChanged(variable: secret.variable, address: change.address.description))
            }
        }
        return reasons
    }
}
