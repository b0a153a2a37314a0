/// What a record's JSON holds, in SELECT order, with relationship paths that share a prefix
/// merged under one nested object (`Profile.Name, Profile.Id` → `"Profile":{..., "Name", "Id"}`).
indirect enum SOQLProjectionNode: Sendable {
    case field(String)
    /// `Type` on a polymorphic parent: the record's sObject type rather than a stored field.
    case sObjectType(String)
    case relationship(String, [SOQLProjectionNode])
    /// TYPEOF: per WHEN type (canonical) the nodes to emit, else the ELSE nodes.
    case typeOf(String, whens: [(type: String, nodes: [SOQLProjectionNode])], otherwise: [SOQLProjectionNode])

    var key: String {
        switch self {
        case .field(let key), .sObjectType(let key), .relationship(let key, _), .typeOf(let key, _, _): key
        }
    }

    var isRelationship: Bool {
        if case .relationship = self { return true }
        return false
    }

    /// Adds canonical path `keys` to `nodes`, merging into an existing relationship node.
    static func insert(_ keys: ArraySlice<String>, sObjectType: Bool = false, into nodes: inout [SOQLProjectionNode]) {
        guard let head = keys.first else { return }
        if keys.count == 1 {
            if !nodes.contains(where: { $0.key == head && !$0.isRelationship }) {
                nodes.append(sObjectType ? .sObjectType(head) : .field(head))
            }
            return
        }
        if let i = nodes.firstIndex(where: { if case .relationship(head, _) = $0 { true } else { false } }),
            case .relationship(_, var children) = nodes[i]
        {
            insert(keys.dropFirst(), sObjectType: sObjectType, into: &children)
            nodes[i] = .relationship(head, children)
        } else {
            var children: [SOQLProjectionNode] = []
            insert(keys.dropFirst(), sObjectType: sObjectType, into: &children)
            nodes.append(.relationship(head, children))
        }
    }
}
