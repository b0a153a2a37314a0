/// A query's projection compiled once and reused for every row: the SELECT list resolved against
/// the schema, and each field's `,"Name":` JSON text made ahead of time. `write(_:to:)` appends a
/// record's JSON straight to UTF-8 bytes (or text), with no `JSONValue` tree in between; the text
/// is the same, byte for byte, as `SOQLEvaluator.project(_:_:).serialized()`.
public struct SOQLProjection: Sendable {
    /// One compiled projection node; `prefix` is the key as JSON text with the leading comma
    /// and trailing colon (`,"Name":`): every node follows `attributes`, so there is always a comma.
    indirect enum Node: Sendable {
        case field(key: String, prefix: [UInt8])
        case sObjectType(key: String, prefix: [UInt8])
        case relationship(key: String, prefix: [UInt8], children: [Node])
        case typeOf(key: String, prefix: [UInt8], whens: [(type: String, nodes: [Node])], otherwise: [Node])
    }

    let nodes: [Node]
    /// The same projection uncompiled, for `value(_:)`.
    let source: [SOQLProjectionNode]
    let evaluator: SOQLEvaluator
    /// `/services/data/vNN.N/sobjects/`, escaped for JSON.
    let urlPrefix: [UInt8]
    /// The root object's type as written in `attributes`, and its URL up to the Id:
    /// `{"attributes":{"type":"T","url":"/services/data/vNN.N/sobjects/T/`.
    let rootType: String
    let rootOpening: [UInt8]

    /// `rootType`: the query's object, canonical; its rows' `attributes` opening is made once.
    init(nodes: [SOQLProjectionNode], evaluator: SOQLEvaluator, rootType: String? = nil) {
        self.nodes = Self.compile(nodes)
        source = nodes
        self.evaluator = evaluator
        let urlPrefix = JSONBytes.escapedContents("/services/data/v\(evaluator.apiVersion)/sobjects/")
        self.urlPrefix = urlPrefix
        self.rootType = rootType ?? ""
        if let rootType {
            var opening = Array(#"{"attributes":{"type":"#.utf8)
            JSONBytes.appendString(rootType, to: &opening)
            opening += Array(#","url":""#.utf8) + urlPrefix + JSONBytes.escapedContents(rootType) + [0x2F]
            rootOpening = opening
        } else {
            rootOpening = []
        }
    }

    private static func compile(_ nodes: [SOQLProjectionNode]) -> [Node] {
        nodes.map { node in
            var prefix: [UInt8] = [0x2C]
            JSONBytes.appendString(node.key, to: &prefix)
            prefix.append(0x3A)
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
        var bytes: [UInt8] = []
        write(row, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the record's compact JSON text, UTF-8 encoded, to `out`.
    public func write(_ row: SOQLRow, to out: inout [UInt8]) {
        write(row, nodes[...], root: true, to: &out)
    }

    /// The record's compact JSON text.
    public func serialized(_ row: SOQLRow) -> String {
        var out: [UInt8] = []
        write(row, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(_ row: SOQLRow, _ nodes: ArraySlice<Node>, root: Bool, to out: inout [UInt8]) {
        let id = row.value(of: "Id")
        if case .string(let id) = id, root, !rootOpening.isEmpty, row.type == rootType {
            out.append(contentsOf: rootOpening)
            JSONBytes.appendContents(id, to: &out)
            out.append(contentsOf: [0x22, 0x7D])  // "}
        } else {
            JSONBytes.append(#"{"attributes":{"type":"#, to: &out)
            JSONBytes.appendString(row.type, to: &out)
            if case .string(let id) = id {
                JSONBytes.append(#","url":""#, to: &out)
                out.append(contentsOf: urlPrefix)
                JSONBytes.appendContents(row.type, to: &out)
                out.append(0x2F)
                JSONBytes.appendContents(id, to: &out)
                out.append(contentsOf: [0x22, 0x7D])
            } else {
                out.append(0x7D)
            }
        }
        for node in nodes {
            switch node {
            case .field(let key, let prefix):
                out.append(contentsOf: prefix)
                write(row.value(of: key), to: &out)
            case .sObjectType(_, let prefix):
                out.append(contentsOf: prefix)
                JSONBytes.appendString(row.type, to: &out)
            case .relationship(let key, let prefix, let children):
                out.append(contentsOf: prefix)
                if case .record(let parent) = row.value(of: key) {
                    write(parent, children[...], root: false, to: &out)
                } else {
                    JSONBytes.append("null", to: &out)
                }
            case .typeOf(let key, let prefix, let whens, let otherwise):
                out.append(contentsOf: prefix)
                if case .record(let parent) = row.value(of: key) {
                    let branch = whens.first { SOQLText.equalsIgnoringCase($0.type, parent.type) }?.nodes ?? otherwise
                    write(parent, branch[...], root: false, to: &out)
                } else {
                    JSONBytes.append("null", to: &out)
                }
            }
        }
        out.append(0x7D)
    }

    private func write(_ value: SOQLFieldValue, to out: inout [UInt8]) {
        switch value {
        case .null: JSONBytes.append("null", to: &out)
        case .string(let s), .dateTime(let s): JSONBytes.appendString(s, to: &out)
        case .boolean(let b): JSONBytes.append(b ? "true" : "false", to: &out)
        case .number(let d): JSONBytes.append(d.isFinite ? String(d) : "null", to: &out)
        case .integer(let i): JSONBytes.append(String(i), to: &out)
        case .record(let parent): write(parent, [], root: false, to: &out)
        }
    }
}

extension SOQLProjection {
    /// The API version in each record's `attributes.url`.
    public var apiVersion: String { evaluator.apiVersion }
}
