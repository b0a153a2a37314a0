import Testing
import TestSupport
import VCCModel
@testable import Reconciler

/// A batch sent but never committed (the run was killed in between) leaves its journal in state.
/// The next plan recognises the writes that landed as vccctl's own: no `changed-outside` or
/// `deleted-outside` drift, no adoption; they are recorded by the next apply. Writes that did not
/// land are planned again like any difference. Plain values, no store.
@Suite struct JournalRecoveryTests {
    let sales = Location.profile("Sales")
    let support = Location.profile("Support")
    let jane = Location.user("jane@acme.example")
    let owners: [Location: OwnerResolution] = [
        .profile("Sales"): OwnerResolution(ownerId: "00e000000000001AAA"),
        .profile("Support"): OwnerResolution(ownerId: "00e000000000002AAA"),
        .user("jane@acme.example"): OwnerResolution(ownerId: "005000000000001AAA"),
    ]

    /// State before the killed batch: Sales holds A, jane holds A; the batch updated Sales to B,
    /// created Support with B and deleted jane's record.
    func applied(intent: WriteIntent?) -> AppliedState {
        var state = appliedState([
            settingAddress(sales): .setting(accountKey: "A", recordId: "a0X1", ownerId: "00e000000000001AAA"),
            settingAddress(jane): .setting(accountKey: "A", recordId: "a0X3", ownerId: "005000000000001AAA"),
        ])
        state.intent = intent
        return state
    }

    var intent: WriteIntent {
        WriteIntent(applyID: "killed-1", writes: [
            IntendedWrite(address: settingAddress(sales), ownerId: "00e000000000001AAA", recordId: "a0X1", accountKey: "B"),
            IntendedWrite(address: settingAddress(support), ownerId: "00e000000000002AAA", recordId: nil, accountKey: "B"),
            IntendedWrite(address: settingAddress(jane), ownerId: "005000000000001AAA", recordId: "a0X3", accountKey: nil),
        ])
    }

    /// The org after the whole batch landed.
    var landed: ObservedState {
        observedProd(settings: [
            sales: ObservedSetting(recordId: "a0X1", ownerId: "00e000000000001AAA", accountKey: "B"),
            support: ObservedSetting(recordId: "a0X2", ownerId: "00e000000000002AAA", accountKey: "B"),
        ], owners: owners)
    }

    let desired = desiredState([account("B", prod: [.profile("Sales"), .profile("Support")])])

    @Test func writesThatLandedAreRecordedNotReportedAsDrift() throws {
        let plan = try requirePlan(desired, applied: applied(intent: intent), observed: landed)
        #expect(plan.drift.isEmpty, "\(plan.drift)")
        #expect(plan.changes.isEmpty, "\(plan.summary)")
        #expect(plan.recovered == [
            RecoveredWrite(address: settingAddress(support), resource: .setting(accountKey: "B", recordId: "a0X2",
                                                                               ownerId: "00e000000000002AAA"), applyID: "killed-1"),
            RecoveredWrite(address: settingAddress(jane), resource: nil, applyID: "killed-1"),
            RecoveredWrite(address: settingAddress(sales), resource: .setting(accountKey: "B", recordId: "a0X1",
                                                                             ownerId: "00e000000000001AAA"), applyID: "killed-1"),
        ].sorted { $0.address < $1.address })
        #expect(plan.writesState, "the next apply records them")
    }

    @Test func withoutTheJournalTheSameOrgIsDrift() throws {
        // What the journal prevents: vccctl's own writes reported as changes made outside it.
        let plan = try requirePlan(desired, applied: applied(intent: nil), observed: landed)
        #expect(plan.drift.map(\.driftClass).sorted { $0.rawValue < $1.rawValue } == [.changedOutside, .deletedOutside])
        #expect(plan.recovered.isEmpty)
    }

    @Test func writesThatDidNotLandArePlannedAgain() throws {
        // Only the update landed: Support was never created and jane's record is still there.
        let partly = observedProd(settings: [
            sales: ObservedSetting(recordId: "a0X1", ownerId: "00e000000000001AAA", accountKey: "B"),
            jane: ObservedSetting(recordId: "a0X3", ownerId: "005000000000001AAA", accountKey: "A"),
        ], owners: owners)
        let plan = try requirePlan(desired, applied: applied(intent: intent), observed: partly)
        #expect(plan.recovered.map(\.address) == [settingAddress(sales)])
        #expect(Set(plan.summary) == ["create setting.prod.profile[\"Support\"]", "delete setting.prod.user[\"jane@acme.example\"]"])
        #expect(plan.drift.isEmpty, "\(plan.drift)")
    }

    @Test func aWriteFoundOtherwiseThanIntendedIsDrift() throws {
        // Someone changed Sales to C after the killed batch set B: that is drift, not recovery.
        let changed = observedProd(settings: [
            sales: ObservedSetting(recordId: "a0X1", ownerId: "00e000000000001AAA", accountKey: "C"),
            support: ObservedSetting(recordId: "a0X2", ownerId: "00e000000000002AAA", accountKey: "B"),
        ], owners: owners)
        let plan = try requirePlan(desired, applied: applied(intent: intent), observed: changed)
        #expect(plan.drift.map(\.driftClass) == [.changedOutside])
        #expect(plan.summary == ["update setting.prod.profile[\"Sales\"]"])
        #expect(Set(plan.recovered.map(\.address)) == [settingAddress(support), settingAddress(jane)])
    }

    @Test func theDigestCoversTheRecoveredWrites() throws {
        let with = try requirePlan(desired, applied: applied(intent: intent), observed: landed)
        var other = intent
        other.applyID = "killed-2"
        let otherPlan = try requirePlan(desired, applied: applied(intent: other), observed: landed)
        #expect(with.digest != otherPlan.digest)
    }
}
