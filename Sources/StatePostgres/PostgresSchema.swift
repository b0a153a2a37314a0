import Foundation
import PostgresNIO

/// The state's tables in its schema, as numbered migrations. Append-only: never edit or reorder a
/// shipped migration, add a new one (and bump `formatVersion` when older vccctl must stop reading).
/// The tables and columns mean what the SQLite store's do (StateSQLite/StateSchema.swift), so that
/// `vccctl state migrate` copies one into the other; the format version follows the SQLite file's.
enum PostgresSchema {
    /// The format this vccctl writes and the newest it reads; kept in `meta.format_version`.
    static let formatVersion = 2

    /// Which migrations ran, by number: the table that makes a schema a vccctl state.
    static let migrationsTable = "vccctl_migrations"
    /// The tables vccctl makes; one of them without `migrationsTable` is someone else's.
    static let tables = ["meta", "resource", "apply_history", "apply_outcome", "state_lock", "attestation", "journal"]

    static let migrations: [(number: Int, sql: String)] = [
        (1, """
            -- One row: what the state is. No row: the state was never initialized.
            CREATE TABLE meta (
                id integer PRIMARY KEY CHECK (id = 1),
                lineage text NOT NULL,
                serial bigint NOT NULL,
                fingerprint_salt bytea NOT NULL,
                created_at double precision NOT NULL,
                format_version integer NOT NULL
            );
            -- One row per applied resource, in typed columns, as in the SQLite store.
            -- Bytewise address order (COLLATE "C"), whatever the database's collation: a state
            -- read in key order is then in location order, and needs no sort.
            CREATE TABLE resource (
                address text COLLATE "C" PRIMARY KEY,
                kind text NOT NULL CHECK (kind IN ('setting', 'secret', 'link')),
                org text,
                location_kind text CHECK (location_kind IN ('org', 'profile', 'user')),
                name text NOT NULL,
                account_key text,
                record_id text,
                owner_id text,
                fingerprint text,
                link_org text,
                link_api_user text,
                CHECK (kind <> 'setting' OR (org IS NOT NULL AND location_kind IS NOT NULL
                    AND account_key IS NOT NULL AND record_id IS NOT NULL AND owner_id IS NOT NULL)),
                CHECK (kind <> 'secret' OR (org IS NOT NULL AND fingerprint IS NOT NULL))
            );
            -- Every apply; position orders applies started in the same second.
            CREATE TABLE apply_history (
                id text PRIMARY KEY,
                position bigint GENERATED ALWAYS AS IDENTITY,
                kind text NOT NULL DEFAULT 'apply' CHECK (kind IN ('apply', 'confirm')),
                who text NOT NULL,
                host text NOT NULL,
                started_at double precision NOT NULL,
                finished_at double precision,
                plan_digest text NOT NULL,
                status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'pending', 'interrupted'))
            );
            CREATE INDEX apply_history_started ON apply_history (started_at, position);
            CREATE INDEX apply_history_running ON apply_history (status) WHERE status = 'running';
            -- Each change's result, in the order it landed.
            CREATE TABLE apply_outcome (
                apply_id text NOT NULL REFERENCES apply_history (id) ON DELETE CASCADE,
                seq bigint NOT NULL,
                address text NOT NULL,
                status text NOT NULL CHECK (status IN ('applied', 'failed', 'pending')),
                code text,
                message text,
                resource_kind text CHECK (resource_kind IN ('setting', 'secret', 'link')),
                account_key text,
                record_id text,
                owner_id text,
                fingerprint text,
                link_org text,
                link_api_user text,
                PRIMARY KEY (apply_id, seq)
            );
            -- At most one row: who holds the state lock. The lock itself is a session advisory lock
            -- (PostgresLockKey); this row names its holder to whoever waits.
            CREATE TABLE state_lock (
                slot integer PRIMARY KEY CHECK (slot = 1),
                id text NOT NULL,
                who text NOT NULL,
                host text NOT NULL,
                pid integer NOT NULL,
                command text NOT NULL,
                run_url text,
                since double precision NOT NULL,
                backend_pid integer NOT NULL
            );
            -- A person's word for a secret or link change done by hand (vccctl confirm).
            CREATE TABLE attestation (
                address text PRIMARY KEY,
                confirmed_by text NOT NULL,
                confirmed_at double precision NOT NULL
            );
            """),
        (2, """
            -- The journal of the batch in flight (WriteIntent): one row at most, written before a
            -- batch is sent, deleted by the commit of its outcomes (as the SQLite store's journal).
            CREATE TABLE journal (
                slot integer PRIMARY KEY CHECK (slot = 1),
                apply_id text NOT NULL,
                writes jsonb NOT NULL
            );
            """),
    ]

