public import VCCModel

/// The account key a user effectively gets, as Salesforce resolves a hierarchy custom setting:
/// the user's own record if present, else their profile's, else the org default.
public struct EffectiveKey: Sendable, Hashable {
    /// nil: no record on the path carries a key.
    public var accountKey: String?
    /// The record it comes from.
    public var source: Location?

    /// From what the org holds now.
    public static func observed(user: String, in org: ObservedOrg) -> EffectiveKey {
        let profile = org.owner(of: .user(user))?.profileName
        for location in path(user: user, profile: profile) {
            if let key = org.settings[location]?.accountKey, !key.isEmpty { return EffectiveKey(accountKey: key, source: location) }
        }
        return EffectiveKey(accountKey: nil, source: nil)
    }

    /// From the configuration (the org's declared settings), once applied.
    public static func declared(user: String, profile: String?, in claims: LocationTable<String>) -> EffectiveKey {
        for location in path(user: user, profile: profile) {
            if let key = claims[location] { return EffectiveKey(accountKey: key, source: location) }
        }
        return EffectiveKey(accountKey: nil, source: nil)
    }

    static func path(user: String, profile: String?) -> [Location] {
        [.user(user)] + (profile.map { [.profile($0)] } ?? []) + [.org()]
    }
}
