/// A query's projection compiled once and reused for every row: the SELECT list resolved against
/// the schema, and each field's `,"Name":` JSON text made ahead of time. `write(_:to:)` appends a
/// record's JSON straight to text, with no `JSONValue` tree in between; the text is the same,
/// byte for byte, as `SOQLEvaluator.project(_:_:).serialized()`.
public struct SOQLProjection: Sendable {
    /// One compiled projection node; `prefix` is the key as JSON text with the leading comma
    /// and trailing colon (`,"Name":`): every node follows `attributes`, so there is always a comma.
    indirect enum Node: Sendable {
        case field(key: String, prefix: String)
        case sObjectType(key: String, prefix: String)
        case relationship(key: String, prefix: String, children: [Node])
        case typeOf(key: String, prefix: String, whens: [(type: String, nodes: [Node])], otherwise: [Node])
    }

    let nodes: [Node]
    /// The same projection uncompiled, for `value(_:)`.
    let source: [SOQLProjectionNode]
    let evaluator: SOQLEvaluator
    /// `/services/data/vNN.N/sobjects/`, escaped for JSON.
    let urlPrefix: String

    init(nodes: [SOQLProjectionNode], evaluator: SOQLEvaluator) {
        self.nodes = Self.compile(nodes)
        source = nodes
        self.evaluator = evaluator
        var prefix = ""
        JSONValue.writeStringContents("/services/data/v\(evaluator.apiVersion)/sobjects/", to: &prefix)
        urlPrefix = prefix
    }

    private static func compile(_ nodes: [SOQLProjectionNode]) -> [Node] {
        nodes.map { node in
            var prefix = ","
            JSONValue.writeString(node.key, to: &prefix)
            prefix += ":"
            switch node {
            case .field(let key): return .field(key: key, prefix: prefix)
            case .sObjectType(let key): return .sObjectType(key: key, prefix: prefix)
            case .relationship(let key, let children): return .relationship(key: key, prefix: prefix, children: compile(children))
            case .typeOf(let key, let whens, let otherwise):
                return .typeOf(key: key, prefix: prefix, whens: whens.map { ($0.type, compile($0.nodes)) }, otherwise: compile(otherwise))
            }
        }
    }

    /// The record as a JSON value (what `SOQLEvaluator.project` returns).
    public func value(_ row: SOQLRow) -> JSONValue {
        evaluator.render(row, source)
    }

    /// Appends the record's compact JSON text to `out`.
    public func write(_ row: SOQLRow, to out: inout String) {
        write(row, nodes[...], to: &out)
    }

    /// The record's compact JSON text.
    public func serialized(_ row: SOQLRow) -> String {
        var out = ""
        write(row, to: &out)
        return out
    }

    private func write(_ row: SOQLRow, _ nodes: ArraySlice<Node>, to out: inout String) {
        out += "{\"attributes\":{\"type\":"
        JSONValue.writeString(row.type, to: &out)
        if case .string(let id) = row.value(of: "Id") {
            out += ",\"url\":\""
            out += urlPrefix
            JSONValue.writeStringContents(row.type, to: &out)
            out += "/"
            JSONValue.writeStringContents(id, to: &out)
            out += "\"}"
        } else {
            out += "}"
        }
        for node in nodes {
            switch node {
            case .field(let key, let prefix):
                out += prefix
                write(row.value(of: key), to: &out)
            case .sObjectType(_, let prefix):
                out += prefix
                JSONValue.writeString(row.type, to: &out)
            case .relationship(let key, let prefix, let children):
                out += prefix
                if case .record(let parent) = row.value(of: key) {
                    write(parent, children[...], to: &out)
                } else {
                    out += "null"
                }
            case .typeOf(let key, let prefix, let whens, let otherwise):
                out += prefix
                if case .record(let parent) = row.value(of: key) {
                    let branch = whens.first { SOQLText.equalsIgnoringCase($0.type, parent.type) }?.nodes ?? otherwise
                    write(parent, branch[...], to: &out)
                } else {
                    out += "null"
                }
            }
        }
        out += "}"
    }

    private func write(_ value: SOQLFieldValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .string(let s), .dateTime(let s): JSONValue.writeString(s, to: &out)
        case .boolean(let b): out += b ? "true" : "false"
        case .number(let d): JSONValue.number(d).write(to: &out)
        case .integer(let i): out += String(i)
        case .record(let parent): write(parent, [], to: &out)
        }
    }
}

extension SOQLProjection {
    /// The API version in each record's `attributes.url`.
    public var apiVersion: String { evaluator.apiVersion }
}
