import Foundation
import GRDB
import Reconciler
import StateSQLite
import Testing
import TestSupport

/// An apply whose process died keeps its history entry `running` until the next run takes or
/// frees the lock: then it reads `interrupted`, with the outcomes it committed.
@Suite struct InterruptedApplyTests {
    static let landed = ChangeOutcome(address: .setting(org: "prod", location: .org()), status: .applied,
                                      resource: .setting(accountKey: "K", recordId: "a0B000000000001AAA", ownerId: "00D000000000001AAA"))

    @Test func anApplyLeftRunningIsInterruptedWhenAnotherHolderTakesTheLock() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.ready(applyID: "killed")
        try await fixture.commit([Self.landed], applyID: "killed")
        try await fixture.store.beginApply(StateFixtures.apply("finished", startedAt: 1_600_000_000))
        try await fixture.store.finishApply(id: "finished", status: .succeeded)
        let finishedBefore = try #require(try await fixture.store.history(limit: 10).first { $0.id == "finished" })

        // The killed run's lock row is gone without an unlock (removed by hand): the next run
        // takes a free lock, and that alone tells it the running apply was killed.
        try await DatabaseQueue(path: fixture.path).write { db in try db.execute(sql: "DELETE FROM lock") }
        let other = fixture.secondStore()
        let before = Date().timeIntervalSince1970
        _ = try await other.lock(StateFixtures.holder("L2"), timeout: 0)

        let history = try await other.history(limit: 10)
        let killed = try #require(history.first { $0.id == "killed" })
        #expect(killed.status == .interrupted)
        #expect(try #require(killed.finishedAt) >= before)
        #expect(killed.outcomes == [Self.landed])
        // Finished applies are left as they were, and what the killed one committed stays in state.
        #expect(history.first { $0.id == "finished" } == finishedBefore)
        #expect(try await other.load()?.resources[Self.landed.address] == Self.landed.resource)
    }

    @Test func theHoldersOwnApplyIsNotInterruptedWhenItTakesTheLockAgain() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let holder = StateFixtures.holder("L1")
        _ = try await fixture.store.lock(holder, timeout: 0)
        try await fixture.ready(applyID: "mine")
        _ = try await fixture.store.lock(holder, timeout: 0)
        #expect(try await fixture.store.history(limit: 1).first?.status == .running)
    }

    @Test func aWriterWaitingForTheLockLeavesTheHoldersApplyRunningUntilStateUnlockFreesIt() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        _ = try await fixture.store.lock(StateFixtures.holder("L1"), timeout: 0)
        try await fixture.ready(applyID: "killed")
        try await fixture.commit([Self.landed], applyID: "killed")

        let other = fixture.secondStore()
        await #expect(throws: StateLockError.self) { try await other.lock(StateFixtures.holder("L2"), timeout: 0.2) }
        #expect(try await other.history(limit: 1).first?.status == .running)

        let before = Date().timeIntervalSince1970
        try await other.unlock(id: "L1")
        let killed = try #require(try await other.history(limit: 1).first)
        #expect(killed.id == "killed" && killed.status == .interrupted)
        #expect(try #require(killed.finishedAt) >= before)
        #expect(killed.outcomes == [Self.landed])
    }

    @Test func anUnlockThatFreesNothingInterruptsNothing() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        _ = try await fixture.store.lock(StateFixtures.holder("L1"), timeout: 0)
        try await fixture.ready(applyID: "live")
        await #expect(throws: StateLockError.self) { try await fixture.secondStore().unlock(id: "L9") }
        #expect(try await fixture.store.history(limit: 1).first?.status == .running)
    }
}
