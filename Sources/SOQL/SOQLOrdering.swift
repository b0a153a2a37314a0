/// One ORDER BY key.
public struct SOQLOrdering: Sendable, Equatable {
    /// The field path as written, split on `.`.
    public var path: [String]
    public var ascending: Bool
    /// Whether nulls sort before every value. Salesforce's default is nulls first for ASC and
    /// nulls last for DESC; the parser fills that in when NULLS FIRST/LAST is not written.
    public var nullsFirst: Bool

    public init(path: [String], ascending: Bool = true, nullsFirst: Bool? = nil) {
        self.path = path
        self.ascending = ascending
        self.nullsFirst = nullsFirst ?? ascending
    }
}
