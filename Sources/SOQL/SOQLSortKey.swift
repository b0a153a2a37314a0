/// A row's ORDER BY value, extracted once per row so that sorting compares plain values instead
/// of looking fields up on every comparison.
enum SOQLSortKey: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case instant(Int64)
    case string(String)

    init(_ value: SOQLFieldValue) {
        switch value {
        case .null, .record: self = .null
        case .boolean(let b): self = .bool(b)
        case .number(let d): self = d.isNaN ? .null : .number(d)
        case .integer(let i): self = .number(Double(i))
        case .string(let s): self = .string(s)
        case .dateTime(let s): self = SOQLDateTime.instant(s).map(SOQLSortKey.instant) ?? .string(s)
        }
    }

    private var rank: Int {
        switch self {
        case .null: 0
        case .bool: 1
        case .number: 2
        case .instant: 3
        case .string: 4
        }
    }

    /// -1, 0 or 1 between two non-null keys; strings ignore case, as Salesforce sorts them.
    func compare(_ other: SOQLSortKey) -> Int {
        switch (self, other) {
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (a ? 1 : -1)
        case (.number(let a), .number(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.instant(let a), .instant(let b)): return a < b ? -1 : (a == b ? 0 : 1)
        case (.string(let a), .string(let b)): return SOQLText.compareIgnoringCase(a, b)
        default: return rank < other.rank ? -1 : (rank == other.rank ? 0 : 1)
        }
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
