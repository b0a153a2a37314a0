import Foundation
import GRDB
import Reconciler
@testable import StateSQLite
import Testing
import TestSupport

/// A state file an older vccctl wrote (only `state-v1`) opens with its history intact, and then
/// takes `interrupted` applies.
@Suite struct StateMigrationTests {
    /// A version-1 state: two applies started in the same second (the one recorded later is the
    /// newer) and an older one with outcomes.
    static func versionOneState(at path: String) throws {
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path,
                                                withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: path)
        try StateSchema.migrator.migrate(queue, upTo: StateSchema.firstMigration)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO meta (id, lineage, serial, fingerprint_salt, created_at, format_version)
                    VALUES (1, 'lineage-1', 3, x'00', 1700000000, 1);
                INSERT INTO apply_history (id, who, host, started_at, finished_at, plan_digest, status) VALUES
                    ('zz-earlier', 'jane', 'build-01', 200, NULL, 'd2', 'running'),
                    ('aa-later', 'jane', 'build-01', 200, 201, 'd3', 'succeeded'),
                    ('first', 'jane', 'build-01', 100, 101, 'd1', 'failed');
                INSERT INTO apply_outcome (apply_id, seq, address, status, code, message) VALUES
                    ('first', 1, 'setting.prod.org', 'failed', 'DUPLICATE_VALUE', 'duplicate value found'),
                    ('first', 2, 'link["K"]', 'pending', NULL, 'press Allow');
                """)
        }
        try queue.close()
    }

    @Test func aVersionOneHistoryKeepsItsOrderOutcomesAndReferences() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try Self.versionOneState(at: fixture.path)

        let history = try await fixture.store.history(limit: 10)
        #expect(history.map(\.id) == ["aa-later", "zz-earlier", "first"])
        #expect(history.map(\.status) == [.succeeded, .running, .failed])
        #expect(history[2].outcomes.map(\.address.description) == ["setting.prod.org", "link[\"K\"]"])
        #expect(history[2].outcomes.map(\.code) == ["DUPLICATE_VALUE", nil])

        let queue = try DatabaseQueue(path: fixture.path)
        defer { try? queue.close() }
        try await queue.write { db in
            #expect(try Int.fetchOne(db, sql: "SELECT format_version FROM meta") == 2)
            let references = try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(apply_outcome)")
            #expect(references.map { $0["table"] as String? } == ["apply_history"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'apply_history' AND type = 'index'")
                .contains("apply_history_started"))
            // The new status is accepted, an unknown one still refused; deleting an apply still
            // takes its outcomes along.
            try db.execute(sql: "UPDATE apply_history SET status = 'interrupted' WHERE id = 'zz-earlier'")
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE apply_history SET status = 'exploded' WHERE id = 'zz-earlier'")
            }
            try db.execute(sql: "DELETE FROM apply_history WHERE id = 'first'")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM apply_outcome") == 0)
        }
        #expect(try await fixture.secondStore().history(limit: 10).map(\.status) == [.succeeded, .interrupted])
    }
}
