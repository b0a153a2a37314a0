import Foundation
import GRDB
import Reconciler
import StateSQLite
import Testing
import TestSupport

/// A state file is this state or refused: one that lost its identity (the meta row) but holds
/// resources or history, a zero-byte or table-less file, and a write-ahead log left beside it by
/// another database are never taken for a new or different state; a log of the state's own crash
/// is replayed as always.
@Suite struct StateIdentityTests {
    static let landed = StateFixtures.applied(StateFixtures.everyKind)

    /// A state with resources and history, its connection closed (its log checkpointed away).
    static func appliedState(_ fixture: StoreFixture) async throws {
        let store = fixture.secondStore()
        let lock = try await store.tryLock(StateFixtures.holder("setup"))
        _ = try await store.initialize(lineage: "lineage-1", fingerprintSalt: StateFixtures.salt)
        try await store.beginApply(StateFixtures.apply("apply-1"))
        try await store.commit(landed, applyID: "apply-1", expected: CommitPrecondition(lockID: lock.id, serial: 0))
        try await store.unlock(id: lock.id)
    }

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func aStateWhoseMetaRowIsGoneIsRefusedNotGivenANewLineage() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await Self.appliedState(fixture)
        let raw = try DatabaseQueue(path: fixture.path)
        try await raw.write { db in try db.execute(sql: "DELETE FROM meta") }
        try raw.close()

