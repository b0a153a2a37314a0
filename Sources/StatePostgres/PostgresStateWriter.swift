import Foundation
import PostgresNIO
import Reconciler

/// The statements that change state, inside the transaction the caller opened. Rows travel as
/// one JSON array per statement (`jsonb_to_recordset`), so that a commit of thousands of
/// outcomes is a handful of round trips.
enum PostgresStateWriter {
    static let logger = PostgresConnector.logger

    private static let resourceColumns = "address, kind, org, location_kind, name, account_key, record_id, owner_id, fingerprint, link_org, link_api_user"
    private static let resourceRecord = """
        address text, kind text, org text, location_kind text, name text, account_key text, record_id text, owner_id text,
        fingerprint text, link_org text, link_api_user text
        """
    private static let valueColumns = "resource_kind, account_key, record_id, owner_id, fingerprint, link_org, link_api_user"

    /// Checks the serial, applies `outcomes` to the resources, appends them to the apply's
    /// outcomes and bumps the serial by one. An empty list changes nothing and returns the serial.
    static func commit(_ outcomes: [ChangeOutcome], applyID: String, expected: Int64, _ connection: PostgresConnection,
                       state: String) async throws -> Int64 {
        guard let serial = try await checkSerial(expected, connection) else { throw PostgresStateError.notInitialized(state: state) }
        if outcomes.isEmpty { return serial }
        let known = try await connection.query("SELECT 1 FROM apply_history WHERE id = \(applyID)", logger: logger)
        var exists = false
        for try await _ in known { exists = true }
        guard exists else { throw PostgresStateError.unknownApply(id: applyID) }

        // Outcomes apply in order; what counts is the last one for each address.
        var upserts: [String: PostgresResourceColumns.ResourceRow] = [:]
        var deletes: Set<String> = []
        var attested: [String: Attestation] = [:]
        var unattested: Set<String> = []
        for outcome in outcomes where outcome.status == .applied {
            let address = outcome.address.description
            // Settings are never attested: only secrets and links can carry a person's word.
            if outcome.address.kind != .setting {
                if let attestation = outcome.attestation, outcome.resource != nil {
                    attested[address] = attestation
                    unattested.remove(address)
                } else {
                    attested[address] = nil
                    unattested.insert(address)
                }
            }
            guard let resource = outcome.resource else {
                upserts[address] = nil
                deletes.insert(address)
                continue
            }
            let kind = resource.kind
            guard kind == outcome.address.kind else {
                throw PostgresStateError.server(state: state, message: "the outcome for \(address) carries a \(kind.rawValue) resource; "
                    + "nothing was committed (a vccctl bug: please report it)")
            }
            deletes.remove(address)
            upserts[address] = PostgresResourceColumns.ResourceRow(outcome.address, resource)
        }
        if !deletes.isEmpty {
            try await connection.query("DELETE FROM resource WHERE address = ANY(\(Array(deletes)))", logger: logger)
        }
        try await insert(Array(upserts.values), connection)
        if !unattested.isEmpty {
            try await connection.query("DELETE FROM attestation WHERE address = ANY(\(Array(unattested)))", logger: logger)
        }
        try await insert(attested, connection)
        try await append(outcomes, applyID: applyID, connection)
        // The batch the journal announced is committed (or a later run recorded what it found).
        try await connection.query("DELETE FROM journal", logger: logger)
        try await connection.query("UPDATE meta SET serial = serial + 1 WHERE id = 1", logger: logger)
        return serial + 1
    }

    /// The serial, locked until the transaction ends, when it is `expected` (nil: no state yet).
    /// - Throws: `StateCommitRefused.serialMoved` when another run wrote in between.
    static func checkSerial(_ expected: Int64, _ connection: PostgresConnection) async throws -> Int64? {
        var serial: Int64?
        let meta = try await connection.query("SELECT serial FROM meta WHERE id = 1 FOR UPDATE", logger: logger)
        for try await (found) in meta.decode(Int64.self) { serial = found }
        if let serial, serial != expected { throw StateCommitRefused.serialMoved(expected: expected, found: serial) }
        return serial
    }

    /// Replaces the journal with `intent`.
    static func recordIntent(_ intent: WriteIntent, _ connection: PostgresConnection) async throws {
        let writes = String(decoding: try JSONEncoder().encode(intent.writes), as: UTF8.self)
        try await connection.query("""
            INSERT INTO journal (slot, apply_id, writes) VALUES (1, \(intent.applyID), \(writes)::jsonb)
            ON CONFLICT (slot) DO UPDATE SET apply_id = EXCLUDED.apply_id, writes = EXCLUDED.writes
            """, logger: logger)
    }