    /// A migration's statements, one by one: the extended protocol postgres-nio speaks takes one
    /// statement per query. Statements end with `;` at the end of a line (none holds one inside).
    static func statements(_ sql: String) -> [String] {
        sql.components(separatedBy: ";\n").filter { chunk in
            chunk.split(separator: "\n").contains { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") && !$0.allSatisfy(\.isWhitespace) }
        }
    }

    /// What the schema holds, seen without changing anything.
    enum Found: Equatable {
        /// No migrations table: nothing of vccctl's (or the schema does not exist).
        case empty
        /// A table of vccctl's names without the migrations table.
        case foreign(table: String)
        /// vccctl's, with the migrations it ran.
        case state(applied: [Int])
    }

    static func inspect(_ connection: PostgresConnection, schema: String) async throws -> Found {
        let rows = try await connection.query("""
            SELECT table_name::text FROM information_schema.tables WHERE table_schema = \(schema)
            """, logger: PostgresConnector.logger)
        var names: Set<String> = []
        for try await (name) in rows.decode(String.self) { names.insert(name) }
        guard names.contains(migrationsTable) else {
            if let table = tables.first(where: names.contains) { return .foreign(table: table) }
            return .empty
        }
        var applied: [Int] = []
        let numbers = try await connection.query("SELECT number FROM vccctl_migrations ORDER BY number",
                                                 logger: PostgresConnector.logger)
        for try await (number) in numbers.decode(Int.self) { applied.append(number) }
        return .state(applied: applied)
    }

    /// Refuses a state a newer vccctl wrote: unknown migrations, or a newer format version.
    static func check(_ connection: PostgresConnection, applied: [Int], state: String) async throws {
        let known = Set(migrations.map(\.number))
        let rows = try await connection.query("SELECT format_version FROM meta WHERE id = 1", logger: PostgresConnector.logger)
        for try await (version) in rows.decode(Int.self) where version > formatVersion {
            throw PostgresStateError.newerFormat(state: state, found: version, supported: formatVersion)
        }
        if applied.contains(where: { !known.contains($0) }) {
            throw PostgresStateError.newerFormat(state: state, found: nil, supported: formatVersion)
        }
    }

    /// Creates the schema and runs the missing migrations, in one transaction under a transaction
    /// advisory lock of this schema: when several runners start at once, one migrates and the
    /// others wait for it, then find nothing left to do.
    static func migrate(_ connection: PostgresConnection, url: PostgresStateURL) async throws {
        let logger = PostgresConnector.logger
        let key = PostgresLockKey(schema: url.schema)
        try await PostgresTransaction.run(connection) {
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresLockKey.migrationClass), \(key.object))", logger: logger)
            let exists = try await connection.query("SELECT count(*) FROM pg_namespace WHERE nspname = \(url.schema)", logger: logger)
            var count = 0
            for try await (found) in exists.decode(Int.self) { count = found }
            if count == 0 {
                try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(PostgresConnector.quoted(url.schema))"), logger: logger)
            }
            var applied: [Int] = []
            switch try await inspect(connection, schema: url.schema) {
            case .foreign(let table):
                throw PostgresStateError.notAStateSchema(state: url.description, table: table)
            case .empty:
                try await connection.query("""
                    CREATE TABLE vccctl_migrations (number integer PRIMARY KEY, applied_at double precision NOT NULL)
                    """, logger: logger)
            case .state(let numbers):
                applied = numbers
                try await check(connection, applied: numbers, state: url.description)
            }
            for migration in migrations where !applied.contains(migration.number) {
                for statement in statements(migration.sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("""
                    INSERT INTO vccctl_migrations (number, applied_at) VALUES (\(migration.number), extract(epoch FROM clock_timestamp()))
                    """, logger: logger)
            }
        }
    }
}

/// BEGIN, the body, COMMIT; ROLLBACK when the body throws (the body's error is the one thrown).
enum PostgresTransaction {
    static func run<T>(_ connection: PostgresConnection, isolation: isolated (any Actor)? = #isolation,
                       _ body: () async throws -> T) async throws -> T {
        try await connection.query("BEGIN", logger: PostgresConnector.logger)
        do {
            let result = try await body()
            try await connection.query("COMMIT", logger: PostgresConnector.logger)
            return result
        } catch {
            if !PostgresConnector.isConnectionLoss(error) {
                _ = try? await connection.query("ROLLBACK", logger: PostgresConnector.logger)
            }
            throw error
        }
    }
}

/// The advisory lock keys of one schema: (class, object) pairs, the class telling the state lock
/// from the migration lock, the object a hash of the schema name, so that states in two schemas
/// of one database never block each other.
struct PostgresLockKey {
    static let stateClass: Int32 = 0x7663_6301
    static let migrationClass: Int32 = 0x7663_6302
    let object: Int32

    init(schema: String) {
        // FNV-1a, kept positive so that pg_locks shows the same number (an oid) as was asked for.
        var hash: UInt32 = 2_166_136_261
        for byte in schema.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        object = Int32(bitPattern: hash & 0x7fff_ffff)
    }
}
