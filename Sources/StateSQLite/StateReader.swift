import Foundation
import GRDB
import Reconciler

/// The queries that read state, inside a transaction the caller opened.
enum StateReader {
    /// The whole state: meta, then every resource in one scan of typed columns. Nil: no meta row.
    static func state(_ db: Database) throws -> AppliedState? {
        guard let meta = try Row.fetchOne(db, sql: "SELECT lineage, serial, fingerprint_salt FROM meta WHERE id = 1") else {
            return nil
        }
        let salt: Data = try meta.decode(atIndex: 2)
        var state = AppliedState(lineage: try meta.decode(atIndex: 0), serial: try meta.decode(atIndex: 1),
                                 fingerprintSalt: Array(salt))
        let resources = try ResourceScan.resources(db)
        state.settings = resources.settings
        state.accountResources = resources.accountResources
        for row in try Row.fetchAll(db, sql: "SELECT address, confirmed_by, confirmed_at FROM attestation") {
            let text: String = try row.decode(atIndex: 0)
            guard let address = ResourceAddress(text) else { throw ResourceColumnsError.unknown("attested address", text) }
            state.attestations[address] = Attestation(by: try row.decode(atIndex: 1), at: try row.decode(atIndex: 2))
        }
        state.intent = try intent(db)
        return state
    }

    /// The journal a stopped apply left, if any.
    static func intent(_ db: Database) throws -> WriteIntent? {
        guard let row = try Row.fetchOne(db, sql: "SELECT apply_id, writes FROM journal WHERE slot = 1") else { return nil }
        let writes: Data = try row.decode(atIndex: 1)
        do {
            return WriteIntent(applyID: try row.decode(atIndex: 0), writes: try JSONDecoder().decode([IntendedWrite].self, from: writes))
        } catch {
            throw ResourceColumnsError.unknown("journal", "\(error)")
        }
    }

    static func lock(_ db: Database) throws -> LockHolder? {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, who, host, pid, command, since FROM lock WHERE slot = 1") else {
            return nil
        }
        return LockHolder(id: try row.decode(atIndex: 0), who: try row.decode(atIndex: 1), host: try row.decode(atIndex: 2),
                          pid: try row.decode(atIndex: 3), command: try row.decode(atIndex: 4), since: try row.decode(atIndex: 5))
    }

    /// The newest `limit` applies, newest first, each with its outcomes in the order they landed.
    static func history(_ db: Database, limit: Int) throws -> [ApplyRecord] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, who, host, started_at, finished_at, plan_digest, status, kind FROM apply_history
            ORDER BY started_at DESC, rowid DESC LIMIT ?
            """, arguments: [limit])
        // Outcomes written one per row (before `state-v4-outcome-batches`) and in batches, merged
        // in the order they landed.
        let outcomes = try db.cachedStatement(sql: """
            SELECT seq, address, status, code, message,
                   resource_kind, account_key, record_id, owner_id, fingerprint, link_org, link_api_user
            FROM apply_outcome WHERE apply_id = ? ORDER BY seq
            """)
        let batches = try db.cachedStatement(sql: """
            SELECT first_seq, outcomes FROM apply_outcome_batch WHERE apply_id = ? ORDER BY first_seq
            """)
        return try rows.map { row in
            let id: String = try row.decode(atIndex: 0)
            let statusText: String = try row.decode(atIndex: 6)
            guard let status = ApplyRecord.Status(rawValue: statusText) else {
                throw ResourceColumnsError.unknown("apply status", statusText)
            }
            let kindText: String = try row.decode(atIndex: 7)
            guard let kind = ApplyRecord.Kind(rawValue: kindText) else {
                throw ResourceColumnsError.unknown("history entry kind", kindText)
            }
            var record = ApplyRecord(id: id, kind: kind, who: try row.decode(atIndex: 1), host: try row.decode(atIndex: 2),
                                     startedAt: try row.decode(atIndex: 3), finishedAt: try row.decode(atIndex: 4),
                                     planDigest: try row.decode(atIndex: 5), status: status)
            var landed: [(seq: Int64, outcomes: [ChangeOutcome])] = []
            let cursor = try Row.fetchCursor(outcomes, arguments: [id])
            while let outcome = try cursor.next() {
                landed.append((try outcome.decode(Int64.self, atIndex: 0), [try self.outcome(outcome)]))
            }
            let batchCursor = try Row.fetchCursor(batches, arguments: [id])
            while let batch = try batchCursor.next() {
                landed.append((try batch.decode(Int64.self, atIndex: 0), try OutcomeBatchCoding.decode(try batch.decode(Data.self, atIndex: 1))))
            }
            record.outcomes = landed.sorted { $0.seq < $1.seq }.flatMap(\.outcomes)
            return record
        }
    }

    /// An `apply_outcome` row: `seq`, then the columns.
    private static func outcome(_ row: Row) throws -> ChangeOutcome {
        let addressText: String = try row.decode(atIndex: 1)
        guard let address = ResourceAddress(addressText) else {
            throw ResourceColumnsError.unknown("resource address", addressText)
        }
        let statusText: String = try row.decode(atIndex: 2)
        guard let status = ChangeOutcome.Status(rawValue: statusText) else {
            throw ResourceColumnsError.unknown("outcome status", statusText)
        }
        return ChangeOutcome(address: address, status: status, resource: try ResourceColumns.resource(row, at: 5),
                             code: try row.decode(atIndex: 3), message: try row.decode(atIndex: 4))
    }
}
