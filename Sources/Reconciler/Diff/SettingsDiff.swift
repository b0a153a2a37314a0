import VCCModel
import YAMLSyntax

/// Diffs the custom-settings records of one org: desired (by location) × applied × observed.
struct SettingsDiff {
    let org: OrgDeclaration
    let observed: ObservedOrg
    /// Declared location → account key and where it was declared.
    let desired: [Location: (key: String, origin: SourceOrigin)]
    /// Applied location → resource.
    let applied: [Location: (key: String, recordId: String, ownerId: String)]

    func run(into plan: inout PlanBuilder) {
        var locations = Set(desired.keys)
        locations.formUnion(applied.keys)
        locations.formUnion(observed.settings.keys)
        // Unsorted: PlanOrdering sorts the few changes; sorting every location would cost more
        // than the whole diff of a large org.
        for location in locations {
            diff(location, into: &plan)
        }
    }

    private func diff(_ location: Location, into plan: inout PlanBuilder) {
        let address = ResourceAddress.setting(org: org.name, location: location)
        let want = desired[location]
        let had = applied[location]
        let has = observed.settings[location]
        let hasKey = has?.accountKey.flatMap { $0.isEmpty ? nil : $0 }

        if let has, has.hasRetiredToken {
            plan.drift(address, .plaintextToken,
                       "the record of \(location) holds an API token in the retired field \(org.customSetting.retiredTokenField)",
                       fix: "store the token as a secret (token: {env: …}) and clear the retired field in Salesforce setup")
        }
        if let had, has != nil, hasKey != had.key {
            plan.drift(address, .changedOutside,
                       "key changed outside vccctl: applied '\(had.key)', now '\(hasKey ?? "none")'",
                       fix: want == nil ? "apply deletes the record as no longer declared" : "apply sets it back to the declared key")
        }
        if let had, has == nil {
            plan.drift(address, .deletedOutside, "record deleted outside vccctl (it held '\(had.key)')",
                       fix: want == nil ? "apply removes it from state" : "apply creates it again")
        }

        switch (want, has) {
        case let (want?, has?):
            let ownerId = has.ownerId
            let detail = SettingChange(org: org.name, location: location, ownerId: ownerId, recordId: has.recordId,
                                       fromKey: hasKey, toKey: want.key)
            if hasKey == want.key {
                if had?.key != want.key || had?.recordId != has.recordId {
                    plan.change(address, .adopt, .setting(detail), "the record already holds '\(want.key)'; vccctl records it as managed")
                }
            } else {
                plan.change(address, .update, .setting(detail), switchReason(location, to: want.key, from: hasKey))
            }
        case let (want?, nil):
            guard let ownerId = owner(of: location) else {
                plan.diagnostics.append(.error(
                    "plan.unknown-owner", "\(location) does not exist in org '\(org.name)'",
                    at: want.origin.location,
                    notes: [.init(location.kind == .user
                                  ? "check the username (sandbox usernames carry the sandbox suffix) or create the user first"
                                  : "check the profile name as Setup shows it, or create the profile first")]))
                return
            }
            let detail = SettingChange(org: org.name, location: location, ownerId: ownerId, recordId: nil,
                                       fromKey: nil, toKey: want.key)
            plan.change(address, .create, .setting(detail), switchReason(location, to: want.key, from: nil))
        case let (nil, has?):
            guard let had else {
                if hasKey != nil {
                    plan.drift(address, .unmanaged, "record not declared in the configuration holds '\(hasKey ?? "")'",
                               fix: "declare it under an account's locations, or delete it in Salesforce setup")
                }
                return
            }
            let detail = SettingChange(org: org.name, location: location, ownerId: has.ownerId, recordId: has.recordId,
                                       fromKey: hasKey, toKey: nil)
            plan.change(address, .delete, .setting(detail),
                        "no longer declared: \(audience(location)) will no longer get '\(hasKey ?? had.key)' from this record")
        case (nil, nil):
            guard let had else { return }
            let detail = SettingChange(org: org.name, location: location, ownerId: had.ownerId, recordId: had.recordId,
                                       fromKey: had.key, toKey: nil)
            plan.change(address, .forget, .setting(detail), "gone from the org and from the configuration")
        }
    }

    private func owner(of location: Location) -> String? {
        location.kind == .org ? observed.orgId : observed.owners[location]?.ownerId
    }

    private func switchReason(_ location: Location, to key: String, from old: String?) -> String {
        if let old { return "\(audience(location)) will switch from \(old) to \(key)" }
        return "\(audience(location)) will get \(key)"
    }

    private func audience(_ location: Location) -> String {
        switch location.kind {
        case .org: "users without a profile or user record"
        case .profile: "users of profile \(location.name)"
        case .user: "user \(location.name)"
        }
    }
}
