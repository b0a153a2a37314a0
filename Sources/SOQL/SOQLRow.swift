/// One sObject record: its type and its fields keyed by canonical field name. Relationship names
/// (`Profile`) hold `.record(row)` or `.null`; a field that is absent reads as null.
public struct SOQLRow: Sendable, Equatable {
    /// The sObject type, e.g. `User`.
    public var type: String
    public var fields: [String: SOQLFieldValue]

    public init(type: String, fields: [String: SOQLFieldValue]) {
        self.type = type
        self.fields = fields
    }

    /// The value of `name`: an exact (canonical) key first, then a case-insensitive match, since
    /// SOQL names are case-insensitive. The exact lookup is the hot path and allocates nothing.
    public func value(of name: String) -> SOQLFieldValue {
        if let value = fields[name] { return value }
        let count = name.utf8.count
        for (key, value) in fields where key.utf8.count == count && SOQLText.equalsIgnoringCase(key, name) {
            return value
        }
        return .null
    }
}
