import Testing
import VCCModel
@testable import Reconciler

@Suite struct OrderingAndEstimateTests {
    static func profiles(_ count: Int, prefix: String = "P") -> [Location] {
        (0..<count).map { .profile("\(prefix)\(String(100_000 + $0).dropFirst())") }
    }

    static func owners(_ locations: [Location]) -> [Location: OwnerResolution] {
        Dictionary(uniqueKeysWithValues: locations.enumerated().map { ($1, OwnerResolution(ownerId: "00e\($0)")) })
    }

    /// A plan holding one change of every kind the order cares about.
    func mixedPlan() throws -> Plan {
        let gone = Location.profile("Gone")
        let moved = Location.profile("Moved")
        let fresh = Location.profile("Fresh")
        var accounts = [
            account("A", prod: [fresh, moved], token: "TOKEN_A", link: .linked(org: "prod", apiUser: "api@x.example", origin: .none)),
            account("B", link: .unlinked(origin: .none)),
        ]
        accounts[0].locations["prod"] = [moved, fresh]
        let desired = desiredState(accounts)
        let applied = appliedState([
            settingAddress(gone): .setting(accountKey: "A", recordId: "r1", ownerId: "00e1"),
            settingAddress(moved): .setting(accountKey: "OLD", recordId: "r2", ownerId: "00e2"),
            .link(accountKey: "B"): .link(org: "prod", apiUser: "api@x.example"),
        ])
        let observed = observedProd(
            settings: [gone: ObservedSetting(recordId: "r1", ownerId: "00e1", accountKey: "A"),
                       moved: ObservedSetting(recordId: "r2", ownerId: "00e2", accountKey: "OLD")],
            owners: [fresh: OwnerResolution(ownerId: "00e3")],
            links: [
                "A": .linked(org: nil, orgId: "00D9", apiUser: "api@x.example", consentedAs: "api@x.example"),
                "B": .linked(org: "prod", orgId: prodOrgId, apiUser: "api@x.example", consentedAs: "api@x.example"),
            ],
            apiUsers: goodAPIUsers)
        return try requirePlan(desired, applied: applied, observed: observed, env: ["TOKEN_A": "t"])
    }

