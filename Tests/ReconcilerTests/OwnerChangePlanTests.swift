import Testing
import TestSupport
import VCCModel
import YAMLSyntax
@testable import Reconciler

/// Records whose owner was renamed or deactivated in the org, and orgs dropped from the
/// configuration while state still manages their records.
@Suite struct OwnerChangePlanTests {
    let jane = Location.user("jane@acme.example")
    let janeOld = Location.user("jane.old@acme.example")
    let oldJaneId = "005000000000001AAA"
    let newJaneId = "005000000000002AAA"

    /// State made record a0X1 for jane; the org now names its owner jane.old.
    func renamed(newJane: Bool) -> (AppliedState, ObservedState) {
        let applied = appliedState([settingAddress(jane): .setting(accountKey: "A", recordId: "a0X1", ownerId: oldJaneId)])
        let observed = observedProd(
            settings: [janeOld: ObservedSetting(recordId: "a0X1", ownerId: oldJaneId, accountKey: "A")],
            owners: newJane ? [jane: OwnerResolution(ownerId: newJaneId)] : [:])
        return (applied, observed)
    }

    @Test func aRenamedOwnerIsReplacedForTheDeclaredName() throws {
        let (applied, observed) = renamed(newJane: true)
        let plan = try requirePlan(desiredState([account("A", prod: [jane])]), applied: applied, observed: observed)

        #expect(plan.summary == ["replace setting.prod.user[\"jane@acme.example\"]"])
        let change = try plan.change(at: settingAddress(jane))
        #expect(change.setting == SettingChange(org: "prod", location: jane, ownerId: newJaneId, recordId: "a0X1",
                                                fromKey: "A", toKey: "A"))
        #expect(change.isDestructive)
        #expect(plan.driftClasses(at: settingAddress(jane)) == [.ownerChanged])
        // The moved record is state's, not an unmanaged one.
        #expect(plan.driftClasses(at: settingAddress(janeOld)).isEmpty)
        #expect(plan.apiCalls.apply == 2)
    }

    @Test func aRenamedOwnerWithoutANewOneIsAnUnknownOwner() throws {
        let (applied, observed) = renamed(newJane: false)
        let result = plan(desiredState([account("A", prod: [jane])]), applied: applied, observed: observed)
        #expect(result.plan == nil)
        #expect(result.diagnostics.map(\.code) == ["plan.unknown-owner"])
    }

    @Test func aRecordMovedToADeclaredNameIsAdoptedThere() throws {
        let (applied, observed) = renamed(newJane: true)
        let plan = try requirePlan(desiredState([account("A", prod: [jane, janeOld])]), applied: applied, observed: observed)

        #expect(Set(plan.summary) == ["adopt setting.prod.user[\"jane.old@acme.example\"]",
                                      "create setting.prod.user[\"jane@acme.example\"]"])
        #expect(try plan.change(at: settingAddress(janeOld)).setting?.recordId == "a0X1")
        #expect(try plan.change(at: settingAddress(jane)).setting?.ownerId == newJaneId)
        #expect(!plan.changes.contains { $0.isDestructive })
    }

    @Test func aMovedRecordNoLongerDeclaredIsDeleted() throws {
        let (applied, observed) = renamed(newJane: true)
        let plan = try requirePlan(desiredState([account("A")]), applied: applied, observed: observed)

        #expect(plan.summary == ["delete setting.prod.user[\"jane@acme.example\"]"])
        #expect(try plan.change(at: settingAddress(jane)).setting?.recordId == "a0X1")
    }

    @Test func anInactiveDeclaredUserIsDrift() throws {
        let applied = appliedState([settingAddress(jane): .setting(accountKey: "A", recordId: "a0X1", ownerId: oldJaneId)])
        let inactive = OwnerResolution(ownerId: oldJaneId, isActive: false, profileName: "Sales")
        let observed = observedProd(settings: [jane: ObservedSetting(recordId: "a0X1", owner: inactive, accountKey: "A")])
        let plan = try requirePlan(desiredState([account("A", prod: [jane])]), applied: applied, observed: observed)

        #expect(plan.changes.isEmpty)
        #expect(plan.driftClasses(at: settingAddress(jane)) == [.inactiveUser])
        #expect(plan.drift.first?.message.contains("jane@acme.example") == true)
    }

    @Test func anOrgDroppedFromTheConfigurationWithManagedRecordsIsAnError() throws {
        let applied = appliedState([settingAddress(jane, org: "uat"): .setting(accountKey: "A", recordId: "a0X1", ownerId: oldJaneId)])
        let result = plan(desiredState([account("A")]), applied: applied, observed: observedProd())
        #expect(result.plan == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == "plan.org-undeclared")
        #expect(diagnostic.message.contains("'uat'") && diagnostic.message.contains("1 settings record"))
    }

    @Test func theConfigDigestIgnoresTheOrderOfLocations() {
        let one = desiredState([account("A", prod: [jane, janeOld, .profile("Sales")])])
        let other = desiredState([account("A", prod: [.profile("Sales"), janeOld, jane])])
        let moved = desiredState([account("A", prod: [jane, .profile("Sales")]), account("B", prod: [janeOld])])
        #expect(DesiredStateDigest.digest(one) == DesiredStateDigest.digest(other))
        #expect(DesiredStateDigest.digest(one) != DesiredStateDigest.digest(moved))
    }
}

@Suite struct UnnamedOwnerPlanTests {
    @Test func aKeyOnARecordOfAnUnnamedOwnerIsReportedUnderTheOwnerId() throws {
        var observed = observedProd()
        observed.orgs["prod"]?.unnamedSettings = [
            ObservedSetting(recordId: "a0X9", ownerId: "005000000000009AAA", accountKey: "Z"),
            ObservedSetting(recordId: "a0X8", ownerId: "00e000000000008AAA", accountKey: nil),
        ]
        let plan = try requirePlan(desiredState([account("A")]), observed: observed)
        #expect(plan.changes.isEmpty)
        #expect(plan.drift.map(\.address) == [settingAddress(.user("005000000000009AAA"))])
        #expect(plan.drift.first?.driftClass == .unmanaged)
        #expect(plan.drift.first?.message.contains("a0X9") == true)
    }
}
