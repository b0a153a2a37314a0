import Testing
import TestSupport
@testable import Reconciler

/// A link consented after the apply that started it is converged, not a change: the next apply
/// records it in state, into the history entry that waited for it, and finishes that entry.
@Suite struct StateCatchUpTests {
    let eu = ResourceAddress.link(accountKey: "ACME-EU-01")
    let us = ResourceAddress.link(accountKey: "ACME-US-01")
    let linked = AppliedResource.link(org: "prod", apiUser: "vcc-api@acme.example")

    /// A state whose one apply left `waiting` pending for consent.
    func storeWithPendingApply(_ waiting: [ResourceAddress]) async throws -> (InMemoryStateStore, Int64) {
        let store = InMemoryStateStore()
        _ = try await store.initialize(lineage: "L", fingerprintSalt: testSalt)
        let lock = try await store.tryLock(LockHolder(id: "first", who: "t", host: "h", pid: 1, command: "apply", since: 0))
        try await store.beginApply(ApplyRecord(id: "A1", who: "t", host: "h", startedAt: 1, planDigest: "d", status: .running))
        let serial = try await store.commit(waiting.map {
            ChangeOutcome(address: $0, status: .pending, resource: nil, code: ChangeOutcome.consentRequired)
        }, applyID: "A1", expected: CommitPrecondition(lockID: lock.id, serial: 0))
        try await store.finishApply(id: "A1", status: .pending)
        try await store.unlock(id: lock.id)
        return (store, serial)
    }

    func apply(_ plan: Plan, _ store: InMemoryStateStore) async throws -> ApplyEngine.Summary {
        let holder = LockHolder(id: "second", who: "t", host: "h", pid: 2, command: "apply", since: 0)
        return try await StateLock.withLock(store, holder: holder, timeout: 0) { held in
            try await ApplySession(remote: RemoteSystems(target: FakeTarget(owners: [:]), vcc: FakeVCC()), store: store,
                                   environment: environment(), who: "t", host: "h", clock: { 2 })
                .apply(plan, lockID: held.id)
        }
    }

    func plan(serial: Int64, unrecorded: [ResourceAddress]) -> Plan {
        var plan = Plan(lineage: "L", serial: serial, configDigest: "", readDigest: "", changes: [], drift: [],
                        apiCalls: APICallEstimate(refresh: 0, apply: 0))
        plan.unrecorded = unrecorded.map { UnrecordedResource(address: $0, resource: linked) }
        return plan
    }

    @Test func theApplyThatWaitedIsFinishedOnceEveryLinkIsRecorded() async throws {
        let (store, serial) = try await storeWithPendingApply([eu, us])
        // One consent so far: recorded, the entry still waits for the other.
        let first = try await apply(plan(serial: serial, unrecorded: [eu]), store)
        #expect(first.recorded == [eu])
        #expect(try await store.load()?[eu] == linked)
        var history = try await store.history(limit: 10)
        #expect(history.map(\.id) == ["A1"], "recorded into the entry that waited, not a new one")
        #expect(history.first?.status == .pending)

        _ = try await apply(plan(serial: first.serial, unrecorded: [us]), store)
        history = try await store.history(limit: 10)
        #expect(history.map(\.id) == ["A1"])
        #expect(history.first?.status == .succeeded)
        #expect(history.first?.outcomes.map(\.status) == [.pending, .pending, .applied, .applied])
    }

    @Test func aLinkNoApplyWaitedForIsRecordedInAnEntryOfItsOwn() async throws {
        let (store, serial) = try await storeWithPendingApply([eu])
        _ = try await apply(plan(serial: serial, unrecorded: [us]), store)
        let history = try await store.history(limit: 10)
        #expect(history.count == 2)
        #expect(history.first { $0.id == "A1" }?.status == .pending, "its own link is still not consented")
        let own = try #require(history.first { $0.id != "A1" })
        #expect(own.status == .succeeded)
        #expect(own.outcomes.map(\.address) == [us])
    }
}
