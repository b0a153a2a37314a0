/// A WHERE condition compiled against the schema: paths resolved to canonical names, literals
/// pre-digested, LIKE patterns compiled. Evaluated once per row.
indirect enum SOQLPredicate: Sendable {
    case all([SOQLPredicate])
    case any([SOQLPredicate])
    case not(SOQLPredicate)
    case compare(SOQLFieldPath, SOQLOperator, SOQLOperand)
    case like(SOQLFieldPath, SOQLLikePattern)
    case member(SOQLFieldPath, [SOQLOperand], negated: Bool)

    func matches(_ row: SOQLRow) -> Bool {
        switch self {
        case .all(let terms):
            for term in terms where !term.matches(row) { return false }
            return true
        case .any(let terms):
            for term in terms where term.matches(row) { return true }
            return false
        case .not(let inner):
            return !inner.matches(row)
        case .compare(let path, let op, let operand):
            return Self.compare(path.value(in: row), op, operand, isId: path.isId)
        case .like(let path, let pattern):
            switch path.value(in: row) {
            case .string(let s), .dateTime(let s): return pattern.matches(s)
            default: return false
            }
        case .member(let path, let operands, let negated):
            let value = path.value(in: row)
            let found = operands.contains { Self.compare(value, .equal, $0, isId: path.isId) }
            return found != negated
        }
    }

    /// SOQL's two-valued logic: `= null` matches nulls, `!= x` matches nulls too, and an ordering
    /// comparison with a null on either side is false.
    static func compare(_ value: SOQLFieldValue, _ op: SOQLOperator, _ operand: SOQLOperand, isId: Bool) -> Bool {
        let valueIsNull = value == .null
        if valueIsNull || operand.isNull {
            switch op {
            case .equal: return valueIsNull && operand.isNull
            case .notEqual: return valueIsNull != operand.isNull
            default: return false
            }
        }
        guard let order = operand.compare(value, isId: isId) else { return op == .notEqual }
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        case .like: return false  // compiled to .like
        }
    }
}
