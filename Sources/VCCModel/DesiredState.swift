/// Everything the configuration declares, merged from all its files and validated.
public struct DesiredState: Sendable, Hashable, Codable {
    public var orgs: [String: OrgDeclaration]
    public var accounts: [String: AccountDeclaration]

    public init(orgs: [String: OrgDeclaration] = [:], accounts: [String: AccountDeclaration] = [:]) {
        self.orgs = orgs
        self.accounts = accounts
    }

    /// Total number of declared locations over all accounts and orgs.
    public var locationCount: Int {
        accounts.values.reduce(0) { total, account in
            account.locations.values.reduce(total) { $0 + $1.count }
        }
    }
}
