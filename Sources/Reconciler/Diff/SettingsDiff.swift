import VCCModel
import YAMLSyntax

/// Diffs the custom-settings records of one org: desired × applied × observed, all three sorted by
/// location, joined in one merging pass (no per-location hashing: an org has 100k+ locations).
struct SettingsDiff {
    let org: OrgDeclaration
    let observed: ObservedOrg
    /// Declared location (with where it was declared) → account key.
    let desired: LocationTable<String>
    let applied: LocationTable<AppliedSetting>

    func run(into plan: inout PlanBuilder) {
        let moved = MovedRecords(desired: desired, applied: applied, observed: observed)
        desired.withUnsafeEntries { desired in
            applied.withUnsafeEntries { applied in
                observed.settings.withUnsafeEntries { observed in
                    merge(desired, applied, observed, moved: moved, into: &plan)
                }
            }
        }
        for setting in self.observed.unnamedSettings where setting.key != nil && !moved.isMoved(setting) {
            unnamed(setting, into: &plan)
        }
    }

    private func merge(_ desired: UnsafeBufferPointer<LocationTable<String>.Entry>,
                       _ applied: UnsafeBufferPointer<LocationTable<AppliedSetting>.Entry>,
                       _ observed: UnsafeBufferPointer<LocationTable<ObservedSetting>.Entry>,
                       moved: MovedRecords, into plan: inout PlanBuilder) {
        var d = 0, a = 0, o = 0
        while d < desired.count || a < applied.count || o < observed.count {
            // Which sides hold the smallest location at their head; elements compared in place.
            var inD = d < desired.count, inA = a < applied.count, inO = o < observed.count
            if inD, inA {
                if desired[d].location < applied[a].location { inA = false } else if applied[a].location < desired[d].location { inD = false }
            }
            if inO, inD {
                if desired[d].location < observed[o].location { inO = false } else if observed[o].location < desired[d].location { inD = false; inA = false }
            } else if inO, inA {
                if applied[a].location < observed[o].location { inO = false } else if observed[o].location < applied[a].location { inA = false }
            }
            if inD, inA, inO, Self.converged(desired[d], applied[a].value, observed[o].value), !moved.isMoved(observed[o].value) {
                d += 1; a += 1; o += 1
                continue
            }
            let location = inD ? desired[d].location : inA ? applied[a].location : observed[o].location
            diff(location, want: inD ? desired[d].value : nil, had: inA ? applied[a].value : nil,
                 has: inO ? observed[o].value : nil, moved: moved, into: &plan)
            if inD { d += 1 }
            if inA { a += 1 }
            if inO { o += 1 }
        }
    }

    /// The converged case, nearly every location of a large org: declared, applied and found with
    /// the same key on the same record, nothing to report. Checked in place, before any copy.
    private static func converged(_ want: LocationTable<String>.Entry, _ had: AppliedSetting, _ has: ObservedSetting) -> Bool {
        had.accountKey == want.value && has.accountKey == want.value && had.recordId == has.recordId && !has.hasRetiredToken
            && (has.owner.isActive || want.location.kind != .user)
    }

    /// A record whose owner the org cannot name holds a key nobody declared: reported under its
    /// owner's Id (the kind from the Id's prefix), since there is no name to report it under.
    private func unnamed(_ setting: ObservedSetting, into plan: inout PlanBuilder) {
        let kind: Location.Kind = setting.ownerId.hasPrefix("00e") ? .profile : .user
        if let key = setting.key { plan.unmanagedKeys[org.name, default: []].insert(key) }
        plan.drift(.setting(org: org.name, location: Location(kind: kind, name: setting.ownerId)), .unmanaged,
                   "record \(setting.recordId) of owner \(setting.ownerId), which the org cannot name, holds '\(setting.key ?? "")'",
                   fix: "find the owner in Salesforce setup and delete the record, or declare the owner's location")
    }

    private func diff(_ location: Location, want: String?, had: AppliedSetting?, has: ObservedSetting?,
                      moved: MovedRecords, into plan: inout PlanBuilder) {
        let address = ResourceAddress.setting(org: org.name, location: location)
        if let has { report(has, at: location, want: want, had: had, into: &plan) }
        // A record vccctl manages under another location now (its owner was renamed): the location
        // where it was made reports and handles it, unless this one declares it (and adopts it).
        if want == nil, had == nil, let has, moved.isMoved(has) { return }
        // A record this plan deletes takes its retired token with it; any other is migrated.
        if let has, has.hasRetiredToken, want != nil || had == nil {
            plan.retiredTokens.append(RetiredTokenRecord(org: org.name, location: location, setting: has, declaredKey: want))
        }
        if let had, has == nil, let record = moved.record(of: had) {
            replace(location, want: want, had: had, record: record, into: &plan)
            return
        }
        if let had, has == nil {
            plan.drift(address, .deletedOutside, "record deleted outside vccctl (it held '\(had.accountKey)')",
                       fix: want == nil ? "apply removes it from state" : "apply creates it again")
        }

        let hasKey = has?.key
        switch (want, has) {
        case let (want?, has?):
            let detail = SettingChange(org: org.name, location: location, ownerId: has.ownerId, recordId: has.recordId,
                                       fromKey: hasKey, toKey: want)
            if hasKey == want {
                if had?.accountKey != want || had?.recordId != has.recordId {
                    plan.change(address, .adopt, .setting(detail), "the record already holds '\(want)'; vccctl records it as managed")
                }
            } else {
                plan.change(address, .update, .setting(detail), switchReason(location, to: want, from: hasKey))
            }
        case let (want?, nil):
            create(location, key: want, into: &plan)
        case let (nil, has?):
            guard let had else {
                if let hasKey {
                    plan.unmanagedKeys[org.name, default: []].insert(hasKey)
                    plan.drift(address, .unmanaged, "record not declared in the configuration holds '\(hasKey)'",
                               fix: "declare it under an account's locations, or delete it in Salesforce setup")
                }
                return
            }
            let detail = SettingChange(org: org.name, location: location, ownerId: has.ownerId, recordId: has.recordId,
                                       fromKey: hasKey, toKey: nil)
            plan.change(address, .delete, .setting(detail),
                        "no longer declared: \(audience(location)) will no longer get '\(hasKey ?? had.accountKey)' from this record")
        case (nil, nil):
            guard let had else { return }
            let detail = SettingChange(org: org.name, location: location, ownerId: had.ownerId, recordId: had.recordId,
                                       fromKey: had.accountKey, toKey: nil)
            plan.change(address, .forget, .setting(detail), "gone from the org and from the configuration")
        }
    }

