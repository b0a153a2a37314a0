/// One `WHEN Type THEN field, field` branch of a TYPEOF select item.
public struct SOQLTypeOfBranch: Sendable, Equatable {
    /// The sObject type the branch applies to, as written.
    public var type: String
    /// The field paths selected when the related record has that type.
    public var fields: [[String]]

    public init(type: String, fields: [[String]]) {
        self.type = type
        self.fields = fields
    }
}
