/// Salesforce Ids for code outside the simulator (the HTTP emulator): the same generator and
/// normalization the simulator uses for the records it keeps.
public enum SalesforceIdentifiers {
    /// The 18-character Id number `counter` under a 3-character key prefix (`01g` for a query
    /// locator, `0PS` for a permission set, ...).
    public static func make(keyPrefix: String, counter: Int64) -> String {
        SalesforceId.make(keyPrefix: keyPrefix, counter: counter)
    }

    /// The 18-character form of a 15- or 18-character Id, or nil when it is not well formed.
    public static func normalize(_ id: String) -> String? {
        SalesforceId.normalize(id)
    }
}
