public import VCCModel

/// What one org holds, as far as vccctl reads it.
public struct ObservedOrg: Sendable, Equatable {
    public var orgId: String
    /// Every settings record whose owner the target named (the org, a profile, a user), by location.
    public var settings: LocationTable<ObservedSetting>
    /// Records whose owner the target could not name (an owner of another type, or gone).
    public var unnamedSettings: [ObservedSetting]
    /// Owners of the requested locations that hold no record; a missing entry: not found. (The
    /// owner of a location with a record comes with the record.)
    public var owners: [Location: OwnerResolution]
    /// Secrets Management: per account key found in the records, whether a token is set.
    public var tokenSet: [String: Bool]
    /// The API users the request named for this org (`RefreshRequest.apiUsers`), by the username
    /// as requested; a missing entry: the org has no such user.
    public var apiUsers: [String: APIUserFacts]
    /// Usernames of the org that resemble a requested API user it lacks (the same name before
    /// `@`), for "did you mean": read only when one is missing.
    public var similarUsernames: [String]

    public init(orgId: String, settings: LocationTable<ObservedSetting> = [:], unnamedSettings: [ObservedSetting] = [],
                owners: [Location: OwnerResolution] = [:], tokenSet: [String: Bool] = [:],
                apiUsers: [String: APIUserFacts] = [:], similarUsernames: [String] = []) {
        self.orgId = orgId
        self.settings = settings
        self.unnamedSettings = unnamedSettings
        self.owners = owners
        self.tokenSet = tokenSet
        self.apiUsers = apiUsers
        self.similarUsernames = similarUsernames
    }

    /// The owner of `location`: from its record when it has one, else as resolved by name.
    public func owner(of location: Location) -> OwnerResolution? {
        if location.kind == .org { return OwnerResolution(ownerId: orgId) }
        if let record = settings[location] { return record.owner }
        return owners[location]
    }
}
