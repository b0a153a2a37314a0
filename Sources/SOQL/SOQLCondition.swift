/// A WHERE condition. Field paths are as written, split on `.`.
public indirect enum SOQLCondition: Sendable, Equatable {
    case and([SOQLCondition])
    case or([SOQLCondition])
    case not(SOQLCondition)
    /// `path op literal`, including `LIKE` and `= null` / `!= null`.
    case compare([String], SOQLOperator, SOQLValue)
    /// `path IN (...)`, or `path NOT IN (...)` when `negated`.
    case inList([String], [SOQLValue], negated: Bool)
}
