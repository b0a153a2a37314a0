/// The directory the simulated orgs start with: orgs, their profiles and users.
/// Another target decodes it from the seed YAML that examples ship; `OrgSimulator.seed(_:)` applies it.
public struct DirectorySeed: Codable, Sendable, Hashable {
    public var orgs: [OrgSeed]

    public init(orgs: [OrgSeed]) {
        self.orgs = orgs
    }
}
