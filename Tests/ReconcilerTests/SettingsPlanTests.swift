import Testing
import TestSupport
import VCCModel
import YAMLSyntax
@testable import Reconciler

@Suite struct SettingsPlanTests {
    let sales = Location.profile("Sales")
    let jane = Location.user("jane@acme.example")
    let owners: [Location: OwnerResolution] = [
        .profile("Sales"): OwnerResolution(ownerId: "00e000000000001AAA"),
        .user("jane@acme.example"): OwnerResolution(ownerId: "005000000000001AAA"),
    ]

    @Test func createsRecordsWithOwnersResolvedByName() throws {
        let desired = desiredState([account("ACME-EU-01", prod: [.org(), sales, jane])])
        let plan = try requirePlan(desired, observed: observedProd(owners: owners))

        #expect(plan.summary == [
            "create setting.prod.org", "create setting.prod.profile[\"Sales\"]",
            "create setting.prod.user[\"jane@acme.example\"]",
        ])
        let org = try #require(try plan.change(at: settingAddress(.org())).setting)
        #expect(org.ownerId == prodOrgId)
        #expect(org.recordId == nil && org.fromKey == nil && org.toKey == "ACME-EU-01")
        let profile = try plan.change(at: settingAddress(sales))
        #expect(profile.setting?.ownerId == "00e000000000001AAA")
        #expect(profile.reasons == ["users of profile Sales will get ACME-EU-01"])
        #expect(try plan.change(at: settingAddress(jane)).setting?.ownerId == "005000000000001AAA")
        #expect(plan.drift.isEmpty)
        #expect(plan.lineage == nil && plan.serial == nil)
        #expect(plan.newStateSalt == Hex.encode(testSalt))
        #expect(!plan.changes.contains { $0.isDestructive })
    }

    @Test func updatesAKeyWithTheDomainReason() throws {
        let desired = desiredState([account("B", prod: [sales])])
        let applied = appliedState([settingAddress(sales): .setting(accountKey: "A", recordId: "a0X1", ownerId: "00e000000000001AAA")])
        let observed = observedProd(
            settings: [sales: ObservedSetting(recordId: "a0X1", ownerId: "00e000000000001AAA", accountKey: "A")], owners: owners)
        let plan = try requirePlan(desired, applied: applied, observed: observed)

        let change = try plan.change(at: settingAddress(sales))
        #expect(change.action == .update)
        #expect(change.reasons == ["users of profile Sales will switch from A to B"])
        #expect(change.setting == SettingChange(org: "prod", location: sales, ownerId: "00e000000000001AAA",
                                                recordId: "a0X1", fromKey: "A", toKey: "B"))
        #expect(plan.changes.count == 1)
        #expect(plan.drift.isEmpty)
        #expect(plan.lineage == "L1" && plan.serial == 7 && plan.newStateSalt == nil)
    }

    @Test func noChangeWhenEverythingIsAsDeclared() throws {
        let desired = desiredState([account("A", prod: [.org(), sales])])
        let applied = appliedState([
            settingAddress(.org()): .setting(accountKey: "A", recordId: "a0X0", ownerId: prodOrgId),
            settingAddress(sales): .setting(accountKey: "A", recordId: "a0X1", ownerId: "00e000000000001AAA"),
        ])
        let observed = observedProd(settings: [
            .org(): ObservedSetting(recordId: "a0X0", ownerId: prodOrgId, accountKey: "A"),
            sales: ObservedSetting(recordId: "a0X1", ownerId: "00e000000000001AAA", accountKey: "A"),
        ], owners: owners)
        let plan = try requirePlan(desired, applied: applied, observed: observed)
        #expect(!plan.hasChanges)
        #expect(plan.drift.isEmpty)
        #expect(plan.apiCalls.apply == 0)
    }

    @Test func deletesOnlyRecordsItAppliedAndNoLongerDeclares() throws {
        let desired = desiredState([account("A", prod: [.org()])])
        let applied = appliedState([
            settingAddress(.org()): .setting(accountKey: "A", recordId: "a0X0", ownerId: prodOrgId),
            settingAddress(sales): .setting(accountKey: "A", recordId: "a0X1", ownerId: "00e000000000001AAA"),
        ])
        let observed = observedProd(settings: [
            .org(): ObservedSetting(recordId: "a0X0", ownerId: prodOrgId, accountKey: "A"),
            sales: ObservedSetting(recordId: "a0X1", ownerId: "00e000000000001AAA", accountKey: "A"),
            jane: ObservedSetting(recordId: "a0X2", ownerId: "005000000000001AAA", accountKey: "OTHER"),
        ], owners: owners)
        let plan = try requirePlan(desired, applied: applied, observed: observed)

        #expect(plan.summary == ["delete setting.prod.profile[\"Sales\"]"])
        let delete = try plan.change(at: settingAddress(sales))
        #expect(delete.isDestructive)
        #expect(delete.setting?.recordId == "a0X1" && delete.setting?.toKey == nil && delete.setting?.fromKey == "A")
        #expect(delete.reasons == ["no longer declared: users of profile Sales will no longer get 'A' from this record"])
        // Nobody declared jane's record and vccctl never applied it: reported, never deleted.
        #expect(plan.driftClasses(at: settingAddress(jane)) == [.unmanaged])
        #expect(plan.counts.destroy == 1)
    }

    @Test func adoptsARecordThatAlreadyHoldsTheKey() throws {
        let desired = desiredState([account("A", prod: [sales, jane])])
        // Sales: no state at all. Jane: state names another record (deleted and recreated by hand).
        let applied = appliedState([settingAddress(jane): .setting(accountKey: "A", recordId: "a0OLD", ownerId: "005000000000001AAA")])
        let observed = observedProd(settings: [
            sales: ObservedSetting(recordId: "a0X1", ownerId: "00e000000000001AAA", accountKey: "A"),
            jane: ObservedSetting(recordId: "a0NEW", ownerId: "005000000000001AAA", accountKey: "A"),
        ], owners: owners)
        let plan = try requirePlan(desired, applied: applied, observed: observed)

        #expect(plan.summary == ["adopt setting.prod.profile[\"Sales\"]", "adopt setting.prod.user[\"jane@acme.example\"]"])
        #expect(try plan.change(at: settingAddress(sales)).setting?.recordId == "a0X1")
        #expect(try plan.change(at: settingAddress(jane)).setting?.recordId == "a0NEW")
        #expect(plan.apiCalls.apply == 0)
        #expect(plan.drift.isEmpty)
    }

    @Test func forgetsARecordGoneFromOrgAndConfiguration() throws {
        let desired = desiredState([account("A", prod: [.org()])])
        let applied = appliedState([
            settingAddress(.org()): .setting(accountKey: "A", recordId: "a0X0", ownerId: prodOrgId),
            settingAddress(sales): .setting(accountKey: "A", recordId: "a0X1", ownerId: "00e000000000001AAA"),
        ])
        let observed = observedProd(settings: [.org(): ObservedSetting(recordId: "a0X0", ownerId: prodOrgId, accountKey: "A")],
                                    owners: owners)
        let plan = try requirePlan(desired, applied: applied, observed: observed)

        let forget = try plan.change(at: settingAddress(sales))
        #expect(forget.action == .forget)
        #expect(!forget.isDestructive)
        #expect(forget.setting?.recordId == "a0X1")
        #expect(plan.driftClasses(at: settingAddress(sales)) == [.deletedOutside])
        #expect(plan.drift.first?.fix == "apply removes it from state")
        #expect(plan.apiCalls.apply == 0)
    }

    @Test func unknownOwnerIsADiagnosticAtTheLocationAndNoPlan() throws {
        let marked = MarkedText("""
            version: 1
            orgs:
              prod: {environment: production}
            accounts:
              ACME-EU-01:
                locations:
                  prod:
                    - org
                    - ‸{profile: Ghost}
                    - ‸{user: nobody@acme.example}

            """)
        let (desired, path) = try loadDesired(marked.text)
        let result = plan(desired, observed: observedProd(owners: owners))

        #expect(result.plan == nil)
        #expect(result.diagnostics.map(\.code) == ["plan.unknown-owner", "plan.unknown-owner"])
        let profile = try #require(result.diagnostics.first)
        #expect(profile.severity == .error)
        #expect(profile.message == "profile 'Ghost' does not exist in org 'prod'")
        #expect(profile.location?.file == path)
        #expect(profile.location?.range.start == marked.positions[0])
        #expect(profile.notes.map(\.message) == ["check the profile name as Setup shows it, or create the profile first"])
        let user = try #require(result.diagnostics.last)
        #expect(user.message == "user 'nobody@acme.example' does not exist in org 'prod'")
        #expect(user.location?.range.start == marked.positions[1])
        #expect(user.notes.first?.message.contains("sandbox suffix") == true)
    }

    @Test func unreadOrgIsADiagnostic() throws {
        let desired = desiredState(orgs: ["prod": .production, "uat": .sandbox], [account("A", prod: [.org()])])
        let result = plan(desired, observed: observedProd())
        #expect(result.plan == nil)
        #expect(result.diagnostics.map(\.code) == ["plan.org-unreachable"])
    }

    @Test func keyChangedOutsideIsDriftAndSetBack() throws {
        let desired = desiredState([account("A", prod: [sales])])
        let applied = appliedState([settingAddress(sales): .setting(accountKey: "A", recordId: "a0X1", ownerId: "00e000000000001AAA")])
        let observed = observedProd(
            settings: [sales: ObservedSetting(recordId: "a0X1", ownerId: "00e000000000001AAA", accountKey: "HAND")], owners: owners)
        let plan = try requirePlan(desired, applied: applied, observed: observed)

        #expect(plan.driftClasses(at: settingAddress(sales)) == [.changedOutside])
        #expect(plan.drift[0].message == "key changed outside vccctl: applied 'A', now 'HAND'")
        #expect(plan.drift[0].fix == "apply sets it back to the declared key")
        let change = try plan.change(at: settingAddress(sales))
        #expect(change.action == .update)
        #expect(change.reasons == ["users of profile Sales will switch from HAND to A"])
    }

    @Test func keyClearedOutsideIsDrift() throws {
        let desired = desiredState([account("A", prod: [.org()])])
        let applied = appliedState([settingAddress(.org()): .setting(accountKey: "A", recordId: "a0X0", ownerId: prodOrgId)])
        let observed = observedProd(settings: [.org(): ObservedSetting(recordId: "a0X0", ownerId: prodOrgId, accountKey: "")])
        let plan = try requirePlan(desired, applied: applied, observed: observed)
        #expect(plan.driftClasses(at: settingAddress(.org())) == [.changedOutside])
        #expect(plan.drift[0].message.hasSuffix("now 'none'"))
        #expect(try plan.change(at: settingAddress(.org())).setting?.fromKey == nil)
    }

    @Test func recordDeletedOutsideIsDriftAndCreatedAgain() throws {
        let desired = desiredState([account("A", prod: [sales])])
        let applied = appliedState([settingAddress(sales): .setting(accountKey: "A", recordId: "a0X1", ownerId: "00e000000000001AAA")])
        let plan = try requirePlan(desired, applied: applied, observed: observedProd(owners: owners))

        #expect(plan.driftClasses(at: settingAddress(sales)) == [.deletedOutside])
        #expect(plan.drift[0].fix == "apply creates it again")
        let change = try plan.change(at: settingAddress(sales))
        #expect(change.action == .create)
        #expect(change.setting?.ownerId == "00e000000000001AAA")
    }

    @Test func undeclaredRecordIsUnmanagedDriftOnly() throws {
        let desired = desiredState([account("A", prod: [sales])])
        let observed = observedProd(settings: [
            .org(): ObservedSetting(recordId: "a0X0", ownerId: prodOrgId, accountKey: "LEFTOVER"),
            jane: ObservedSetting(recordId: "a0X2", ownerId: "005000000000001AAA", accountKey: nil),
        ], owners: owners)
        let plan = try requirePlan(desired, observed: observed)
        #expect(plan.summary == ["create setting.prod.profile[\"Sales\"]"])
        #expect(plan.driftClasses(at: settingAddress(.org())) == [.unmanaged])
        #expect(plan.drift[0].message.contains("LEFTOVER"))
        // A record without a key carries nothing to report.
        #expect(plan.driftClasses(at: settingAddress(jane)).isEmpty)
    }

    @Test func retiredTokenFieldIsPlaintextTokenDrift() throws {
        let desired = desiredState([account("A", prod: [.org()])])
        let applied = appliedState([settingAddress(.org()): .setting(accountKey: "A", recordId: "a0X0", ownerId: prodOrgId)])
        let observed = observedProd(settings: [
            .org(): ObservedSetting(recordId: "a0X0", ownerId: prodOrgId, accountKey: "A", hasRetiredToken: true),
        ])
        let result = plan(desired, applied: applied, observed: observed)
        let plan = try #require(result.plan)
        #expect(plan.driftClasses(at: settingAddress(.org())) == [.plaintextToken])
        #expect(plan.drift[0].message.contains("NVMContactWorld__clientSecret__c"))
        // A declares no token to move it to: nothing to do but say so (RetiredTokenMigrationTests).
        #expect(!plan.hasChanges)
        #expect(result.diagnostics.map(\.code) == ["plan.retired-token-undeclared"])
    }

    @Test func planFromYAMLMatchesPlanFromValues() throws {
        let (loaded, _) = try loadDesired("""
            version: 1
            orgs:
              prod: {environment: production}
            accounts:
              ACME-EU-01:
                locations:
                  prod: [org, {profile: Sales}, {user: jane@acme.example}]

            """)
        let built = desiredState([account("ACME-EU-01", prod: [.org(), sales, jane])])
        let fromYAML = try requirePlan(loaded, observed: observedProd(owners: owners))
        let fromValues = try requirePlan(built, observed: observedProd(owners: owners))
        #expect(fromYAML == fromValues)
    }
}