    /// Findings about a record itself, whoever manages it.
    private func report(_ has: ObservedSetting, at location: Location, want: String?, had: AppliedSetting?,
                        into plan: inout PlanBuilder) {
        let address = ResourceAddress.setting(org: org.name, location: location)
        if has.hasRetiredToken {
            plan.drift(address, .plaintextToken,
                       "the record of \(location) holds an API token in the retired field \(org.customSetting.retiredTokenField)",
                       fix: "with the account's token declared (token: {env: …}), apply stores it in Secrets Management and clears the field")
        }
        if let had, had.recordId != has.recordId, had.ownerId != has.ownerId {
            // Another owner's record under this name: users were renamed (or swapped names).
            plan.drift(address, .ownerChanged,
                       "\(location) is another owner now (Id \(has.ownerId), was \(had.ownerId)): renamed outside vccctl",
                       fix: want == nil ? "apply deletes the record as no longer declared"
                                        : "apply takes over this owner's record and sets the declared key")
        } else if let had, has.key != had.accountKey {
            plan.drift(address, .changedOutside,
                       "key changed outside vccctl: applied '\(had.accountKey)', now '\(has.key ?? "none")'",
                       fix: want == nil ? "apply deletes the record as no longer declared" : "apply sets it back to the declared key")
        }
        if want != nil, location.kind == .user, !has.owner.isActive {
            plan.drift(address, .inactiveUser, "user \(location.name) is inactive: the key on this record reaches nobody",
                       fix: "remove the location from the configuration, or reactivate the user in Salesforce setup")
        }
    }

    /// The record vccctl made for `location` sits under another owner now (the user or profile it
    /// was made for was renamed, or the name now belongs to someone else).
    private func replace(_ location: Location, want: String?, had: AppliedSetting, record: MovedRecords.Record,
                         into plan: inout PlanBuilder) {
        let address = ResourceAddress.setting(org: org.name, location: location)
        let now = record.location.map { "now belongs to \($0)" } ?? "now belongs to owner \(record.setting.ownerId)"
        plan.drift(address, .ownerChanged, "the record vccctl made for \(location) \(now) (renamed or replaced outside vccctl)",
                   fix: want == nil ? "apply deletes it as no longer declared" : "apply makes a new record for \(location)")
        if record.isDeclaredThere {
            // The location it moved to is declared: that location adopts it, this one starts anew.
            if let want { create(location, key: want, into: &plan) } else {
                let detail = SettingChange(org: org.name, location: location, ownerId: had.ownerId, recordId: had.recordId,
                                           fromKey: had.accountKey, toKey: nil)
                plan.change(address, .forget, .setting(detail), "the record is managed as \(record.location?.description ?? "") now")
            }
            return
        }
        guard let want else {
            let detail = SettingChange(org: org.name, location: location, ownerId: record.setting.ownerId,
                                       recordId: record.setting.recordId, fromKey: record.setting.key, toKey: nil)
            plan.change(address, .delete, .setting(detail), "no longer declared; the record \(now)")
            return
        }
        guard let ownerId = ownerId(of: location, declaredAt: nil, into: &plan,
                                    note: "the record vccctl made for it \(now): declare that name instead, or create the user again")
        else { return }
        let detail = SettingChange(org: org.name, location: location, ownerId: ownerId, recordId: record.setting.recordId,
                                   fromKey: record.setting.key, toKey: want)
        plan.change(address, .replace, .setting(detail),
                    "a record's owner cannot change: the old record (\(now)) is deleted and \(audience(location)) gets a new one with \(want)")
    }

    private func create(_ location: Location, key: String, into plan: inout PlanBuilder) {
        guard let ownerId = ownerId(of: location, declaredAt: location.origin, into: &plan) else { return }
        let address = ResourceAddress.setting(org: org.name, location: location)
        let detail = SettingChange(org: org.name, location: location, ownerId: ownerId, recordId: nil, fromKey: nil, toKey: key)
        plan.change(address, .create, .setting(detail), switchReason(location, to: key, from: nil))
    }

    /// The Id of the location's owner now; an error when the org has no such owner.
    private func ownerId(of location: Location, declaredAt origin: SourceOrigin?, into plan: inout PlanBuilder,
                         note: String? = nil) -> String? {
        if location.kind == .org { return observed.orgId }
        if let owner = observed.owners[location] { return owner.ownerId }
        plan.diagnostics.append(.error(
            "plan.unknown-owner", "\(location) does not exist in org '\(org.name)'",
            at: (origin ?? location.origin).location,
            notes: (note.map { [Diagnostic.Note($0)] } ?? []) + [.init(location.kind == .user
                          ? "check the username (sandbox usernames carry the sandbox suffix) or create the user first"
                          : "check the profile name as Setup shows it, or create the profile first")]))
        return nil
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
