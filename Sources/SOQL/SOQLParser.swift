/// Recursive-descent parser for the supported SOQL subset. Everything else (GROUP BY, subqueries,
/// aggregate functions other than COUNT(), FOR UPDATE, date literals such as LAST_N_DAYS:n...)
/// stops at its first token with Salesforce's "unexpected token: 'X'".
struct SOQLParser {
    /// Deepest nesting of parentheses and NOT accepted; past it the query is refused instead of
    /// recursing further (a hostile query must not overflow the stack).
    static let maximumDepth = 64
    /// Relationship hops in one field path (`A.B.C.D.E.Field`), Salesforce's limit.
    static let maximumRelationshipHops = 5

    /// Words Salesforce reserves: never a field or object name.
    private static let reserved: Set<String> = [
        "and", "asc", "desc", "excludes", "first", "from", "group", "having", "in", "includes", "last",
        "like", "limit", "not", "null", "nulls", "or", "select", "where", "with", "true", "false",
    ]

    private let source: String
    private let tokens: [SOQLToken]
    private var index = 0

    init(_ text: String) throws(SOQLError) {
        source = text
        tokens = try SOQLLexer.tokenize(text)
    }

    // MARK: Errors

    /// Row and column (1-based) of scalar offset `offset`.
    static func location(in source: String, at offset: Int) -> (row: Int, column: Int, line: String) {
        var row = 1, column = 1, seen = 0
        var line = String.UnicodeScalarView()
        for c in source.unicodeScalars {
            if c == "\n" {
                if seen >= offset { break }
                row += 1
                column = 1
                line.removeAll()
            } else {
                line.append(c)
                if seen < offset { column += 1 }
            }
            seen += 1
        }
        return (row, column, String(line))
    }

    /// Salesforce's MALFORMED_QUERY shape: the offending line, a caret under the column, the
    /// position, then the reason.
    static func error(in source: String, at offset: Int, _ reason: String) -> SOQLError {
        let at = location(in: source, at: offset)
        let caret = String(repeating: " ", count: max(0, at.column - 1)) + "^"
        return .malformed("\n\(at.line)\n\(caret)\nERROR at Row:\(at.row):Column:\(at.column)\n\(reason)")
    }

    private func unexpected(_ token: SOQLToken) -> SOQLError {
        Self.error(in: source, at: token.offset, "unexpected token: \(token.quoted)")
    }

    // MARK: Tokens

    private var current: SOQLToken { tokens[index] }

    private func peek(_ ahead: Int) -> SOQLToken {
        tokens[min(index + ahead, tokens.count - 1)]
    }

    private mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    private mutating func accept(_ keyword: String) -> Bool {
        guard current.isKeyword(keyword) else { return false }
        advance()
        return true
    }

    private mutating func expect(_ keyword: String) throws(SOQLError) {
        guard accept(keyword) else { throw unexpected(current) }
    }

    private mutating func expect(_ kind: SOQLToken.Kind) throws(SOQLError) {
        guard current.kind == kind else { throw unexpected(current) }
        advance()
    }

    /// A name that is not a reserved word.
    private mutating func name() throws(SOQLError) -> String {
        guard case .identifier(let name) = current.kind, !Self.reserved.contains(name.lowercased()) else {
            throw unexpected(current)
        }
        advance()
        return name
    }

    // MARK: Grammar

    mutating func parseQuery() throws(SOQLError) -> SOQLQuery {
        try expect("SELECT")
        let items = try selectList()
        try expect("FROM")
        let object = try name()
        var query = SOQLQuery(object: object, items: items)
        if accept("WHERE") { query.condition = try condition(depth: 0) }
        if accept("ORDER") {
            try expect("BY")
            query.ordering = try orderings()
        }
        if accept("LIMIT") { query.limit = try count() }
        if accept("OFFSET") { query.offset = try count() }
        guard current.kind == .end else { throw unexpected(current) }
        return query
    }

    private mutating func selectList() throws(SOQLError) -> [SOQLSelectItem] {
        var items: [SOQLSelectItem] = []
        repeat {
            let start = current
            let item = try selectItem()
            if item == .count && !items.isEmpty || items.first == .count {
                throw Self.error(in: source, at: start.offset, "COUNT() must be the only element in the SELECT list")
            }
            items.append(item)
        } while current.kind == .comma && { advance(); return true }()
        return items
    }

    private mutating func selectItem() throws(SOQLError) -> SOQLSelectItem {
        if current.isKeyword("TYPEOF") { return try typeOf() }
        if case .identifier = current.kind, peek(1).kind == .openParen {
            // Functions: only COUNT() with nothing inside belongs to the subset.
            guard current.isKeyword("COUNT") else { throw unexpected(current) }
            advance()
            advance()
            try expect(.closeParen)
            return .count
        }
        return .field(try path())
    }

