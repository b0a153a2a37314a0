/// What `seed(_:)` added; everything that already existed is left as it was.
public struct SeedSummary: Codable, Sendable, Hashable {
    public var orgsAdded: Int
    public var profilesAdded: Int
    public var usersAdded: Int

    public init(orgsAdded: Int = 0, profilesAdded: Int = 0, usersAdded: Int = 0) {
        self.orgsAdded = orgsAdded
        self.profilesAdded = profilesAdded
        self.usersAdded = usersAdded
    }

    /// True when the seed added nothing (a re-run).
    public var isEmpty: Bool { orgsAdded == 0 && profilesAdded == 0 && usersAdded == 0 }
}
