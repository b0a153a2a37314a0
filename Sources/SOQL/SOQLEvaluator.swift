/// Answers parsed queries over rows the emulator supplies, as Salesforce would: validation
/// against the schema, filtering, ordering, OFFSET/LIMIT, and the JSON shape of each record.
public struct SOQLEvaluator: Sendable {
    public let schema: SOQLSchema
    /// The API version in `attributes.url`, e.g. `67.0`.
    public let apiVersion: String
    /// Salesforce's OFFSET ceiling.
    public static let maximumOffset = 2000
    /// Deepest condition tree compiled; the parser stays far below it, and hand-built trees
    /// deeper than this are refused rather than recursed into.
    static let maximumConditionDepth = 256

    private let projectionCache = SOQLProjectionCache()

    public init(schema: SOQLSchema, apiVersion: String) {
        self.schema = schema
        self.apiVersion = apiVersion
    }

    /// Checks `query` against the schema: the object exists (INVALID_TYPE), every field and
    /// relationship path exists (INVALID_FIELD), TYPEOF names a polymorphic relationship and WHEN
    /// types it can point at, Id filters hold well-formed Ids (INVALID_QUERY_FILTER_OPERATOR),
    /// OFFSET is at most 2000 (NUMBER_OUTSIDE_VALID_RANGE).
    public func validate(_ query: SOQLQuery) throws(SOQLError) {
        _ = try compile(query)
    }

    /// Filters, orders, offsets and limits `rows` (the rows of `query.object`). Validates first.
    public func run(_ query: SOQLQuery, rows: [SOQLRow]) throws(SOQLError) -> SOQLResult {
        let plan = try compile(query)
        var selected: [SOQLRow]
        if let predicate = plan.predicate {
            selected = []
            for row in rows where predicate.matches(row) { selected.append(row) }
        } else {
            selected = rows
        }
        if !plan.orderings.isEmpty { selected = sort(selected, by: plan.orderings) }
        // Clamped without arithmetic that could overflow: a hand-built query may hold any Int.
        let start = min(max(query.offset ?? 0, 0), selected.count)
        let end = query.limit.map { $0 <= 0 ? start : ($0 >= selected.count - start ? selected.count : start + $0) }
            ?? selected.count
        if start > 0 || end < selected.count { selected = Array(selected[start..<end]) }
        if query.isCount { return SOQLResult(rows: [], totalSize: selected.count, isCount: true) }
        return SOQLResult(rows: selected, totalSize: selected.count, isCount: false)
    }

    /// One record as Salesforce's REST API shapes it: `attributes` (type and url) first, then the
    /// selected fields in SELECT order under their canonical names; relationship paths nest as
    /// objects with their own `attributes`, a null relationship is `null`, and TYPEOF emits the
    /// fields of the branch matching the related record's type (or ELSE).
    public func project(_ row: SOQLRow, _ query: SOQLQuery) -> JSONValue {
        render(row, projectionCache.nodes(for: query, compute: projectionNodes))
    }

    /// `query`'s projection compiled once, for projecting many rows: resolving the SELECT list
    /// per row cost more than rendering it. Renders exactly as `project` does.
    public func projection(for query: SOQLQuery) -> SOQLProjection {
        guard let root = schema.indexed(query.object) else { return SOQLProjection(nodes: projectionNodes(query), evaluator: self) }
        return SOQLProjection(nodes: projectionNodes(query), evaluator: self, rootType: root.object.name)
    }

    // MARK: Compilation

    struct Plan {
        var predicate: SOQLPredicate?
        var orderings: [(path: SOQLFieldPath, ascending: Bool, nullsFirst: Bool)]
    }

    func compile(_ query: SOQLQuery) throws(SOQLError) -> Plan {
        guard let root = schema.indexed(query.object) else { throw .unknownObject(query.object) }
        if let offset = query.offset, offset > Self.maximumOffset {
            throw SOQLError(code: "NUMBER_OUTSIDE_VALID_RANGE", message: "Maximum SOQL offset allowed is \(Self.maximumOffset)")
        }
        if query.items.isEmpty || (query.items.contains(.count) && query.items.count > 1) {
            throw .malformed("COUNT() must be the only element in the SELECT list")
        }
        for item in query.items {
            switch item {
            case .count: break
            case .field(let path): _ = try resolve(path, on: [root])
            case .typeOf(let relationship, let whens, let otherwise):
                _ = try resolveTypeOf(relationship, whens, otherwise, on: root)
            }
        }
        let predicate = try query.condition.map { (c) throws(SOQLError) in try compile(c, on: root, depth: 0) }
        var orderings: [(path: SOQLFieldPath, ascending: Bool, nullsFirst: Bool)] = []
        for ordering in query.ordering {
            orderings.append((try resolve(ordering.path, on: [root]), ordering.ascending, ordering.nullsFirst))
        }
        return Plan(predicate: predicate, orderings: orderings)
    }