    private mutating func typeOf() throws(SOQLError) -> SOQLSelectItem {
        advance()
        let relationship = try name()
        var whens: [SOQLTypeOfBranch] = []
        while accept("WHEN") {
            let type = try name()
            try expect("THEN")
            whens.append(SOQLTypeOfBranch(type: type, fields: try typeOfFields()))
        }
        guard !whens.isEmpty else { throw unexpected(current) }
        var otherwise: [[String]] = []
        if accept("ELSE") { otherwise = try typeOfFields() }
        try expect("END")
        return .typeOf(relationship: relationship, whens: whens, otherwise: otherwise)
    }

    private mutating func typeOfFields() throws(SOQLError) -> [[String]] {
        var fields = [try path()]
        while current.kind == .comma {
            advance()
            fields.append(try path())
        }
        return fields
    }

    private mutating func path() throws(SOQLError) -> [String] {
        let start = current
        var segments = [try name()]
        while current.kind == .dot {
            advance()
            segments.append(try name())
        }
        if segments.count > Self.maximumRelationshipHops + 1 {
            throw Self.error(
                in: source, at: start.offset,
                "A field path can cross at most \(Self.maximumRelationshipHops) relationships: '\(segments.joined(separator: "."))'"
            )
        }
        return segments
    }

    /// A non-negative whole number (LIMIT, OFFSET).
    private mutating func count() throws(SOQLError) -> Int {
        guard case .number(let text) = current.kind, let value = Int(text), value >= 0, !text.hasPrefix("+") else {
            throw unexpected(current)
        }
        advance()
        return value
    }

    private mutating func orderings() throws(SOQLError) -> [SOQLOrdering] {
        var result: [SOQLOrdering] = []
        repeat {
            let path = try path()
            var ascending = true
            if accept("DESC") { ascending = false } else { _ = accept("ASC") }
            var nullsFirst: Bool?
            if accept("NULLS") {
                if accept("FIRST") {
                    nullsFirst = true
                } else {
                    try expect("LAST")
                    nullsFirst = false
                }
            }
            result.append(SOQLOrdering(path: path, ascending: ascending, nullsFirst: nullsFirst))
        } while current.kind == .comma && { advance(); return true }()
        return result
    }

    /// `unary (AND unary)*` or `unary (OR unary)*`: SOQL refuses AND and OR side by side
    /// without parentheses, so the first connective fixes the one allowed at this level.
    private mutating func condition(depth: Int) throws(SOQLError) -> SOQLCondition {
        let first = try unary(depth: depth)
        for (keyword, other) in [("AND", "OR"), ("OR", "AND")] where current.isKeyword(keyword) {
            var terms = [first]
            while accept(keyword) { terms.append(try unary(depth: depth)) }
            if current.isKeyword(other) { throw unexpected(current) }
            return keyword == "AND" ? .and(terms) : .or(terms)
        }
        return first
    }

    private mutating func unary(depth: Int) throws(SOQLError) -> SOQLCondition {
        guard depth < Self.maximumDepth else {
            throw Self.error(
                in: source, at: current.offset,
                "Conditions nest at most \(Self.maximumDepth) levels deep (parentheses and NOT)")
        }
        if accept("NOT") { return .not(try unary(depth: depth + 1)) }
        if current.kind == .openParen {
            advance()
            let inner = try condition(depth: depth + 1)
            try expect(.closeParen)
            return inner
        }
        return try simpleCondition()
    }

    private mutating func simpleCondition() throws(SOQLError) -> SOQLCondition {
        let field = try path()
        if case .comparison(let symbol) = current.kind {
            advance()
            let op = symbol == "<>" ? SOQLOperator.notEqual : SOQLOperator(rawValue: symbol)!
            return .compare(field, op, try literal())
        }
        if accept("LIKE") { return .compare(field, .like, try literal()) }
        if current.isKeyword("NOT") && peek(1).isKeyword("IN") {
            advance()
            advance()
            return .inList(field, try literalList(), negated: true)
        }
        if accept("IN") { return .inList(field, try literalList(), negated: false) }
        throw unexpected(current)
    }

    private mutating func literalList() throws(SOQLError) -> [SOQLValue] {
        try expect(.openParen)
        var values = [try literal()]
        while current.kind == .comma {
            advance()
            values.append(try literal())
        }
        try expect(.closeParen)
        return values
    }

    private mutating func literal() throws(SOQLError) -> SOQLValue {
        let token = current
        let value: SOQLValue
        switch token.kind {
        case .string(let s): value = .string(s)
        case .dateTime(let s): value = .dateTime(s)
        case .number(let s):
            guard let d = Double(s), d.isFinite else { throw unexpected(token) }
            value = .number(d)
        case .identifier:
            if token.isKeyword("TRUE") {
                value = .boolean(true)
            } else if token.isKeyword("FALSE") {
                value = .boolean(false)
            } else if token.isKeyword("NULL") {
                value = .null
            } else {
                throw unexpected(token)  // TODAY, LAST_N_DAYS, bind variables' names...
            }
        default: throw unexpected(token)
        }
        advance()
        return value
    }
}
