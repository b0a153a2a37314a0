public import VCCModel

/// What one org holds, as far as vccctl reads it.
public struct ObservedOrg: Sendable, Equatable {
    public var orgId: String
    /// Records whose owner is a location vccctl can name, by location.
    public var settings: [Location: ObservedSetting]
    /// Records whose owner vccctl cannot name (a profile or user nobody declared or applied).
    public var otherSettings: [ObservedSetting]
    /// Owners of the locations the configuration and state name; a missing entry: not found.
    public var owners: [Location: OwnerResolution]
    /// Secrets Management: per account key found in the records, whether a token is set.
    public var tokenSet: [String: Bool]

    public init(orgId: String, settings: [Location: ObservedSetting] = [:], otherSettings: [ObservedSetting] = [],
                owners: [Location: OwnerResolution] = [:], tokenSet: [String: Bool] = [:]) {
        self.orgId = orgId
        self.settings = settings
        self.otherSettings = otherSettings
        self.owners = owners
        self.tokenSet = tokenSet
    }
}
