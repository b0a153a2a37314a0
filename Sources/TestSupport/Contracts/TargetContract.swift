public import OrgSimulator
public import Reconciler
public import VCCModel

/// The behaviour every `Target` must have (the embedded org, the Salesforce REST target against
/// the emulator, ...), checked through the org it is backed by: an `OrgSimulator` that the check
/// seeds and changes out of band, as an admin in Setup would. Each adapter's tests run every check
/// against a fresh org:
///
///     @Test(arguments: TargetContract.checks)
///     func contract(_ check: TargetContract.Check) async throws { try await check.run(makeSubject()) }
public enum TargetContract {
    /// A target and the org behind it, seeded with `TargetContract.seed` under the name `org`.
    public struct Subject: Sendable {
        public var target: any Target
        public var simulator: OrgSimulator

        public init(target: any Target, simulator: OrgSimulator) {
            self.target = target
            self.simulator = simulator
        }
    }

    public typealias Check = ContractCheck<Subject>

    /// The org every check starts from: seed it into the simulator before building the target.
    public static let seed = DirectorySeed(orgs: [
        OrgSeed(name: "prod", environment: .production, profiles: ["Support Agent", "Sales Agent", #"Quote's "Desk" \ 1"#],
                users: [
                    UserSeed(username: "jane@acme.example", profile: "Support Agent"),
                    UserSeed(username: "sam@acme.example", profile: "Sales Agent"),
                    UserSeed(username: "o'brien@acme.example", profile: #"Quote's "Desk" \ 1"#),
                    UserSeed(username: "gone@acme.example", profile: "Sales Agent", isActive: false),
                ]),
    ])

    public static let org = OrgDeclaration(name: "prod", environment: .production)

    public static let checks: [Check] = [
        Check(description: "a refresh resolves declared owners by name, flags included", body: resolvesOwners),
        Check(description: "created records are read back with their owners named", body: createsAndReadsBack),
        Check(description: "one failed record does not stop the others", body: perRecordOutcomes),
        Check(description: "updates and deletes land and are read back", body: updatesAndDeletes),
        Check(description: "a create for an owner that already has a record updates it", body: duplicateOwnerRecovers),
        Check(description: "the read digest changes with the org and not with nothing", body: readDigest),
        Check(description: "calls stay within the budget for reads and writes", body: callBudget),
        Check(description: "declared API users are read with their flags, a missing one with similar names", body: apiUsers),
        Check(description: "a clear-retired write empties the retired field and keeps the key", body: clearsRetiredToken),
    ]

    // MARK: - Helpers

    static func request(declared: [Location], applied: [String: LocationTable<AppliedSetting>] = [:]) -> RefreshRequest {
        RefreshRequest(orgs: [org], declared: ["prod": LocationTable(declared.map { .init($0, "K") })], applied: applied,
                       accountKeys: [])
    }

    static func owner(_ observed: ObservedState, _ location: Location) throws -> OwnerResolution {
        guard let owner = observed.orgs["prod"]?.owner(of: location) else {
            throw ContractViolation("no owner read for \(location)")
        }
        return owner
    }

    static func change(_ location: Location, _ action: ChangeAction, ownerId: String, recordId: String? = nil,
                       from: String? = nil, to: String?) -> PlannedChange {
        PlannedChange(address: .setting(org: "prod", location: location), action: action,
                      detail: .setting(SettingChange(org: "prod", location: location, ownerId: ownerId, recordId: recordId,
                                                     fromKey: from, toKey: to)),
                      reasons: [])
    }

    static func write(_ target: any Target, _ action: ChangeAction, _ changes: [PlannedChange]) async throws -> TargetWriteResult {
        let result = try await target.write(SettingsWriteBatch(org: "prod", action: action, changes: changes))
        try ContractViolation.require(result.outcomes.count == changes.count, "one outcome per change")
        try ContractViolation.require(result.outcomes.map(\.address) == changes.map(\.address), "outcomes in order")
        return result
    }

    static func keys(_ observed: ObservedState) -> [Location: String] {
        var keys: [Location: String] = [:]
        for entry in observed.orgs["prod"]?.settings ?? LocationTable() { keys[entry.location] = entry.value.key ?? "" }
        return keys
    }

    // MARK: - Checks

    static func resolvesOwners(_ subject: Subject) async throws {
        let wanted: [Location] = [.org(), .profile("Support Agent"), .profile(#"Quote's "Desk" \ 1"#), .user("jane@acme.example"),
                                  .user("o'brien@acme.example"), .user("gone@acme.example"), .user("nobody@acme.example"),
                                  .profile("No Such Profile")]
        let observed = try await subject.target.refresh(request(declared: wanted))
        let orgState = try requireContractValue(observed.orgs["prod"], "the org was read")
        let simulated = try subject.simulator.org(named: "prod")
        try ContractViolation.require(orgState.orgId == simulated?.orgId, "the org Id: \(orgState.orgId)")
        try ContractViolation.require(orgState.settings.isEmpty, "no records yet")
        let jane = try owner(observed, .user("jane@acme.example"))
        try ContractViolation.require(jane.ownerId.hasPrefix("005") && jane.isActive && jane.profileName == "Support Agent",
                                      "jane resolved with her flags: \(jane)")
        let gone = try owner(observed, .user("gone@acme.example"))
        try ContractViolation.require(!gone.isActive, "an inactive user reads inactive")
        try ContractViolation.require(try owner(observed, .user("o'brien@acme.example")).ownerId.hasPrefix("005"),
                                      "a username with a quote resolves")
        try ContractViolation.require(try owner(observed, .profile(#"Quote's "Desk" \ 1"#)).ownerId.hasPrefix("00e"),
                                      "a profile name with quotes and a backslash resolves")
        try ContractViolation.require(orgState.owner(of: .user("nobody@acme.example")) == nil, "an unknown user is absent")
        try ContractViolation.require(orgState.owner(of: .profile("No Such Profile")) == nil, "an unknown profile is absent")
    }

    static func createsAndReadsBack(_ subject: Subject) async throws {
        let locations: [Location] = [.org(), .profile("Support Agent"), .user("jane@acme.example")]
        let before = try await subject.target.refresh(request(declared: locations))
        let changes = try locations.map { change($0, .create, ownerId: try owner(before, $0).ownerId, to: "ACME-EU-01") }
        let result = try await write(subject.target, .create, changes)
        for outcome in result.outcomes {
            guard outcome.status == .applied, case .setting(let key, let recordId, _)? = outcome.resource else {
                throw ContractViolation("create of \(outcome.address): \(outcome.status) \(outcome.code ?? "") \(outcome.message ?? "")")
            }
            try ContractViolation.require(key == "ACME-EU-01" && recordId.count == 18, "the record \(recordId) carries the key")
        }
        let after = try await subject.target.refresh(request(declared: locations))
        try ContractViolation.require(keys(after) == [.org(): "ACME-EU-01", .profile("Support Agent"): "ACME-EU-01",
                                                      .user("jane@acme.example"): "ACME-EU-01"],
                                      "the records are read back by owner name: \(keys(after))")
        let jane = try owner(after, .user("jane@acme.example"))
        try ContractViolation.require(jane.isActive && jane.profileName == "Support Agent", "a record's user owner has its flags")
    }

    static func perRecordOutcomes(_ subject: Subject) async throws {
        let before = try await subject.target.refresh(request(declared: [.profile("Sales Agent")]))
        let good = change(.profile("Sales Agent"), .create, ownerId: try owner(before, .profile("Sales Agent")).ownerId, to: "K1")
        // An owner Id the org does not have (a user deleted since the plan).
        let bad = change(.user("ghost@acme.example"), .create, ownerId: "005000000000999AAA", to: "K1")
        let result = try await write(subject.target, .create, [bad, good])
        try ContractViolation.require(result.outcomes[0].status == .failed && result.outcomes[0].code != nil,
                                      "the bad record fails with a code: \(result.outcomes[0])")
        try ContractViolation.require(result.outcomes[1].status == .applied, "the good record lands: \(result.outcomes[1])")
    }

    static func updatesAndDeletes(_ subject: Subject) async throws {
        let locations: [Location] = [.profile("Support Agent"), .profile("Sales Agent")]
        let before = try await subject.target.refresh(request(declared: locations))
        let created = try await write(subject.target, .create,
                                      try locations.map { change($0, .create, ownerId: try owner(before, $0).ownerId, to: "OLD") })
        var records: [Location: (id: String, owner: String)] = [:]
        for (location, outcome) in zip(locations, created.outcomes) {
            guard case .setting(_, let id, let ownerId)? = outcome.resource else { throw ContractViolation("create failed: \(outcome)") }
            records[location] = (id, ownerId)
        }
        let support = try requireContractValue(records[.profile("Support Agent")], "support record")
        let sales = try requireContractValue(records[.profile("Sales Agent")], "sales record")
        let updated = try await write(subject.target, .update, [change(.profile("Support Agent"), .update, ownerId: support.owner,
                                                                        recordId: support.id, from: "OLD", to: "NEW")])
        try ContractViolation.require(updated.outcomes[0].status == .applied, "update: \(updated.outcomes[0])")
        let deleted = try await write(subject.target, .delete, [change(.profile("Sales Agent"), .delete, ownerId: sales.owner,
                                                                        recordId: sales.id, from: "OLD", to: nil)])
        try ContractViolation.require(deleted.outcomes[0].status == .applied && deleted.outcomes[0].resource == nil,
                                      "delete: \(deleted.outcomes[0])")
        let after = try await subject.target.refresh(request(declared: locations))
        try ContractViolation.require(keys(after) == [.profile("Support Agent"): "NEW"], "read back: \(keys(after))")
    }

    static func duplicateOwnerRecovers(_ subject: Subject) async throws {
        let before = try await subject.target.refresh(request(declared: [.org()]))
        let orgId = try owner(before, .org()).ownerId
        // Between plan and apply the package creates the org default itself (a race).
        try subject.simulator.setSetting(org: "prod", owner: .org, clientId: nil)
        let result = try await write(subject.target, .create, [change(.org(), .create, ownerId: orgId, to: "ACME-EU-01")])
        try ContractViolation.require(result.outcomes[0].status == .applied, "the create became an update: \(result.outcomes[0])")
        let after = try await subject.target.refresh(request(declared: [.org()]))
        try ContractViolation.require(keys(after) == [.org(): "ACME-EU-01"], "one record carrying the key: \(keys(after))")
    }

    static func readDigest(_ subject: Subject) async throws {
        let declared: [Location] = [.user("jane@acme.example"), .user("sam@acme.example")]
        try subject.simulator.setSetting(org: "prod", owner: .user("jane@acme.example"), clientId: "A")
        let first = try await subject.target.refresh(request(declared: declared)).readDigest
        let again = try await subject.target.refresh(request(declared: declared)).readDigest
        try ContractViolation.require(first == again && !first.isEmpty, "nothing changed: the same digest")
        try subject.simulator.setSetting(org: "prod", owner: .user("jane@acme.example"), clientId: "B")
        let changedKey = try await subject.target.refresh(request(declared: declared)).readDigest
        try ContractViolation.require(changedKey != again, "a key changed: another digest")
        _ = try subject.simulator.setUserActive(org: "prod", username: "sam@acme.example", active: false)
        let inactive = try await subject.target.refresh(request(declared: declared)).readDigest
        try ContractViolation.require(inactive != changedKey, "a declared owner deactivated: another digest")
        _ = try subject.simulator.setUserActive(org: "prod", username: "jane@acme.example", active: false)
        let recordOwnerInactive = try await subject.target.refresh(request(declared: declared)).readDigest
        try ContractViolation.require(recordOwnerInactive != inactive, "a record's owner deactivated: another digest")
    }

    static func callBudget(_ subject: Subject) async throws {
        let users = (0..<1200).map { UserSeed(username: "agent\($0)@acme.example", profile: "Sales Agent") }
        try subject.simulator.seed(DirectorySeed(orgs: [OrgSeed(name: "prod", environment: .production, users: users)]))
        let locations = users.map { Location.user($0.username) }
        let before = try await subject.target.refresh(request(declared: locations))
        try ContractViolation.require(before.apiCalls <= 10, "resolving 1200 owners costs \(before.apiCalls) calls")
        let changes = try locations.map { change($0, .create, ownerId: try owner(before, $0).ownerId, to: "K") }
        var spent = 0
        for start in stride(from: 0, to: changes.count, by: APICallEstimate.recordsPerWrite) {
            let batch = Array(changes[start..<min(start + APICallEstimate.recordsPerWrite, changes.count)])
            let result = try await write(subject.target, .create, batch)
            try ContractViolation.require(result.outcomes.allSatisfy { $0.status == .applied }, "every create lands")
            spent += result.apiCalls
        }
        try ContractViolation.require(spent == 2, "1200 creates in two calls, spent \(spent)")
        let after = try await subject.target.refresh(request(declared: locations))
        try ContractViolation.require(after.orgs["prod"]?.settings.count == 1200, "all read back")
        try ContractViolation.require(after.apiCalls <= 1 + 10, "reading 1200 records costs \(after.apiCalls) calls")
    }

    static func apiUsers(_ subject: Subject) async throws {
        try subject.simulator.seed(DirectorySeed(orgs: [OrgSeed(name: "prod", environment: .production, profiles: ["API Only"], users: [
            UserSeed(username: "vcc-api@acme.example", profile: "API Only", isApiOnly: true, hasApiUserPermissionSet: true),
            UserSeed(username: "half-api@acme.example", profile: "Sales Agent", hasApiUserPermissionSet: true, mfaRequired: true),
            UserSeed(username: "off-api@acme.example", profile: "Sales Agent", isActive: false, isApiOnly: true),
        ])]))
        var request = request(declared: [])
        let asked = ["half-api@acme.example", "off-api@acme.example", "vcc-api@acme.example", "vcc-api@acme.example.uat"]
        request.apiUsers = ["prod": asked]
        let observed = try await subject.target.refresh(request)
        let org = try requireContractValue(observed.orgs["prod"], "the org was read")
        let good = try requireContractValue(org.apiUsers["vcc-api@acme.example"], "the API user is found")
        try ContractViolation.require(good.userId.hasPrefix("005") && good.isActive && good.isApiOnly && good.hasAPIUserPermissionSet
                                      && !good.needsMFA, "a good API user: \(good)")
        let half = try requireContractValue(org.apiUsers["half-api@acme.example"], "a user that is not API only is found")
        try ContractViolation.require(half.isActive && !half.isApiOnly && half.hasAPIUserPermissionSet && half.needsMFA,
                                      "not API only, MFA required: \(half)")
        let off = try requireContractValue(org.apiUsers["off-api@acme.example"], "an inactive user is found")
        try ContractViolation.require(!off.isActive && off.isApiOnly && !off.hasAPIUserPermissionSet && !off.needsMFA,
                                      "inactive, without the permission set: \(off)")
        try ContractViolation.require(org.apiUsers["vcc-api@acme.example.uat"] == nil, "a missing user is absent")
        try ContractViolation.require(org.similarUsernames == ["vcc-api@acme.example"],
                                      "the usernames like a missing one: \(org.similarUsernames)")

        let again = try await subject.target.refresh(request)
        try ContractViolation.require(again.readDigest == observed.readDigest, "nothing changed: the same digest")
        try subject.simulator.setUserFlags(org: "prod", username: "vcc-api@acme.example", mfaRequired: true)
        let changed = try await subject.target.refresh(request)
        try ContractViolation.require(changed.readDigest != observed.readDigest, "an API user's flag changed: another digest")
        let none = try await subject.target.refresh(Self.request(declared: []))
        try ContractViolation.require(none.orgs["prod"]?.apiUsers.isEmpty == true, "no API user asked, none read")
    }

    static func clearsRetiredToken(_ subject: Subject) async throws {
        let location = Location.profile("Support Agent")
        try subject.simulator.setSetting(org: "prod", owner: .profile("Support Agent"), clientId: "ACME-EU-01")
        try subject.simulator.setRetiredToken(org: "prod", owner: .profile("Support Agent"), token: "CANARY-contract-retired")
        let before = try await subject.target.refresh(request(declared: [location]))
        let record = try requireContractValue(before.orgs["prod"]?.settings[location], "the record is read")
        try ContractViolation.require(record.hasRetiredToken, "the retired token is seen")
        let result = try await write(subject.target, .clearRetired, [
            change(location, .clearRetired, ownerId: record.ownerId, recordId: record.recordId, from: "ACME-EU-01", to: "ACME-EU-01"),
        ])
        try ContractViolation.require(
            result.outcomes[0].status == .applied
                && result.outcomes[0].resource == .setting(accountKey: "ACME-EU-01", recordId: record.recordId, ownerId: record.ownerId),
            "the clear lands and state keeps the record: \(result.outcomes[0])")
        let after = try await subject.target.refresh(request(declared: [location]))
        let cleared = try requireContractValue(after.orgs["prod"]?.settings[location], "the record stays")
        try ContractViolation.require(!cleared.hasRetiredToken && cleared.key == "ACME-EU-01" && cleared.recordId == record.recordId,
                                      "the field is empty, the key kept: \(cleared)")
        let stored = try subject.simulator.settingRecord(org: "prod", ownerId: record.ownerId).value
        try ContractViolation.require(stored?.retiredToken == nil, "the org holds no retired token")
    }
}

/// `#require` for contract checks: the value, or a `ContractViolation`.
func requireContractValue<T>(_ value: T?, _ message: String) throws -> T {
    guard let value else { throw ContractViolation(message) }
    return value
}
