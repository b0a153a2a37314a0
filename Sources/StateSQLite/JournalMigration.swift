import GRDB

/// The journal of the batch in flight (`WriteIntent`): one row at most, written before a batch is
/// sent, deleted by the commit of its outcomes. An older vccctl ignores the table.
enum JournalMigration {
    static let identifier = "state-v5-journal"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE journal (
                slot INTEGER PRIMARY KEY NOT NULL CHECK (slot = 1),
                apply_id TEXT NOT NULL,
                -- The intended writes, as JSON: a few hundred records, read only after a crash.
                writes BLOB NOT NULL
            );
            """)
    }
}
