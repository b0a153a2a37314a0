/// Groups a plan's changes into the calls that apply them: consecutive setting changes of one
/// org and action share a write of up to the target's records per call; a replace (an owner
/// renamed: a delete and a create) goes alone; each secret and link change is a VCC call of its
/// own; adopt and forget only touch state.
enum ApplyBatches {
    enum Batch: Equatable {
        case settings(SettingsWriteBatch)
        case vcc(PlannedChange)
        case stateOnly([PlannedChange])

        var changes: [PlannedChange] {
            switch self {
            case .settings(let batch): batch.changes
            case .vcc(let change): [change]
            case .stateOnly(let changes): changes
            }
        }
    }

    static func split(_ changes: [PlannedChange], recordsPerCall: Int) -> [Batch] {
        var batches: [Batch] = []
        let limit = max(1, recordsPerCall)
        for change in changes {
            let last = batches.last
            if !change.action.callsTarget {
                if case .stateOnly(var run)? = last, run.count < limit {
                    run.append(change)
                    batches[batches.count - 1] = .stateOnly(run)
                } else {
                    batches.append(.stateOnly([change]))
                }
                continue
            }
            guard case .setting(let setting) = change.detail else {
                batches.append(.vcc(change))
                continue
            }
            if change.action != .replace, case .settings(var batch)? = last, batch.org == setting.org,
               batch.action == change.action, batch.changes.count < limit {
                batch.changes.append(change)
                batches[batches.count - 1] = .settings(batch)
            } else {
                batches.append(.settings(SettingsWriteBatch(org: setting.org, action: change.action, changes: [change])))
            }
        }
        return batches
    }
}
