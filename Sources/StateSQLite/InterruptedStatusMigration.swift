import GRDB

/// The second migration: `apply_history.status` may also be `interrupted` (an apply killed or
/// crashed mid-way, found by the next run that takes or frees the lock).
///
/// SQLite cannot alter a CHECK constraint, so the table is rebuilt the way SQLite prescribes
/// (https://www.sqlite.org/lang_altertable.html#otheralter): create the new table, copy, drop the
/// old one, rename the new one. It runs with foreign keys off (GRDB's `.deferred` checks), so
/// dropping the old table does not cascade to `apply_outcome`; `apply_outcome` keeps referencing
/// `apply_history` by name, and GRDB checks every reference before the migration commits.
enum InterruptedStatusMigration {
    static let identifier = "state-v2-interrupted"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE apply_history_v2 (
                id TEXT PRIMARY KEY NOT NULL,
                who TEXT NOT NULL,
                host TEXT NOT NULL,
                started_at REAL NOT NULL,
                finished_at REAL,
                plan_digest TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'pending', 'interrupted'))
            );
            -- The rowid too: the history orders applies started in the same second by it.
            INSERT INTO apply_history_v2 (rowid, id, who, host, started_at, finished_at, plan_digest, status)
                SELECT rowid, id, who, host, started_at, finished_at, plan_digest, status FROM apply_history;
            DROP TABLE apply_history;
            ALTER TABLE apply_history_v2 RENAME TO apply_history;
            CREATE INDEX apply_history_started ON apply_history (started_at);
            -- An older vccctl cannot read an interrupted apply: it must refuse the file by its version.
            UPDATE meta SET format_version = 2 WHERE id = 1;
            """)
    }
}
