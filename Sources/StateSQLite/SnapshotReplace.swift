import Foundation
import GRDB
public import Reconciler

extension SQLiteStateStore: StateSnapshotReplacing {
    /// Replaces everything with `snapshot` in one write transaction, under `lockID`'s lock
    /// (`vccctl state migrate` into this file).
    public func replace(with snapshot: StateSnapshot, lockID: String) async throws {
        try await translatingErrors {
            let queue = try openForWriting()
            try await queue.write { db in
                let holder = try StateReader.lock(db)
                guard holder?.id == lockID else { throw StateCommitRefused.notLockHolder(lockID: lockID, holder: holder) }
                try db.execute(sql: """
                    DELETE FROM apply_outcome; DELETE FROM apply_history; DELETE FROM attestation; DELETE FROM resource; DELETE FROM meta; DELETE FROM journal;
                    """)
                let state = snapshot.state
                try db.execute(sql: """
                    INSERT INTO meta (id, lineage, serial, fingerprint_salt, created_at, format_version) VALUES (1, ?, ?, ?, ?, ?)
                    """, arguments: [state.lineage, state.serial, Data(state.fingerprintSalt), Date().timeIntervalSince1970,
                                     StateSchema.formatVersion])
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO resource
                        (address, kind, org, location_kind, name, account_key, record_id, owner_id, fingerprint, link_org, link_api_user)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for (address, resource) in state.resources {
                    let values = ResourceColumns.valueColumns(resource).dropFirst()
                    try insert.execute(arguments: StatementArguments([address.description] + ResourceColumns.addressParts(address) + values))
                }
                for (address, attestation) in state.attestations {
                    try db.execute(sql: "INSERT INTO attestation (address, confirmed_by, confirmed_at) VALUES (?, ?, ?)",
                                   arguments: [address.description, attestation.by, attestation.at])
                }
                for entry in snapshot.history { try StateWriter.begin(entry, db) }
                if let intent = state.intent { try StateWriter.recordIntent(intent, db) }
            }
        }
    }
}