    /// Resolves a path to canonical names. A relationship whose targets the schema does not
    /// describe lets the rest of the path through as written: there is nothing to check it against.
    func resolve(_ path: [String], on start: [SOQLSchema.Indexed]) throws(SOQLError) -> SOQLFieldPath {
        var current = start
        var keys: [String] = []
        keys.reserveCapacity(path.count)
        for (i, segment) in path.enumerated() {
            if current.isEmpty {
                keys.append(segment)
            } else if i == path.count - 1 {
                guard let field = current.lazy.compactMap({ $0.field(segment) }).first else {
                    // A polymorphic parent (the Name entity) has `Type`: the referenced record's sObject type.
                    if current.count > 1, SOQLText.equalsIgnoringCase(segment, "Type") {
                        keys.append("Type")
                        return SOQLFieldPath(keys: keys, isSObjectType: true)
                    }
                    throw .noSuchColumn(segment, entity: current.count == 1 ? current[0].object.name : "Name")
                }
                keys.append(field)
            } else {
                guard let relationship = current.lazy.compactMap({ $0.relationship(segment) }).first else {
                    throw .unknownRelationship(segment)
                }
                keys.append(relationship.name)
                current = relationship.targets.compactMap { schema.indexed($0) }
            }
        }
        return SOQLFieldPath(keys: keys)
    }

    private func resolveTypeOf(
        _ relationship: String, _ whens: [SOQLTypeOfBranch], _ otherwise: [[String]], on root: SOQLSchema.Indexed
    ) throws(SOQLError) -> SOQLProjectionNode {
        guard let resolved = root.relationship(relationship) else { throw .unknownRelationship(relationship) }
        guard resolved.targets.count > 1 else {
            throw SOQLError(
                code: "INVALID_FIELD",
                message: "TYPEOF can only be used on a polymorphic relationship; '\(resolved.name)' on entity "
                    + "'\(root.object.name)' is not polymorphic")
        }
        var branches: [(type: String, nodes: [SOQLProjectionNode])] = []
        for when in whens {
            guard let type = resolved.targets.first(where: { SOQLText.equalsIgnoringCase($0, when.type) }) else {
                throw SOQLError(
                    code: "INVALID_TYPE",
                    message: "TYPEOF WHEN type '\(when.type)' is not a type that '\(resolved.name)' can reference")
            }
            let target = schema.indexed(type).map { [$0] } ?? []
            var nodes: [SOQLProjectionNode] = []
            for path in when.fields {
                let resolved = try resolve(path, on: target)
                SOQLProjectionNode.insert(resolved.keys[...], sObjectType: resolved.isSObjectType, into: &nodes)
            }
            branches.append((type, nodes))
        }
        let targets = resolved.targets.compactMap { schema.indexed($0) }
        var elseNodes: [SOQLProjectionNode] = []
        for path in otherwise {
            let resolved = try resolve(path, on: targets)
            SOQLProjectionNode.insert(resolved.keys[...], sObjectType: resolved.isSObjectType, into: &elseNodes)
        }
        return .typeOf(resolved.name, whens: branches, otherwise: elseNodes)
    }

    private func compile(_ condition: SOQLCondition, on root: SOQLSchema.Indexed, depth: Int) throws(SOQLError)
        -> SOQLPredicate
    {
        guard depth < Self.maximumConditionDepth else { throw .malformed("The WHERE condition nests too deeply") }
        switch condition {
        case .and(let terms), .or(let terms):
            var compiled: [SOQLPredicate] = []
            for term in terms { compiled.append(try compile(term, on: root, depth: depth + 1)) }
            if case .and = condition { return .all(compiled) }
            return .any(compiled)
        case .not(let inner):
            return .not(try compile(inner, on: root, depth: depth + 1))
        case .compare(let path, let op, let value):
            let field = try resolve(path, on: [root])
            if op == .like {
                guard case .string(let pattern) = value else {
                    throw SOQLError(
                        code: "INVALID_QUERY_FILTER_OPERATOR",
                        message: "invalid operator on field: LIKE needs a string value for '\(path.joined(separator: "."))'")
                }
                return .like(field, SOQLLikePattern(pattern))
            }
            return .compare(field, op, try operand(value, for: field))
        case .inList(let path, let values, let negated):
            let field = try resolve(path, on: [root])
            var operands: [SOQLOperand] = []
            for value in values { operands.append(try operand(value, for: field)) }
            return .member(field, operands, negated: negated)
        }
    }

    /// Id fields take only well-formed Ids, and `''` there means null, as in Salesforce.
    private func operand(_ value: SOQLValue, for field: SOQLFieldPath) throws(SOQLError) -> SOQLOperand {
        if field.isId, case .string(let text) = value {
            if text.isEmpty { return SOQLOperand(.null) }
            guard SOQLIdentifier.isWellFormed(text) else {
                throw SOQLError(code: "INVALID_QUERY_FILTER_OPERATOR", message: "invalid ID field: \(text)")
            }
        }
        return SOQLOperand(value)
    }

