import GRDB

/// The state file's schema, as GRDB migrations. Migrations are append-only: never edit or rename a
/// shipped one, add a new one (and bump `formatVersion` when older vccctl must stop reading).
enum StateSchema {
    /// The format this vccctl writes and the newest it reads; kept in `meta.format_version`.
    /// 2: an apply may be `interrupted` (`InterruptedStatusMigration`).
    static let formatVersion = 2

    /// The first migration: a database that has not applied it is not a vccctl state file.
    static let firstMigration = "state-v1"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(firstMigration) { db in
            try db.execute(sql: """
                -- One row: what the state is. No row: the state was never initialized.
                CREATE TABLE meta (
                    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
                    lineage TEXT NOT NULL,
                    serial INTEGER NOT NULL,
                    fingerprint_salt BLOB NOT NULL,
                    created_at REAL NOT NULL,
                    format_version INTEGER NOT NULL
                );

                -- One row per applied resource, in typed columns (no JSON): load() is one plain scan.
                -- org, location_kind and name repeat the parts of the address, so that loading builds
                -- addresses without parsing their text form:
                --   setting: org, location_kind (org|profile|user), name = the location's name ('' for org)
                --   secret:  org, name = the account key
                --   link:    name = the account key
                -- The value columns: setting -> account_key, record_id, owner_id; secret -> fingerprint
                -- (hex of a salted HMAC-SHA256, never a token); link -> link_org, link_api_user (NULL:
                -- unlinked).
                CREATE TABLE resource (
                    address TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('setting', 'secret', 'link')),
                    org TEXT,
                    location_kind TEXT CHECK (location_kind IN ('org', 'profile', 'user')),
                    name TEXT NOT NULL,
                    account_key TEXT,
                    record_id TEXT,
                    owner_id TEXT,
                    fingerprint TEXT,
                    link_org TEXT,
                    link_api_user TEXT,
                    CHECK (kind <> 'setting' OR (org IS NOT NULL AND location_kind IS NOT NULL
                        AND account_key IS NOT NULL AND record_id IS NOT NULL AND owner_id IS NOT NULL)),
                    CHECK (kind <> 'secret' OR (org IS NOT NULL AND fingerprint IS NOT NULL))
                ) WITHOUT ROWID;

                -- Every apply, newest last (rowid order breaks ties of started_at).
                CREATE TABLE apply_history (
                    id TEXT PRIMARY KEY NOT NULL,
                    who TEXT NOT NULL,
                    host TEXT NOT NULL,
                    started_at REAL NOT NULL,
                    finished_at REAL,
                    plan_digest TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'pending'))
                );
                CREATE INDEX apply_history_started ON apply_history (started_at);

                -- Each change's result, in the order it landed. resource_kind NULL: the outcome carried
                -- no resource (a delete when applied; nothing when failed or pending). The resource
                -- columns mean what they mean in `resource`.
                CREATE TABLE apply_outcome (
                    apply_id TEXT NOT NULL REFERENCES apply_history(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    address TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('applied', 'failed', 'pending')),
                    code TEXT,
                    message TEXT,
                    resource_kind TEXT CHECK (resource_kind IN ('setting', 'secret', 'link')),
                    account_key TEXT,
                    record_id TEXT,
                    owner_id TEXT,
                    fingerprint TEXT,
                    link_org TEXT,
                    link_api_user TEXT,
                    PRIMARY KEY (apply_id, seq)
                ) WITHOUT ROWID;

                -- At most one row (slot = 1): who holds the state lock.
                CREATE TABLE lock (
                    slot INTEGER PRIMARY KEY NOT NULL CHECK (slot = 1),
                    id TEXT NOT NULL,
                    who TEXT NOT NULL,
                    host TEXT NOT NULL,
                    pid INTEGER NOT NULL,
                    command TEXT NOT NULL,
                    since REAL NOT NULL
                );
                """)
        }
        // Deferred foreign key checks: the migration rebuilds a table that another references.
        migrator.registerMigration(InterruptedStatusMigration.identifier, foreignKeyChecks: .deferred,
                                   migrate: InterruptedStatusMigration.migrate)
        migrator.registerMigration("state-v3-attestation") { db in
            // A person's word for a secret or link change done by hand (`vccctl confirm`), kept
            // beside the resource until vccctl applies or observes it itself; and which entries
            // of the history are such confirmations. Both are ignored by an older vccctl.
            try db.execute(sql: """
                CREATE TABLE attestation (
                    address TEXT PRIMARY KEY NOT NULL,
                    confirmed_by TEXT NOT NULL,
                    confirmed_at REAL NOT NULL
                ) WITHOUT ROWID;
                ALTER TABLE apply_history ADD COLUMN kind TEXT NOT NULL DEFAULT 'apply' CHECK (kind IN ('apply', 'confirm'));
                """)
        }
        migrator.registerMigration(outcomeBatchesMigration) { db in
            // Each commit's outcomes in one compact value (`OutcomeBatchCoding`) rather than a row
            // per outcome: a history of large applies no longer costs a copy of the state per
            // apply. `first_seq` is the position of the batch's first outcome in its apply;
            // outcomes written before this migration stay in `apply_outcome` and are read with
            // the batches, in one order. An older vccctl refuses the file (an unknown migration).
            try db.execute(sql: """
                CREATE TABLE apply_outcome_batch (
                    apply_id TEXT NOT NULL REFERENCES apply_history(id) ON DELETE CASCADE,
                    first_seq INTEGER NOT NULL,
                    outcome_count INTEGER NOT NULL CHECK (outcome_count > 0),
                    outcomes BLOB NOT NULL,
                    PRIMARY KEY (apply_id, first_seq)
                );
                """)
        }
        migrator.registerMigration(JournalMigration.identifier, migrate: JournalMigration.migrate)
        return migrator
    }

    static let outcomeBatchesMigration = "state-v4-outcome-batches"
}
