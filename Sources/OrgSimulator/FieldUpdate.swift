/// What a PATCH does to one field: leave it, set it, or null it (Salesforce PATCH semantics).
public enum FieldUpdate: Codable, Sendable, Hashable {
    case keep
    case set(String)
    case clear
}