    // MARK: Ordering

    private func sort(
        _ rows: [SOQLRow], by orderings: [(path: SOQLFieldPath, ascending: Bool, nullsFirst: Bool)]
    ) -> [SOQLRow] {
        let width = orderings.count
        let ascending = orderings.map(\.ascending), nullsFirst = orderings.map(\.nullsFirst)
        // Every key of every row, row-major, read once; then packed entries for the leading key.
        var keys: [SOQLSortKey] = []
        keys.reserveCapacity(rows.count * width)
        var entries: [SOQLSortEntry] = []
        entries.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() {
            for ordering in orderings { keys.append(SOQLSortKey(ordering.path.value(in: row))) }
            entries.append(
                SOQLSortEntry(keys[i * width], index: i, ascending: ascending[0], nullsFirst: nullsFirst[0]))
        }
        keys.withUnsafeBufferPointer { keys in
            /// Compares rows `a` and `b` from key `first` on; ties keep input order.
            func fullyOrdered(_ a: Int, _ b: Int, from first: Int) -> Bool {
                for k in first..<width {
                    let x = keys[a * width + k], y = keys[b * width + k]
                    let xNull = x.isNull, yNull = y.isNull
                    if xNull || yNull {
                        if xNull == yNull { continue }
                        return xNull == nullsFirst[k]
                    }
                    let c = x.compare(y)
                    if c != 0 { return ascending[k] ? c < 0 : c > 0 }
                }
                return a < b
            }
            entries.sort { a, b in
                if a.bucket != b.bucket { return a.bucket < b.bucket }
                if a.high != b.high { return a.high < b.high }
                if a.low != b.low { return a.low < b.low }
                let ai = Int(a.index), bi = Int(b.index)
                return fullyOrdered(ai, bi, from: a.exact && b.exact ? 1 : 0)
            }
        }
        return entries.map { rows[Int($0.index)] }
    }

    // MARK: Projection

    /// The projection for `query`; an invalid path (the query was not validated) projects as written.
    func projectionNodes(_ query: SOQLQuery) -> [SOQLProjectionNode] {
        let root = schema.indexed(query.object).map { [$0] } ?? []
        var nodes: [SOQLProjectionNode] = []
        for item in query.items {
            switch item {
            case .count: break
            case .field(let path):
                if let resolved = try? resolve(path, on: root) {
                    SOQLProjectionNode.insert(resolved.keys[...], sObjectType: resolved.isSObjectType, into: &nodes)
                } else {
                    SOQLProjectionNode.insert(path[...], into: &nodes)
                }
            case .typeOf(let relationship, let whens, let otherwise):
                if let first = root.first, let node = try? resolveTypeOf(relationship, whens, otherwise, on: first) {
                    nodes.append(node)
                } else {
                    nodes.append(
                        .typeOf(
                            relationship, whens: whens.map { ($0.type, $0.fields.map { .field($0.joined(separator: ".")) }) },
                            otherwise: otherwise.map { .field($0.joined(separator: ".")) }))
                }
            }
        }
        return nodes
    }

    func attributes(of row: SOQLRow) -> JSONValue {
        if case .string(let id) = row.value(of: "Id") {
            return .object([
                ("type", .string(row.type)), ("url", .string("/services/data/v\(apiVersion)/sobjects/\(row.type)/\(id)")),
            ])
        }
        return .object([("type", .string(row.type))])
    }

    func render(_ row: SOQLRow, _ nodes: [SOQLProjectionNode]) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("attributes", attributes(of: row))]
        pairs.reserveCapacity(nodes.count + 1)
        for node in nodes {
            switch node {
            case .field(let key):
                pairs.append((key, json(row.value(of: key))))
            case .sObjectType(let key):
                pairs.append((key, .string(row.type)))
            case .relationship(let key, let children):
                guard case .record(let parent) = row.value(of: key) else {
                    pairs.append((key, .null))
                    continue
                }
                pairs.append((key, render(parent, children)))
            case .typeOf(let key, let whens, let otherwise):
                guard case .record(let parent) = row.value(of: key) else {
                    pairs.append((key, .null))
                    continue
                }
                let branch = whens.first { SOQLText.equalsIgnoringCase($0.type, parent.type) }?.nodes ?? otherwise
                pairs.append((key, render(parent, branch)))
            }
        }
        return .object(pairs)
    }

    func json(_ value: SOQLFieldValue) -> JSONValue {
        switch value {
        case .null: .null
        case .string(let s), .dateTime(let s): .string(s)
        case .boolean(let b): .bool(b)
        case .number(let d): .number(d)
        case .integer(let i): .integer(i)
        case .record(let row): render(row, [])
        }
    }
}
