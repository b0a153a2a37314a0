import Foundation
import GRDB
import Reconciler

/// The statements that change state, inside the write transaction the caller opened.
enum StateWriter {
    /// Applies `outcomes` to the resources, appends them to the apply's outcomes and bumps the
    /// serial by one, all in the caller's transaction: either everything lands or nothing does.
    /// An empty list changes nothing and returns the current serial.
    static func commit(_ outcomes: [ChangeOutcome], applyID: String, _ db: Database, path: String) throws -> Int64 {
        guard let serial = try Int64.fetchOne(db, sql: "SELECT serial FROM meta WHERE id = 1") else {
            throw StateStoreError.notInitialized(path: path)
        }
        if outcomes.isEmpty { return serial }
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM apply_history WHERE id = ?)",
                                arguments: [applyID]) == true else {
            throw StateStoreError.unknownApply(id: applyID)
        }
        let upsert = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO resource
                (address, kind, org, location_kind, name, account_key, record_id, owner_id, fingerprint, link_org, link_api_user)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let delete = try db.cachedStatement(sql: "DELETE FROM resource WHERE address = ?")
        let attest = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO attestation (address, confirmed_by, confirmed_at) VALUES (?, ?, ?)
            """)
        let unattest = try db.cachedStatement(sql: "DELETE FROM attestation WHERE address = ?")
        for outcome in outcomes where outcome.status == .applied {
            let address = outcome.address.description
            // Settings are never attested: only secrets and links can carry a person's word.
            if outcome.address.kind != .setting {
                if let attestation = outcome.attestation, outcome.resource != nil {
                    try attest.execute(arguments: [address, attestation.by, attestation.at])
                } else {
                    try unattest.execute(arguments: [address])
                }
            }
            guard let resource = outcome.resource else {
                try delete.execute(arguments: [address])
                continue
            }
            guard resource.kind == outcome.address.kind else {
                throw StateStoreError.storage(path: path, message: "the outcome for \(address) carries a "
                    + "\(resource.kind.rawValue) resource; nothing was committed (a vccctl bug: please report it)")
            }
            let values = ResourceColumns.valueColumns(resource).dropFirst()
            try upsert.execute(arguments: StatementArguments([address] + ResourceColumns.addressParts(outcome.address) + values))
        }
        try append(outcomes, applyID: applyID, db)
        // The batch the journal announced is committed (or a later run recorded what it found).
        try db.execute(sql: "DELETE FROM journal")
        try db.execute(sql: "UPDATE meta SET serial = serial + 1 WHERE id = 1")
        return serial + 1
    }

    /// Replaces the journal with `intent`.
    static func recordIntent(_ intent: WriteIntent, _ db: Database) throws {
        let writes = try JSONEncoder().encode(intent.writes)
        try db.execute(sql: "INSERT OR REPLACE INTO journal (slot, apply_id, writes) VALUES (1, ?, ?)",
                       arguments: [intent.applyID, writes])
    }

    /// Opens an entry of the history (with the outcomes it already carries, if any).
    static func begin(_ entry: ApplyRecord, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO apply_history (id, kind, who, host, started_at, finished_at, plan_digest, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [entry.id, entry.kind.rawValue, entry.who, entry.host, entry.startedAt, entry.finishedAt,
                             entry.planDigest, entry.status.rawValue])
        try append(entry.outcomes, applyID: entry.id, db)
    }

    /// Marks every apply still `running` `interrupted`, finished at `now` (when it was found).
    /// Only for the moment the lock is taken from free or freed: applies run under the lock, so
    /// one still running then lost its process to a kill or a crash. What it committed stays.
    static func interruptRunningApplies(at now: Double, _ db: Database) throws {
        try db.execute(sql: "UPDATE apply_history SET status = ?, finished_at = ? WHERE status = ?",
                       arguments: [ApplyRecord.Status.interrupted.rawValue, now, ApplyRecord.Status.running.rawValue])
    }

    /// Appends outcomes after the apply's last one, as one batch (`OutcomeBatchCoding`).
    private static func append(_ outcomes: [ChangeOutcome], applyID: String, _ db: Database) throws {
        if outcomes.isEmpty { return }
        let last = try Int64.fetchOne(db, sql: """
            SELECT max(
                (SELECT coalesce(max(seq), 0) FROM apply_outcome WHERE apply_id = ?1),
                (SELECT coalesce(max(first_seq + outcome_count - 1), 0) FROM apply_outcome_batch WHERE apply_id = ?1))
            """, arguments: [applyID]) ?? 0
        try db.execute(sql: """
            INSERT INTO apply_outcome_batch (apply_id, first_seq, outcome_count, outcomes) VALUES (?, ?, ?, ?)
            """, arguments: [applyID, last + 1, outcomes.count, OutcomeBatchCoding.encode(outcomes)])
    }
}
