/// A WHERE literal with what comparisons need computed once per query instead of once per row.
struct SOQLOperand: Sendable {
    let value: SOQLValue
    /// The literal as an instant, when it reads as a date-time.
    let instant: Int64?

    init(_ value: SOQLValue) {
        self.value = value
        switch value {
        case .dateTime(let s), .string(let s): instant = SOQLDateTime.instant(s)
        default: instant = nil
        }
    }

    var isNull: Bool { value == .null }

    /// -1, 0 or 1 comparing a non-null field value with this non-null literal; nil when the two
    /// cannot be compared (a number against a string, a record...). SOQL compares strings
    /// ignoring case, and Ids by their 15-character prefix.
    func compare(_ field: SOQLFieldValue, isId: Bool) -> Int? {
        switch (field, value) {
        case (.string(let a), .string(let b)):
            if isId, let equal = SOQLIdentifier.equal(a, b) {
                if equal { return 0 }
                // Distinct Ids that differ only in case are still distinct (15-character Ids are
                // case-sensitive), so never report them equal.
                let order = SOQLText.compareIgnoringCase(a, b)
                return order != 0 ? order : (a < b ? -1 : 1)
            }
            return SOQLText.compareIgnoringCase(a, b)
        case (.string(let a), .dateTime), (.dateTime(let a), .dateTime), (.dateTime(let a), .string):
            guard let x = SOQLDateTime.instant(a), let y = instant else {
                if case .dateTime(let a) = field, case .string(let b) = value { return SOQLText.compareIgnoringCase(a, b) }
                return nil
            }
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.number(let a), .number(let b)):
            return a < b ? -1 : (a == b ? 0 : 1)
        case (.integer(let i), .number(let b)):
            let a = Double(i)
            return a < b ? -1 : (a == b ? 0 : 1)
        case (.boolean(let a), .boolean(let b)):
            return a == b ? 0 : (a ? 1 : -1)
        default:
            return nil
        }
    }
}
