/// The order DOMAIN requires: unlinks first (unlink before relink), then setting deletes (deletes
/// before creates on one owner), then setting creates and updates, then secrets (a token can only
/// be stored once a record carries its key), then links.
enum PlanOrdering {
    static func order(_ changes: [PlannedChange]) -> [PlannedChange] {
        changes.enumerated().sorted { lhs, rhs in
            let (a, b) = (rank(lhs.element), rank(rhs.element))
            if a != b { return a < b }
            if lhs.element.address != rhs.element.address { return lhs.element.address < rhs.element.address }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    private static func rank(_ change: PlannedChange) -> Int {
        switch (change.address.kind, change.action) {
        case (.link, .unlink): 0
        case (.setting, .delete), (.setting, .forget): 1
        case (.setting, _): 2
        case (.secret, _): 3
        case (.link, _): 4
        }
    }
}
