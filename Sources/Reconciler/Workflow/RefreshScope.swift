public import VCCModel

extension RefreshRequest {
    /// What a plan must read: the declared orgs, the owners named by the configuration and the
    /// state, and the links of every account the configuration or state names.
    public static func scope(desired: DesiredState, applied: AppliedState?) -> RefreshRequest {
        var profiles: [String: Set<String>] = [:]
        var users: [String: Set<String>] = [:]
        var keys = Set(desired.accounts.keys)
        func note(_ org: String, _ location: Location) {
            switch location.kind {
            case .org: break
            case .profile: profiles[org, default: []].insert(location.name)
            case .user: users[org, default: []].insert(location.name)
            }
        }
        for account in desired.accounts.values {
            for (org, locations) in account.locations {
                for location in locations { note(org, location) }
            }
        }
        for address in applied?.resources.keys ?? [:].keys {
            switch address {
            case .setting(let org, let location): note(org, location)
            case .link(let key): keys.insert(key)
            case .secret: break
            }
        }
        return RefreshRequest(orgs: desired.orgs.values.sorted { $0.name < $1.name },
                              profileNames: profiles, usernames: users, accountKeys: keys)
    }
}
