/// A field path resolved against the schema: canonical names, ready to read from rows.
struct SOQLFieldPath: Sendable {
    /// Canonical relationship names, then the canonical field name.
    let keys: [String]
    /// Whether the field holds Ids (15/18-character equality, Id literal checks).
    let isId: Bool
    /// `Type` on a polymorphic parent: reads the parent's sObject type.
    let isSObjectType: Bool

    init(keys: [String], isSObjectType: Bool = false) {
        self.keys = keys
        self.isSObjectType = isSObjectType
        isId = !isSObjectType && SOQLIdentifier.isIdField(keys.last ?? "")
    }

    /// The value at the end of the path; null when a relationship on the way is null.
    func value(in row: SOQLRow) -> SOQLFieldValue {
        if keys.count == 1 { return row.value(of: keys[0]) }
        var current = row
        for key in keys.dropLast() {
            guard case .record(let parent) = current.value(of: key) else { return .null }
            current = parent
        }
        if isSObjectType { return .string(current.type) }
        return current.value(of: keys[keys.count - 1])
    }
}