        let store = fixture.secondStore()
        await #expect(throws: StateStoreError.missingIdentity(path: fixture.path)) { try await store.load() }
        await #expect(throws: StateStoreError.missingIdentity(path: fixture.path)) {
            try await store.initialize(lineage: "a-new-lineage", fingerprintSalt: [1])
        }
        await #expect(throws: StateStoreError.missingIdentity(path: fixture.path)) { try await store.history(limit: 1) }
        let error = await #expect(throws: StateStoreError.self) {
            try await fixture.secondStore().lock(StateFixtures.holder("L"), timeout: 0)
        }
        #expect("\(error!)".contains("Restore it from a backup") && "\(error!)".contains("docs/state.md"), "\(error!)")
        let check = try DatabaseQueue(path: fixture.path)
        defer { try? check.close() }
        #expect(try await check.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meta") } == 0)
    }

    /// The same, caught in the transaction that would mint the lineage: the meta row goes away
    /// after the store opened the file.
    @Test func initializeRefusesAStateThatLostItsIdentityAfterItWasOpened() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await Self.appliedState(fixture)
        let store = fixture.secondStore()
        #expect(try await store.load()?.lineage == "lineage-1")
        try await DatabaseQueue(path: fixture.path).write { db in try db.execute(sql: "DELETE FROM meta") }
        await #expect(throws: StateStoreError.missingIdentity(path: fixture.path)) {
            try await store.initialize(lineage: "a-new-lineage", fingerprintSalt: [1])
        }
    }

    /// The lock may be taken before the state is initialized: a state holding only a lock is
    /// exactly empty, and the run holding it initializes it.
    @Test func aStateHoldingOnlyTheLockIsStillNew() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        _ = try await fixture.store.lock(StateFixtures.holder("L"), timeout: 0)
        let other = fixture.secondStore()
        #expect(try await other.load() == nil)
        #expect(try await other.initialize(lineage: "new", fingerprintSalt: [1]).lineage == "new")
    }

    @Test func aZeroByteStateFileIsRefusedAndLeftAsItIs() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try fixture.directory.write(".vccctl/state.sqlite", "")
        await #expect(throws: StateStoreError.emptyFile(path: fixture.path)) { try await fixture.store.load() }
        let error = await #expect(throws: StateStoreError.self) {
            try await fixture.secondStore().lock(StateFixtures.holder("L"), timeout: 0)
        }
        #expect(error == .emptyFile(path: fixture.path))
        #expect("\(error!)".contains("remove it and vccctl creates a new one"), "\(error!)")
        #expect(try Self.bytes(fixture.path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.path + "-wal"))
    }

    @Test func aDatabaseWithoutTablesIsRefusedAndLeftAsItIs() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(atPath: fixture.directory.path + "/.vccctl", withIntermediateDirectories: true)
        let raw = try DatabaseQueue(path: fixture.path)
        try await raw.write { db in try db.execute(sql: "PRAGMA user_version = 7") }
        try raw.close()
        let before = try Self.bytes(fixture.path)
        #expect(!before.isEmpty)
        await #expect(throws: StateStoreError.emptyFile(path: fixture.path)) {
            try await fixture.store.lock(StateFixtures.holder("L"), timeout: 0)
        }
        #expect(try Self.bytes(fixture.path) == before)
    }

    /// Another SQLite database is refused without a byte of it changed (not even a switch to WAL mode).
    @Test func anotherDatabaseIsRefusedUntouched() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(atPath: fixture.directory.path + "/.vccctl", withIntermediateDirectories: true)
        let raw = try DatabaseQueue(path: fixture.path)
        try await raw.write { db in try db.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')") }
        try raw.close()
        let before = try Self.bytes(fixture.path)
        await #expect(throws: StateStoreError.notAStateFile(path: fixture.path)) {
            try await fixture.store.lock(StateFixtures.holder("L"), timeout: 0)
        }
        #expect(try Self.bytes(fixture.path) == before)
        #expect(!FileManager.default.fileExists(atPath: fixture.path + "-wal"))
    }

    // MARK: - Write-ahead logs

    /// Copies the state file and its log as they are while `store` keeps its connection open:
    /// what a `kill -9` leaves behind.
    static func crashCopy(of path: String, to copy: String) throws {
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: copy).deletingLastPathComponent().path,
                                                withIntermediateDirectories: true)
        for suffix in ["", "-wal"] {
            try? FileManager.default.removeItem(atPath: copy + suffix)
            try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix)
        }
    }

    @Test func theLogOfTheStatesOwnCrashIsReplayed() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.ready()
        try await fixture.commit(Self.landed, applyID: "apply-1")
        let serial = try #require(try await fixture.store.load()?.serial)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: fixture.path + "-wal")[.size] as? Int)
        #expect(size > 32, "the open store's log holds frames")

        let crashed = fixture.directory.path + "/crashed/state.sqlite"
        try Self.crashCopy(of: fixture.path, to: crashed)
        let replayed = SQLiteStateStore(path: crashed)
        let state = try #require(try await replayed.load())
        #expect(state.lineage == "lineage-1" && state.serial == serial)
        #expect(state.resources.count == Self.landed.count)
        #expect(try await replayed.history(limit: 1).first?.outcomes.count == Self.landed.count)
    }

    @Test func aLogLeftByAnotherStateIsRefusedAndNothingIsWritten() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await Self.appliedState(fixture)
        #expect(!FileManager.default.fileExists(atPath: fixture.path + "-wal"), "the state's own log was checkpointed away")
        let before = try Self.bytes(fixture.path)

        // Another state (another lineage), its log still holding its commits.
        let other = try StoreFixture("other")
        defer { other.remove() }
        try await other.ready(lineage: "lineage-other")
        try await other.commit(StateFixtures.applied(StateFixtures.manySettings(50)), applyID: "apply-1")
        try FileManager.default.copyItem(atPath: other.path + "-wal", toPath: fixture.path + "-wal")

        let error = await #expect(throws: StateStoreError.self) { try await fixture.secondStore().load() }
        guard case .foreignJournal(let path, let reason)? = error else {
            Issue.record("expected foreignJournal, got \(String(describing: error))")
            return
        }
        #expect(path == fixture.path)
        #expect(reason.contains("lineage-other") && reason.contains("lineage-1"), "\(reason)")
        #expect("\(error!)".contains("Move \(fixture.path)-wal and \(fixture.path)-shm aside"), "\(error!)")
        await #expect(throws: StateStoreError.self) { try await fixture.secondStore().lock(StateFixtures.holder("L"), timeout: 0) }
        #expect(try Self.bytes(fixture.path) == before, "the foreign log was not checkpointed into the state")

        // The way out the message gives: the log moved aside, the state reads as its file holds it.
        try FileManager.default.moveItem(atPath: fixture.path + "-wal", toPath: fixture.path + "-wal.foreign")
        try? FileManager.default.removeItem(atPath: fixture.path + "-shm")
        let state = try #require(try await fixture.secondStore().load())
        #expect(state.lineage == "lineage-1" && state.resources.count == Self.landed.count)
    }

    /// A log of this very state, but older than what its file holds (left from before a restore
    /// or a copy): replaying it would take the state back.
    @Test func anOlderLogOfTheSameStateIsRefused() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.ready()
        try await fixture.commit(Array(Self.landed.prefix(3)), applyID: "apply-1")
        let old = fixture.directory.path + "/old/state.sqlite"
        try Self.crashCopy(of: fixture.path, to: old)
        try await fixture.commit(Array(Self.landed.dropFirst(3)), applyID: "apply-1")

        // The newer state, checkpointed whole into its file, gets the old log beside it.
        let newer = fixture.directory.path + "/newer/state.sqlite"
        try Self.crashCopy(of: fixture.path, to: newer)
        let checkpoint = try DatabaseQueue(path: newer)
        try await checkpoint.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try checkpoint.close()
        try? FileManager.default.removeItem(atPath: newer + "-shm")
        try FileManager.default.copyItem(atPath: old + "-wal", toPath: newer + "-wal")

        let error = await #expect(throws: StateStoreError.self) { try await SQLiteStateStore(path: newer).load() }
        guard case .foreignJournal(_, let reason)? = error else {
            Issue.record("expected foreignJournal, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("takes the serial back from 2 to 1"), "\(reason)")
    }

    @Test func aLogOfAnotherKindOfDatabaseIsRefused() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await Self.appliedState(fixture)
        let before = try Self.bytes(fixture.path)

        let foreignPath = fixture.directory.path + "/foreign.sqlite"
        var configuration = Configuration()
        configuration.journalMode = .wal
        let foreign = try DatabaseQueue(path: foreignPath, configuration: configuration)
        defer { try? foreign.close() }
        try await foreign.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        try await foreign.write { db in
            try db.execute(sql: "CREATE TABLE blob (id INTEGER PRIMARY KEY, body BLOB)")
            for index in 0..<40 { try db.execute(sql: "INSERT INTO blob VALUES (?, randomblob(3000))", arguments: [index]) }
        }
        try FileManager.default.copyItem(atPath: foreignPath + "-wal", toPath: fixture.path + "-wal")

        let error = await #expect(throws: StateStoreError.self) { try await fixture.secondStore().load() }
        guard case .foreignJournal? = error else {
            Issue.record("expected foreignJournal, got \(String(describing: error))")
            return
        }
        #expect(try Self.bytes(fixture.path) == before)
    }
}
