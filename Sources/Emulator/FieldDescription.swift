/// One field of an object's describe: what `sobjects/T/describe` lists and what SOQL accepts.
struct FieldDescription: Sendable {
    enum Kind: String, Sendable {
        case id, reference, string, boolean, datetime, textarea
    }

    var name: String
    var label: String
    var kind: Kind
    var length: Int = 0
    var nillable = false
    var createable = false
    var updateable = false
    /// Reference fields: the object types the Id may point at.
    var referenceTo: [String] = []
    /// Reference fields: the relationship's name (`Profile` for `ProfileId`).
    var relationshipName: String?
}
