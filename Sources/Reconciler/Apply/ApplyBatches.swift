/// Groups a plan's changes into the calls that apply them: consecutive setting changes of one
/// org and action share sObject Collections calls of up to 200 records; every other change is a
/// call of its own; adopt and forget only touch state.
enum ApplyBatches {
    static func split(_ changes: [PlannedChange]) -> [[PlannedChange]] {
        var batches: [[PlannedChange]] = []
        var current: [PlannedChange] = []
        func key(_ change: PlannedChange) -> String? {
            if !change.action.callsTarget { return "state-only" }
            guard case .setting(let setting) = change.detail, change.action != .replace else { return nil }
            return "\(setting.org)/\(change.action.rawValue)"
        }
        for change in changes {
            if let last = current.last, let k = key(change), key(last) == k, current.count < APICallEstimate.recordsPerWrite {
                current.append(change)
                continue
            }
            if !current.isEmpty { batches.append(current) }
            current = [change]
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}
