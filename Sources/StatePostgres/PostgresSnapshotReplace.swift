import Foundation
import PostgresNIO
public import Reconciler

extension PostgresStateStore: StateSnapshotReplacing {
    /// Replaces everything with `snapshot` in one transaction, under `lockID`'s lock (`vccctl
    /// state migrate` into this schema).
    public func replace(with snapshot: StateSnapshot, lockID: String) async throws {
        try await writing(lockID: lockID) { connection in
            let logger = PostgresConnector.logger
            try await connection.query("DELETE FROM apply_outcome", logger: logger)
            try await connection.query("DELETE FROM apply_history", logger: logger)
            try await connection.query("DELETE FROM attestation", logger: logger)
            try await connection.query("DELETE FROM resource", logger: logger)
            try await connection.query("DELETE FROM meta", logger: logger)
            try await connection.query("DELETE FROM journal", logger: logger)
            let state = snapshot.state
            try await connection.query("""
                INSERT INTO meta (id, lineage, serial, fingerprint_salt, created_at, format_version)
                VALUES (1, \(state.lineage), \(state.serial), \(Data(state.fingerprintSalt)), extract(epoch FROM clock_timestamp()),
                        \(PostgresSchema.formatVersion))
                """, logger: logger)
            let resources = state.resources.map { PostgresResourceColumns.ResourceRow($0.key, $0.value) }
            try await PostgresStateWriter.insert(resources, connection)
            try await PostgresStateWriter.insert(state.attestations, connection)
            for entry in snapshot.history { try await PostgresStateWriter.begin(entry, connection) }
            if let intent = state.intent { try await PostgresStateWriter.recordIntent(intent, connection) }
        }
    }
}
