/// What `SOQLEvaluator.run` selected.
public struct SOQLResult: Sendable {
    /// The matching rows, ordered, after OFFSET and LIMIT (empty for COUNT()).
    public var rows: [SOQLRow]
    /// Salesforce's `totalSize`: the number of rows, or the count for COUNT().
    public var totalSize: Int
    /// Whether the query was `SELECT COUNT()`, whose answer has `totalSize` and no records.
    public var isCount: Bool

    public init(rows: [SOQLRow], totalSize: Int, isCount: Bool) {
        self.rows = rows
        self.totalSize = totalSize
        self.isCount = isCount
    }
}
