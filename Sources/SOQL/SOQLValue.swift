/// A literal on the right-hand side of a WHERE comparison or inside an IN list.
public enum SOQLValue: Sendable, Equatable {
    /// A quoted string, SOQL escapes decoded. `\%` and `\_` stay as backslash + character, because
    /// they only mean something to LIKE, which reads them as literal `%` and `_`.
    case string(String)
    case number(Double)
    case boolean(Bool)
    case null
    /// A date-time (or date) literal as written, e.g. `2026-01-02T03:04:05Z`.
    case dateTime(String)
}
