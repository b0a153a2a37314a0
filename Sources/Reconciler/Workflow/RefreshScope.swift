public import VCCModel

extension RefreshRequest {
    /// What a plan must read: the declared orgs, the locations named by the configuration and the
    /// state, the links of every account the configuration or state names, and the API users the
    /// declared links go through (each checked in its org).
    public static func scope(desired: DesiredState, settings: DesiredSettings, applied: AppliedState?) -> RefreshRequest {
        var keys = Set(desired.accounts.keys)
        for address in applied?.accountResources.keys ?? [:].keys {
            if case .link(let key) = address { keys.insert(key) }
        }
        return RefreshRequest(orgs: desired.orgs.values.sorted { $0.name < $1.name },
                              declared: settings.byOrg.filter { desired.orgs[$0.key] != nil },
                              applied: (applied?.settings ?? [:]).filter { desired.orgs[$0.key] != nil },
                              accountKeys: keys, apiUsers: apiUsers(desired))
    }

    /// Per declared org, the API users its declared links go through, sorted, each once.
    static func apiUsers(_ desired: DesiredState) -> [String: [String]] {
        var users: [String: Set<String>] = [:]
        for account in desired.accounts.values {
            guard case .linked(let org, let user, _)? = account.link, desired.orgs[org] != nil else { continue }
            users[org, default: []].insert(user)
        }
        return users.mapValues { $0.sorted() }
    }
}
