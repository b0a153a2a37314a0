import Foundation
import Reconciler
import StateSQLite
import Testing
import TestSupport

@Suite struct StateLockTests {
    static var localHost: String { ProcessInfo.processInfo.hostName }

    @Test func takingAFreeLockShowsTheHolderAndTakingItAgainIsHarmless() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let holder = StateFixtures.holder("L1")
        #expect(try await fixture.store.lock(holder, timeout: 0) == holder)
        #expect(try await fixture.secondStore().currentLock() == holder)
        #expect(try await fixture.store.lock(holder, timeout: 0) == holder)
        try await fixture.store.unlock(id: "L1")
        #expect(try await fixture.store.currentLock() == nil)
    }

    @Test func aSecondWriterTimesOutNamingTheHolder() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let holder = StateFixtures.holder("L1")
        _ = try await fixture.store.lock(holder, timeout: 0)

        let other = fixture.secondStore()
        // The outcome, not how long it took: the second writer gives up, the first still holds.
        let error = await #expect(throws: StateLockError.self) {
            try await other.lock(StateFixtures.holder("L2"), timeout: 0.3)
        }
        #expect(error == .held(by: holder))
        let message = "\(try #require(error))"
        // The library names the holder and the lock ID; the CLI adds the command that frees it.
        for part in ["jane", "elsewhere.example", "4242", "vccctl apply", "2023-11-14T22:13:20Z", "lock ID L1",
                     "free the lock by its ID"] {
            #expect(message.contains(part), "\(part) missing from: \(message)")
        }
        #expect(!message.contains("not running"))
        #expect(try await other.currentLock() == holder)
    }

    @Test func aWaitingWriterGetsTheLockOnceItIsFreed() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        _ = try await fixture.store.lock(StateFixtures.holder("L1"), timeout: 0)

        let waiter = fixture.secondStore()
        let second = StateFixtures.holder("L2")
        let waiting = Task { try await waiter.lock(second, timeout: 30) }
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await fixture.store.currentLock()?.id == "L1")
        try await fixture.store.unlock(id: "L1")
        #expect(try await waiting.value == second)
        #expect(try await fixture.store.currentLock() == second)
    }

    @Test func ofManyContendersExactlyOneTakesTheLock() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let winners = try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<8 {
                let store = fixture.secondStore()
                group.addTask {
                    do {
                        return try await store.lock(StateFixtures.holder("L\(index)"), timeout: 0).id
                    } catch is StateLockError {
                        return nil
                    }
                }
            }
            return try await group.compactMap { $0 }.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(winners.count == 1)
        #expect(try await fixture.store.currentLock()?.id == winners.first)
    }

    /// A pid that surely ran on this host and surely ended.
    static func endedProcess() throws -> Int32 {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", "exit 0"]
        try child.run()
        child.waitUntilExit()
        return child.processIdentifier
    }

    @Test func aLockOfAProcessThatIsGoneIsTakenOverAndItsApplyInterrupted() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let stale = StateFixtures.holder("STALE", pid: try Self.endedProcess(), host: Self.localHost)
        _ = try await fixture.store.initialize(lineage: "L", fingerprintSalt: [1])
        _ = try await fixture.store.lock(stale, timeout: 0)
        try await fixture.store.beginApply(ApplyRecord(id: "A1", who: "jane", host: Self.localHost, startedAt: 1,
                                                       planDigest: "d", status: .running))

        var tookOver: [LockHolder] = []
        let taken = try await StateLock.acquire(fixture.secondStore(), holder: StateFixtures.holder("L2"), timeout: 0) {
            tookOver.append($0)
        }
        #expect(taken.id == "L2")
        #expect(tookOver == [stale])
        #expect(try await fixture.store.currentLock()?.id == "L2")
        #expect(try await fixture.store.history(limit: 1).first?.status == .interrupted)
        // What the error would say, had it been another host's.
        #expect(StateLockError.held(by: stale).description.contains("is not running on \(Self.localHost): the lock is stale"))
    }

    @Test func aLockOfAnotherHostIsNeverTakenOver() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let remote = StateFixtures.holder("REMOTE", pid: try Self.endedProcess(), host: "elsewhere.example")
        _ = try await fixture.store.lock(remote, timeout: 0)
        await #expect(throws: StateLockError.held(by: remote)) {
            try await StateLock.acquire(fixture.secondStore(), holder: StateFixtures.holder("L2"), timeout: 0.05) { _ in
                Issue.record("took over another host's lock")
            }
        }
        #expect(try await fixture.store.currentLock() == remote)
    }

    @Test func aLockOfALiveProcessOrOfAnotherHostIsNotCalledStale() async throws {
        let live = StateLockError.held(by: StateFixtures.holder("A", pid: ProcessInfo.processInfo.processIdentifier,
                                                                 host: Self.localHost))
        #expect(!live.description.contains("not running"))
        let remote = StateLockError.held(by: StateFixtures.holder("B", pid: Int32.max, host: "elsewhere.example"))
        #expect(!remote.description.contains("not running"))
    }

    @Test func unlockingWithAnotherIDFreesNothing() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        await #expect(throws: StateLockError.notLocked(id: "L1")) { try await fixture.store.unlock(id: "L1") }
        let holder = StateFixtures.holder("L1")
        _ = try await fixture.store.lock(holder, timeout: 0)

        let error = await #expect(throws: StateLockError.self) { try await fixture.secondStore().unlock(id: "WRONG") }
        #expect(error == .idMismatch(requested: "WRONG", holder: holder))
        #expect("\(try #require(error))".contains("Nothing was unlocked"))
        #expect(try await fixture.store.currentLock() == holder)

        try await fixture.secondStore().unlock(id: "L1")
        await #expect(throws: StateLockError.notLocked(id: "L1")) { try await fixture.store.unlock(id: "L1") }
    }
}
