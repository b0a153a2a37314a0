/// The order DOMAIN requires: unlinks first (unlink before relink), then setting deletes (deletes
/// before creates on one owner), then setting creates and updates, then secrets (a token can only
/// be stored once a record carries its key), then the clears of retired token fields (a token
/// leaves the record only once it is stored as a secret, so it is never in neither place), then
/// links. Within a rank, setting changes of one org
/// and action stay together, so that apply can send them 200 a call (as the estimate counts).
enum PlanOrdering {
    static func order(_ changes: [PlannedChange]) -> [PlannedChange] {
        changes.enumerated().sorted { lhs, rhs in
            let (a, b) = (rank(lhs.element), rank(rhs.element))
            if a != b { return a < b }
            let (g, h) = (batchGroup(lhs.element), batchGroup(rhs.element))
            if g != h { return g < h }
            if lhs.element.address != rhs.element.address { return lhs.element.address < rhs.element.address }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    private static func rank(_ change: PlannedChange) -> Int {
        switch (change.address.kind, change.action) {
        case (.link, .unlink): 0
        case (.setting, .delete), (.setting, .forget): 1
        case (.setting, .clearRetired): 4
        case (.setting, _): 2
        case (.secret, _): 3
        case (.link, _): 5
        }
    }

    /// Setting changes batch by org and action; other changes are one call each.
    private static func batchGroup(_ change: PlannedChange) -> (String, String) {
        guard case .setting(let setting) = change.detail else { return ("", "") }
        return (setting.org, change.action.rawValue)
    }
}
