/// A parsed SOQL query in the subset the loopback emulator answers:
/// `SELECT items FROM Object [WHERE cond] [ORDER BY keys] [LIMIT n] [OFFSET n]`.
public struct SOQLQuery: Sendable, Equatable {
    /// The FROM object, as written.
    public var object: String
    public var items: [SOQLSelectItem]
    /// The WHERE condition, if any.
    public var condition: SOQLCondition?
    /// The ORDER BY keys, in order.
    public var ordering: [SOQLOrdering]
    public var limit: Int?
    public var offset: Int?

    public init(
        object: String,
        items: [SOQLSelectItem],
        condition: SOQLCondition? = nil,
        ordering: [SOQLOrdering] = [],
        limit: Int? = nil,
        offset: Int? = nil
    ) {
        self.object = object
        self.items = items
        self.condition = condition
        self.ordering = ordering
        self.limit = limit
        self.offset = offset
    }

    /// Parses `text`, throwing `MALFORMED_QUERY` for anything outside the supported subset.
    /// Never traps: nesting deeper than `SOQLParser.maximumDepth` is an error, not a stack overflow.
    public static func parse(_ text: String) throws(SOQLError) -> SOQLQuery {
        var parser = try SOQLParser(text)
        return try parser.parseQuery()
    }

    /// Whether the SELECT list is `COUNT()`.
    public var isCount: Bool { items == [.count] }
}
