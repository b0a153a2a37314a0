import Foundation

/// One simulated Salesforce org: the name vccctl's configuration uses for it, and its identity.
public struct SimulatedOrg: Codable, Sendable, Hashable {
    /// The org's name in the configuration (`orgs:` key), unique in the simulator.
    public var name: String
    /// The Organization Id (`00D…`, 18 characters); also the org default's `SetupOwnerId`.
    public var orgId: String
    public var environment: SalesforceEnvironment
    public var createdAt: Date

    public init(name: String, orgId: String, environment: SalesforceEnvironment, createdAt: Date) {
        self.name = name
        self.orgId = orgId
        self.environment = environment
        self.createdAt = createdAt
    }
}
