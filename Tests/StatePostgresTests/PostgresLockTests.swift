import Foundation
import PostgresNIO
import Reconciler
import StatePostgres
import Testing
import TestSupport

/// The lock's PostgreSQL side: the advisory lock of the schema, its holder row, and what happens
/// when the holder's session dies or is ended.
@Suite struct PostgresLockTests {
    static func holder(_ id: String, runURL: String? = nil) -> LockHolder {
        LockHolder(id: id, who: "jane", host: "runner-\(id)", pid: 4242, command: "vccctl apply", since: 1_700_000_000, runURL: runURL)
    }

    static func entry(_ id: String) -> ApplyRecord {
        ApplyRecord(id: id, who: "jane", host: "runner", startedAt: 1_700_000_000, planDigest: "d", status: .running)
    }

    static let setting = ChangeOutcome(address: .setting(org: "prod", location: .profile("Agents")), status: .applied,
                                       resource: .setting(accountKey: "ACME-01", recordId: "a0B000000000001AAA", ownerId: "00e000000000001AAA"))

    /// Whether `condition` holds within two seconds (looked at every 20 ms).
    /// Run A, as it is mid-apply: holding the lock, on an initialized state, its apply running.
    static func runApplying(_ store: PostgresStateStore) async throws {
        _ = try await store.tryLock(holder("A"))
        _ = try await store.initialize(lineage: "l", fingerprintSalt: [1])
        try await store.beginApply(entry("apply-A"))
    }

    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<100 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test func aWaitingRunNamesTheHolderWithItsCIRun() async throws {
        let fixture = try PostgresFixture("names")
        let run = "https://ci.example/acme/vcc/actions/runs/77"
        _ = try await fixture.store.tryLock(Self.holder("A", runURL: run))
        let other = fixture.another()
        let seen = try await other.tryLock(Self.holder("B"))
        #expect(seen == Self.holder("A", runURL: run))
        await expectThrows {
            _ = try await StateLock.acquire(other, holder: Self.holder("B"), timeout: 0.2, pollInterval: 0.05)
        } matching: { error in
            "\(error)".contains("jane on runner-A") && "\(error)".contains("run \(run)")
        }
        await fixture.close()
    }

    @Test func aLockWhoseSessionDiedIsFreeAtOnceAndItsApplyReadsInterrupted() async throws {
        let fixture = try PostgresFixture("died")
        try await Self.runApplying(fixture.store)
        let serial = try await fixture.store.commit([Self.setting], applyID: "apply-A", expected: CommitPrecondition(lockID: "A", serial: 0))
        // The session ends without unlocking, as a killed process's does.
        await fixture.store.close()
        let next = fixture.another()
        // The server ends the session a moment after the client hangs up.
        #expect(try await Self.eventually { try await next.currentLock() == nil }, "a dead session's row names nobody")
        let clock = ContinuousClock()
        let started = clock.now
        let taken = try await StateLock.acquire(next, holder: Self.holder("B"), timeout: 5, pollInterval: 0.05)
        #expect(taken.id == "B")
        #expect(clock.now - started < .seconds(1), "taken at once, not after a timeout")
        let history = try await next.history(limit: 1)
        #expect(history.first?.status == .interrupted && history.first?.outcomes == [Self.setting])
        #expect(try await next.load()?.serial == serial, "what it committed stays")
        await fixture.close()
    }

    @Test func unlockingAnotherLiveRunsLockEndsItsSessionSoItCanWriteNothingMore() async throws {
        let fixture = try PostgresFixture("unlock")
        try await Self.runApplying(fixture.store)
        // A person frees the lock of a hung run from another machine (`vccctl state unlock A`).
        let admin = fixture.another()
        try await admin.unlock(id: "A")
        #expect(try await admin.history(limit: 1).first?.status == .interrupted)
        let next = fixture.another()
        let taken = try await StateLock.acquire(next, holder: Self.holder("B"), timeout: 5, pollInterval: 0.05)
        #expect(taken.id == "B")
        // The hung run wakes up: its commit is refused, and so is everything after it.
        await expectThrows {
            _ = try await fixture.store.commit([Self.setting], applyID: "apply-A", expected: CommitPrecondition(lockID: "A", serial: 0))
        } matching: { error in
            if case PostgresStateError.connectionLost = error { return true }
            return false
        }
        await #expect(throws: PostgresStateError.self) { try await fixture.store.finishApply(id: "apply-A", status: .failed) }
        #expect(try await next.history(limit: 1).first?.status == .interrupted, "its entry stays interrupted")
        #expect(try await next.load()?.serial == 0)
        await fixture.close()
    }

    @Test func twoSchemasOnOneServerNeverBlockEachOther() async throws {
        let first = try PostgresFixture("one")
        let second = try PostgresFixture("two")
        #expect(try await first.store.tryLock(Self.holder("A")).id == "A")
        #expect(try await second.store.tryLock(Self.holder("B")).id == "B")
        #expect(try await first.another().tryLock(Self.holder("C")).id == "A")
        await first.close()
        await second.close()
    }

    @Test func aCommitFromAnotherSessionWithTheHoldersIDIsRefused() async throws {
        let fixture = try PostgresFixture("cas")
        try await Self.runApplying(fixture.store)
        // Knowing the lock ID is not enough: only the session that took the lock may commit.
        let impostor = fixture.another()
        await expectThrows {
            _ = try await impostor.commit([Self.setting], applyID: "apply-A", expected: CommitPrecondition(lockID: "A", serial: 0))
        } matching: { error in
            if case StateCommitRefused.notLockHolder(_, let holder) = error { return holder?.id == "A" }
            return false
        }
        #expect(try await fixture.store.commit([Self.setting], applyID: "apply-A", expected: CommitPrecondition(lockID: "A", serial: 0)) == 1)
        await fixture.close()
    }

    @Test func aConnectionLostWhileHoldingTheLockStopsTheRunCleanly() async throws {
        let fixture = try PostgresFixture("lost")
        try await Self.runApplying(fixture.store)
        _ = try await fixture.store.commit([Self.setting], applyID: "apply-A", expected: CommitPrecondition(lockID: "A", serial: 0))
        // The network drops the holder's session (here: the server ends it).
        try await fixture.withConnection { connection in
            try await connection.query("SELECT pg_terminate_backend(backend_pid) FROM state_lock", logger: Logger(label: "test"))
        }
        try await Task.sleep(for: .milliseconds(100))
        await expectThrows {
            _ = try await fixture.store.commit([Self.setting], applyID: "apply-A", expected: CommitPrecondition(lockID: "A", serial: 1))
        } matching: { error in
            guard case PostgresStateError.connectionLost = error else { return false }
            return "\(error)".contains("run it again")
        }
        // Nothing more from this run: it cannot mark its own apply failed behind the next run's back.
        await #expect(throws: PostgresStateError.self) { try await fixture.store.finishApply(id: "apply-A", status: .failed) }
        let next = fixture.another()
        #expect(try await next.tryLock(Self.holder("B")).id == "B")
        #expect(try await next.history(limit: 1).first?.status == .interrupted)
        await fixture.close()
    }
}
