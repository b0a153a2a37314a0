/// A comparison operator in a WHERE clause. `<>` parses as `notEqual`.
public enum SOQLOperator: String, Sendable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case like = "LIKE"
}