    /// Inserts (or replaces) resources, in one statement.
    static func insert(_ rows: [PostgresResourceColumns.ResourceRow], _ connection: PostgresConnection) async throws {
        if rows.isEmpty { return }
        try await connection.query(PostgresQuery(unsafeSQL: """
            INSERT INTO resource (\(resourceColumns))
            SELECT \(resourceColumns) FROM jsonb_to_recordset($1::jsonb) AS r(\(resourceRecord))
            ON CONFLICT (address) DO UPDATE SET kind = EXCLUDED.kind, org = EXCLUDED.org, location_kind = EXCLUDED.location_kind,
                name = EXCLUDED.name, account_key = EXCLUDED.account_key, record_id = EXCLUDED.record_id,
                owner_id = EXCLUDED.owner_id, fingerprint = EXCLUDED.fingerprint, link_org = EXCLUDED.link_org,
                link_api_user = EXCLUDED.link_api_user
            """, binds: try json(rows)), logger: logger)
    }

    /// Inserts (or replaces) attestations, by address, in one statement.
    static func insert(_ attestations: [String: Attestation], _ connection: PostgresConnection) async throws {
        if attestations.isEmpty { return }
        let rows = attestations.map { AttestationRow(address: $0.key, confirmed_by: $0.value.by, confirmed_at: $0.value.at) }
        try await connection.query(PostgresQuery(unsafeSQL: """
            INSERT INTO attestation (address, confirmed_by, confirmed_at)
            SELECT address, confirmed_by, confirmed_at
            FROM jsonb_to_recordset($1::jsonb) AS r(address text, confirmed_by text, confirmed_at double precision)
            ON CONFLICT (address) DO UPDATE SET confirmed_by = EXCLUDED.confirmed_by, confirmed_at = EXCLUDED.confirmed_at
            """, binds: try json(rows)), logger: logger)
    }

    static func insert(_ attestations: [ResourceAddress: Attestation], _ connection: PostgresConnection) async throws {
        try await insert(Dictionary(uniqueKeysWithValues: attestations.map { ($0.key.description, $0.value) }), connection)
    }

    /// Opens an entry of the history (with the outcomes it already carries, if any).
    static func begin(_ entry: ApplyRecord, _ connection: PostgresConnection) async throws {
        try await connection.query("""
            INSERT INTO apply_history (id, kind, who, host, started_at, finished_at, plan_digest, status)
            VALUES (\(entry.id), \(entry.kind.rawValue), \(entry.who), \(entry.host), \(entry.startedAt), \(entry.finishedAt),
                    \(entry.planDigest), \(entry.status.rawValue))
            """, logger: logger)
        try await append(entry.outcomes, applyID: entry.id, connection)
    }

    /// Marks every apply still `running` `interrupted`, finished now (when it was found). Only
    /// for the moment the lock is taken from free or freed (see the SQLite store's writer).
    static func interruptRunningApplies(_ connection: PostgresConnection) async throws {
        try await connection.query("""
            UPDATE apply_history SET status = 'interrupted', finished_at = extract(epoch FROM clock_timestamp())
            WHERE status = 'running'
            """, logger: logger)
    }

    /// Appends outcomes after the apply's last one.
    private static func append(_ outcomes: [ChangeOutcome], applyID: String, _ connection: PostgresConnection) async throws {
        if outcomes.isEmpty { return }
        var last: Int64 = 0
        let rows = try await connection.query("SELECT coalesce(max(seq), 0) FROM apply_outcome WHERE apply_id = \(applyID)", logger: logger)
        for try await (found) in rows.decode(Int64.self) { last = found }
        let records = outcomes.enumerated().map { index, outcome in
            OutcomeRow(seq: last + Int64(index) + 1, address: outcome.address.description, status: outcome.status.rawValue,
                       code: outcome.code, message: outcome.message, values: PostgresResourceColumns.Values(outcome.resource))
        }
        var binds = try json(records)
        binds.append(applyID)
        try await connection.query(PostgresQuery(unsafeSQL: """
            INSERT INTO apply_outcome (apply_id, seq, address, status, code, message, \(valueColumns))
            SELECT $2, seq, address, status, code, message, \(valueColumns)
            FROM jsonb_to_recordset($1::jsonb) AS r(seq bigint, address text, status text, code text, message text,
                resource_kind text, account_key text, record_id text, owner_id text, fingerprint text, link_org text, link_api_user text)
            """, binds: binds), logger: logger)
    }

    private static func json<Row: Encodable>(_ rows: [Row]) throws -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(String(decoding: try JSONEncoder().encode(rows), as: UTF8.self))
        return binds
    }

    private struct AttestationRow: Encodable {
        var address: String
        var confirmed_by: String
        var confirmed_at: Double
    }

    private struct OutcomeRow: Encodable {
        var seq: Int64
        var address: String
        var status: String
        var code: String?
        var message: String?
        var values: PostgresResourceColumns.Values

        enum CodingKeys: String, CodingKey { case seq, address, status, code, message }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(seq, forKey: .seq)
            try container.encode(address, forKey: .address)
            try container.encode(status, forKey: .status)
            try container.encodeIfPresent(code, forKey: .code)
            try container.encodeIfPresent(message, forKey: .message)
            try values.encode(to: encoder)
        }
    }
}
