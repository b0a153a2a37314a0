public import VCCModel

extension RefreshRequest {
    /// What a plan must read: the declared orgs, the locations named by the configuration and the
    /// state, and the links of every account the configuration or state names.
    public static func scope(desired: DesiredState, settings: DesiredSettings, applied: AppliedState?) -> RefreshRequest {
        var keys = Set(desired.accounts.keys)
        for address in applied?.accountResources.keys ?? [:].keys {
            if case .link(let key) = address { keys.insert(key) }
        }
        return RefreshRequest(orgs: desired.orgs.values.sorted { $0.name < $1.name },
                              declared: settings.byOrg.filter { desired.orgs[$0.key] != nil },
                              applied: (applied?.settings ?? [:]).filter { desired.orgs[$0.key] != nil },
                              accountKeys: keys)
    }
}
