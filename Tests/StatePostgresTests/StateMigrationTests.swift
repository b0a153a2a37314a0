import Foundation
import Reconciler
import StatePostgres
import StateSQLite
import Testing
import TestSupport

/// `StateMigration.copy` between a real SQLite file and a real PostgreSQL schema, both ways: a
/// state with every kind of resource, an attestation, and a history of every status comes back
/// the same, and a target that holds something is refused unless forced.
@Suite struct StateMigrationTests {
    static let holder = LockHolder(id: "migrate-1", who: "jane", host: "h", pid: 1, command: "vccctl state migrate", since: 1_700_000_000)

    /// A SQLite state with settings, a secret, an attested link, and applies that succeeded,
    /// failed and were interrupted.
    static func richSQLiteState(_ directory: TemporaryDirectory) async throws -> SQLiteStateStore {
        let store = SQLiteStateStore(path: directory.path + "/state.sqlite")
        _ = try await store.tryLock(LockHolder(id: "L1", who: "a", host: "h", pid: 1, command: "c", since: 1))
        _ = try await store.initialize(lineage: "lineage-rich", fingerprintSalt: Array(0..<32))
        let jane = Attestation(by: "jane", at: 1_700_000_100.25)
        let outcomes: [ChangeOutcome] = [
            ChangeOutcome(address: .setting(org: "prod", location: .org()), status: .applied,
                          resource: .setting(accountKey: "ACME-01", recordId: "a0B000000000001AAA", ownerId: "00D000000000001AAA")),
            ChangeOutcome(address: .setting(org: "prod", location: .user("jane@acme.example")), status: .applied,
                          resource: .setting(accountKey: "ACME-02", recordId: "a0B000000000002AAA", ownerId: "005000000000001AAA")),
            ChangeOutcome(address: .secret(org: "prod", accountKey: "ACME-01"), status: .applied,
                          resource: .secret(fingerprint: TokenFingerprint(token: "t", salt: Array(0..<32)))),
            ChangeOutcome(address: .link(accountKey: "ACME-01"), status: .applied, resource: .link(org: "prod", apiUser: "api@acme.example"),
                          attestation: jane),
            ChangeOutcome(address: .setting(org: "prod", location: .profile("Sales")), status: .failed, resource: nil,
                          code: "DUPLICATE_VALUE", message: "duplicate value found"),
        ]
        try await store.beginApply(ApplyRecord(id: "A1", who: "jane", host: "h", startedAt: 100, planDigest: "p1", status: .running))
        _ = try await store.commit(Array(outcomes.prefix(3)), applyID: "A1", expected: CommitPrecondition(lockID: "L1", serial: 0))
        try await store.finishApply(id: "A1", status: .succeeded)
        try await store.beginApply(ApplyRecord(id: "C1", kind: .confirm, who: "jane", host: "h", startedAt: 200, planDigest: "confirm",
                                               status: .running))
        _ = try await store.commit([outcomes[3], outcomes[4]], applyID: "C1", expected: CommitPrecondition(lockID: "L1", serial: 1))
        try await store.finishApply(id: "C1", status: .failed)
        try await store.beginApply(ApplyRecord(id: "A2", who: "bob", host: "h2", startedAt: 200, planDigest: "p2", status: .running))
        // Killed: its entry reads interrupted once the lock is freed.
        try await store.unlock(id: "L1")
        return store
    }

    @Test func aStateGoesToPostgresAndBackUnchanged() async throws {
        let directory = try TemporaryDirectory("migrate")
        defer { directory.remove() }
        let sqlite = try await Self.richSQLiteState(directory)
        let original = try #require(try await sqlite.load())
        let originalHistory = try await sqlite.history(limit: 100)
        #expect(originalHistory.map(\.status) == [.interrupted, .failed, .succeeded])

        let fixture = try PostgresFixture("migrate")
        let there = try await StateMigration.copy(from: sqlite, named: "a", to: fixture.store, named: "b", force: false,
                                                  holder: Self.holder, lockTimeout: 1)
        #expect(there == StateMigration.Report(lineage: "lineage-rich", serial: 2, resources: 4, applies: 3))
        let reader = fixture.another()
        #expect(try await reader.load() == original)
        #expect(try await reader.history(limit: 100) == originalHistory)
        #expect(try await reader.currentLock() == nil, "both locks are freed")

        let back = SQLiteStateStore(path: directory.path + "/back.sqlite")
        _ = try await StateMigration.copy(from: fixture.store, named: "b", to: back, named: "c", force: false,
                                          holder: Self.holder, lockTimeout: 1)
        #expect(try await back.load() == original)
        #expect(try await back.history(limit: 100) == originalHistory)
        await fixture.close()
    }

    @Test func aTargetThatHoldsAStateIsRefusedUnlessForced() async throws {
        let directory = try TemporaryDirectory("migrate-force")
        defer { directory.remove() }
        let sqlite = try await Self.richSQLiteState(directory)
        let fixture = try PostgresFixture("force")
        _ = try await fixture.store.tryLock(LockHolder(id: "X", who: "x", host: "h", pid: 1, command: "c", since: 1))
        _ = try await fixture.store.initialize(lineage: "other", fingerprintSalt: [7])
        try await fixture.store.unlock(id: "X")
        await #expect(throws: StateMigration.Failure.targetNotEmpty(target: "pg", lineage: "other", applies: 0)) {
            _ = try await StateMigration.copy(from: sqlite, named: "sqlite", to: fixture.store, named: "pg", force: false,
                                              holder: Self.holder, lockTimeout: 1)
        }
        #expect(try await fixture.store.load()?.lineage == "other", "nothing was copied")
        _ = try await StateMigration.copy(from: sqlite, named: "sqlite", to: fixture.store, named: "pg", force: true,
                                          holder: Self.holder, lockTimeout: 1)
        #expect(try await fixture.store.load() == (try await sqlite.load()))
        await fixture.close()
    }
}
