/// Everything the simulator holds (for `vccctl sim show` and tests). Tokens are never included:
/// secrets show only "token set?", settings only whether a retired token is present.
public struct SimulatorSnapshot: Codable, Sendable, Hashable {
    /// Orgs by name.
    public var orgs: [OrgSnapshot]
    /// VCC accounts that have a link record, by key.
    public var accounts: [VCCLink]

    public init(orgs: [OrgSnapshot], accounts: [VCCLink]) {
        self.orgs = orgs
        self.accounts = accounts
    }
}
