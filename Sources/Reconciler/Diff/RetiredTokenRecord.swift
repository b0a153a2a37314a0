import VCCModel

/// A settings record that still holds an API token in the retired field and stays in the org
/// after this plan (a record the plan deletes takes its token with it): what the settings diff
/// hands to `RetiredTokenMigration`.
struct RetiredTokenRecord {
    var org: String
    /// Where the record is; declared locations keep where they were declared.
    var location: Location
    var setting: ObservedSetting
    /// The key the configuration declares for the location; nil when the location is not declared.
    var declaredKey: String?

    /// The account the token belongs to: the declared key of the location, else the key the
    /// record holds (nil: neither, and the token cannot be placed).
    var accountKey: String? { declaredKey ?? setting.key }
}