    @Test func unlinksThenDeletesThenWritesThenSecretsThenLinks() throws {
        let plan = try mixedPlan()
        #expect(plan.summary == [
            "unlink link[\"B\"]",
            "delete setting.prod.profile[\"Gone\"]",
            "create setting.prod.profile[\"Fresh\"]",
            "update setting.prod.profile[\"Moved\"]",
            "set secret.prod[\"A\"]",
            "relink link[\"A\"]",
        ])
    }

    @Test func orderDoesNotDependOnDeclarationOrder() throws {
        let locations = Self.profiles(30)
        let forward = desiredState([account("A", prod: locations)])
        let backward = desiredState([account("A", prod: locations.reversed())])
        let observed = observedProd(owners: Self.owners(locations))
        #expect(try requirePlan(forward, observed: observed).changes == requirePlan(backward, observed: observed).changes)
    }

    /// Five sObject Collections of 200 travel in one Composite request: 1000 records a call.
    @Test func estimateCountsWritesPerThousandRecords() throws {
        let locations = Self.profiles(2450)
        let desired = desiredState([account("A", prod: locations)])
        let plan = try requirePlan(desired, observed: observedProd(owners: Self.owners(locations), readDigest: "r"))
        #expect(plan.changes.count == 2450)
        #expect(plan.apiCalls.apply == 3)
    }

    @Test func estimateAddsDeletesSecretsAndLinksAndNothingForStateOnlyChanges() throws {
        let created = Self.profiles(2450)
        let deleted = Self.profiles(3, prefix: "D")
        let adopted = Self.profiles(5, prefix: "A")
        let forgotten = Self.profiles(4, prefix: "F")
        var resources: [ResourceAddress: AppliedResource] = [:]
        var settings: [Location: ObservedSetting] = [:]
        for (index, location) in deleted.enumerated() {
            resources[settingAddress(location)] = .setting(accountKey: "K", recordId: "d\(index)", ownerId: "o")
            settings[location] = ObservedSetting(recordId: "d\(index)", ownerId: "o", accountKey: "K")
        }
        for (index, location) in adopted.enumerated() {
            settings[location] = ObservedSetting(recordId: "a\(index)", ownerId: "o", accountKey: "K")
        }
        for (index, location) in forgotten.enumerated() {
            resources[settingAddress(location)] = .setting(accountKey: "K", recordId: "f\(index)", ownerId: "o")
        }
        let desired = desiredState([
            account("K", prod: created + adopted, token: "TOKEN_K", link: .linked(org: "prod", apiUser: "api@x.example", origin: .none)),
        ])
        let plan = try requirePlan(desired, applied: appliedState(resources),
                                   observed: observedProd(settings: settings, owners: Self.owners(created), apiUsers: goodAPIUsers),
                                   env: ["TOKEN_K": "t"])
        let actions = Dictionary(grouping: plan.changes, by: \.action).mapValues(\.count)
        #expect(actions == [.create: 2450, .delete: 3, .adopt: 5, .forget: 4, .setToken: 1, .link: 1])
        // 3 for the creates, 1 for the deletes, 1 secret, 1 link; adopt and forget are free.
        #expect(plan.apiCalls.apply == 6)
        #expect(plan.apiCalls.refresh == 0)
    }

    @Test func estimateCountsEachOrgApart() throws {
        var account = account("A", prod: Self.profiles(10))
        account.locations["uat"] = Self.profiles(10)
        let desired = desiredState(orgs: ["prod": .production, "uat": .sandbox], [account])
        var observed = observedProd(owners: Self.owners(Self.profiles(10)))
        observed.orgs["uat"] = ObservedOrg(orgId: uatOrgId, owners: Self.owners(Self.profiles(10)))
        observed.apiCalls = 4
        let plan = try requirePlan(desired, observed: observed)
        #expect(plan.apiCalls == APICallEstimate(refresh: 4, apply: 2))
    }

    @Test func batchesHoldUpToTheCallSizeOfConsecutiveSettingsOfOneOrgAndAction() throws {
        let locations = Self.profiles(450)
        let plan = try requirePlan(desiredState([account("A", prod: locations)]),
                                   observed: observedProd(owners: Self.owners(locations)))
        let batches = ApplyBatches.split(plan.changes, recordsPerCall: 200)
        #expect(batches.map(\.changes.count) == [200, 200, 50])
        #expect(batches.flatMap(\.changes).map(\.address) == plan.changes.map(\.address))
    }

    func settingChange(_ org: String, _ name: String, _ action: ChangeAction) -> PlannedChange {
        let location = Location.profile(name)
        return PlannedChange(
            address: .setting(org: org, location: location), action: action,
            detail: .setting(SettingChange(org: org, location: location, ownerId: "o", recordId: "r", fromKey: nil, toKey: "K")),
            reasons: [])
    }

    func secretChange(_ key: String, _ action: ChangeAction) -> PlannedChange {
        PlannedChange(
            address: .secret(org: "prod", accountKey: key), action: action,
            detail: .secret(SecretChange(org: "prod", accountKey: key, variable: "V", fingerprint: TokenFingerprint(hex: "00"),
                                         wasSet: false)),
            reasons: [])
    }

    @Test func batchesSplitOnOrgActionAndKind() {
        let changes = [
            settingChange("prod", "a", .create), settingChange("prod", "b", .create),
            settingChange("uat", "c", .create),
            settingChange("uat", "d", .update),
            settingChange("prod", "e", .create),
            settingChange("prod", "f", .adopt), secretChange("K", .forget), settingChange("prod", "g", .forget),
            secretChange("K", .setToken), secretChange("L", .setToken),
        ]
        let batches = ApplyBatches.split(changes, recordsPerCall: 200)
        #expect(batches.map { $0.changes.map(\.address) } == [
            [changes[0].address, changes[1].address],
            [changes[2].address],
            [changes[3].address],
            [changes[4].address],
            // State-only changes travel together, whatever their kind.
            [changes[5].address, changes[6].address, changes[7].address],
            [changes[8].address],
            [changes[9].address],
        ])
    }

    @Test func stateOnlyBatchesAlsoStopAtTwoHundred() {
        let changes = (0..<250).map { settingChange("prod", "p\($0)", .adopt) }
        #expect(ApplyBatches.split(changes, recordsPerCall: 200).map(\.changes.count) == [200, 50])
    }

    /// The estimate must be what apply spends: one target call per batch that calls the target.
    @Test func estimateMatchesTheBatchesApplyMakesWhenActionsInterleave() throws {
        // Profiles alternate between a new record, a record holding another key and one already
        // holding the declared key: creates, updates and adopts interleave in address order.
        let locations = Self.profiles(300)
        var settings: [Location: ObservedSetting] = [:]
        for (index, location) in locations.enumerated() where index % 3 != 0 {
            settings[location] = ObservedSetting(recordId: "r\(index)", ownerId: "00e\(index)",
                                                 accountKey: index % 3 == 1 ? "OTHER" : "A")
        }
        let plan = try requirePlan(desiredState([account("A", prod: locations)]),
                                   observed: observedProd(settings: settings, owners: Self.owners(locations)))
        let actions = Dictionary(grouping: plan.changes, by: \.action).mapValues(\.count)
        #expect(actions == [.create: 100, .update: 100, .adopt: 100])

        let targetBatches = ApplyBatches.split(plan.changes, recordsPerCall: APICallEstimate.recordsPerWrite).filter {
            if case .stateOnly = $0 { return false }
            return true
        }
        #expect(plan.apiCalls.apply == 2)
        #expect(targetBatches.count == plan.apiCalls.apply)
        // Still: deletes before creates, settings before secrets.
        #expect(plan.changes.map(\.address.kind) == plan.changes.map(\.address.kind).sorted())
    }
}
