import VCCModel

/// Reads the journal a stopped apply left (`AppliedState.intent`) against the org: each intended
/// write found in the org exactly as intended landed, so it counts as applied. The plan is then
/// made as if its commit had happened (no `changed-outside` drift, no adoption of vccctl's own
/// writes), and the writes found are recorded by the next apply (`Plan.recovered`). Writes not
/// found did not land: they are planned again like any other difference.
enum JournalRecovery {
    /// Rewrites `input.applied` with the writes that landed; returns them.
    static func recover(_ input: inout PlanInput) -> [RecoveredWrite] {
        guard var applied = input.applied, let intent = applied.intent else { return [] }
        var recovered: [RecoveredWrite] = []
        var byOrg: [String: [Location: AppliedSetting?]] = [:]
        for write in intent.writes {
            guard case .setting(let org, let location) = write.address,
                  let observed = input.observed.orgs[org] else { continue }
            let now = observed.settings[location]
            let had = applied.settings[org]?[location]
            if let key = write.accountKey {
                guard let now, now.ownerId == write.ownerId, now.key == key else { continue }
                let setting = AppliedSetting(accountKey: key, recordId: now.recordId, ownerId: now.ownerId)
                if had == setting { continue }
                byOrg[org, default: [:]][location] = .some(setting)
                recovered.append(RecoveredWrite(address: write.address, resource: setting.resource, applyID: intent.applyID))
            } else {
                // Deleted: the record is gone from its location (another record there is not it).
                guard had != nil, now == nil || (write.recordId != nil && now?.recordId != write.recordId) else { continue }
                byOrg[org, default: [:]][location] = .some(nil)
                recovered.append(RecoveredWrite(address: write.address, resource: nil, applyID: intent.applyID))
            }
        }
        for (org, changes) in byOrg {
            let table = applied.settings[org] ?? LocationTable()
            var entries = table.entries.filter { changes[$0.location] == nil }
            for (location, setting) in changes {
                if let setting { entries.append(.init(location, setting)) }
            }
            applied.settings[org] = LocationTable(entries)
        }
        input.applied = applied
        return recovered.sorted { $0.address < $1.address }
    }
}
