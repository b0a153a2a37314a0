import Foundation
import PostgresNIO
import Reconciler
import VCCModel

/// The queries that read state, on the store's connection (inside its transaction, if any).
enum PostgresStateReader {
    static let logger = PostgresConnector.logger

    /// The whole state: meta, every resource in one scan of typed columns, the attestations.
    /// Nil: no meta row.
    static func state(_ connection: PostgresConnection) async throws -> AppliedState? {
        var state: AppliedState?
        let meta = try await connection.query("SELECT lineage, serial, fingerprint_salt FROM meta WHERE id = 1", logger: logger)
        for try await (lineage, serial, salt) in meta.decode((String, Int64, ByteBuffer).self) {
            state = AppliedState(lineage: lineage, serial: serial, fingerprintSalt: Array(salt.readableBytesView))
        }
        guard var state else { return nil }
        // Rows come in address order (the primary key, bytewise: COLLATE "C"), so an org's
        // settings are contiguous and already in location order: each org's table is built from
        // the only copy of its entries, with no sort (as the SQLite store's scan does).
        var org: String?
        var entries: [LocationTable<AppliedSetting>.Entry] = []
        func flush() {
            let taken = entries
            entries = []
            if let org, !taken.isEmpty { state.settings[org] = LocationTable(consume taken) }
        }
        let resources = try await connection.query("""
            SELECT kind, org, location_kind, name, account_key, record_id, owner_id, fingerprint, link_org, link_api_user
            FROM resource ORDER BY address
            """, logger: logger)
        for try await row in resources {
            // Every column is `text`: read as UTF-8 straight from the cells. postgres-nio's
            // generic tuple decoding cost a third of a 100k-resource read.
            var cells = row.makeIterator()
            func text() throws -> String? {
                guard let cell = cells.next() else { throw PostgresRowError("a resource row has too few columns") }
                guard cell.dataType == .text else { throw PostgresRowError("column \(cell.columnName) is not text") }
                return cell.bytes.map { String(buffer: $0) }
            }
            guard let kind = try text() else { throw PostgresRowError("a resource without a kind") }
            let rowOrg = try text(), locationKind = try text()
            guard let name = try text() else { throw PostgresRowError("a resource without a name") }
            let accountKey = try text(), recordId = try text(), ownerId = try text(), fingerprint = try text()
            let linkOrg = try text(), linkAPIUser = try text()
            switch kind {
            case "setting":
                guard let rowOrg, let accountKey, let recordId, let ownerId else {
                    throw PostgresRowError("missing org, account_key, record_id or owner_id of a setting")
                }
                if rowOrg != org {
                    if org != nil { flush() }
                    // Should a schema not sort by address (another collation), merge, never overwrite.
                    if let earlier = state.settings.removeValue(forKey: rowOrg) { entries += earlier.entries }
                    org = rowOrg
                }
                let location: Location
                switch locationKind {
                case "user"?: location = .user(name)
                case "profile"?: location = .profile(name)
                case "org"?: location = .org()
                default: throw PostgresRowError("unknown location kind '\(locationKind ?? "NULL")'")
                }
                entries.append(.init(location, AppliedSetting(accountKey: accountKey, recordId: recordId, ownerId: ownerId)))
            case "secret":
                guard let rowOrg, let fingerprint else { throw PostgresRowError("missing org or fingerprint of a secret") }
                state.accountResources[.secret(org: rowOrg, accountKey: name)] = .secret(fingerprint: TokenFingerprint(hex: fingerprint))
            case "link":
                state.accountResources[.link(accountKey: name)] = .link(org: linkOrg, apiUser: linkAPIUser)
            default:
                throw PostgresRowError("unknown resource kind '\(kind)'")
            }
        }
        flush()
        let attestations = try await connection.query("SELECT address, confirmed_by, confirmed_at FROM attestation", logger: logger)
        for try await (text, by, at) in attestations.decode((String, String, Double).self) {
            guard let address = ResourceAddress(text) else { throw PostgresRowError("unknown attested address '\(text)'") }
            state.attestations[address] = Attestation(by: by, at: at)
        }
        state.intent = try await intent(connection)
        return state
    }

    /// The journal a stopped apply left, if any.
    static func intent(_ connection: PostgresConnection) async throws -> WriteIntent? {
        let rows = try await connection.query("SELECT apply_id, writes::text FROM journal WHERE slot = 1", logger: logger)
        var intent: WriteIntent?
        for try await (applyID, writes) in rows.decode((String, String).self) {
            do {
                intent = WriteIntent(applyID: applyID, writes: try JSONDecoder().decode([IntendedWrite].self, from: Data(writes.utf8)))
            } catch {
                throw PostgresRowError("unreadable journal: \(error)")
            }
        }
        return intent
    }

    /// The holder row (which may be stale: see `PostgresStateStore.currentLock`).
    static func lock(_ connection: PostgresConnection, forUpdate: Bool) async throws -> LockHolder? {
        let sql = "SELECT id, who, host, pid, command, run_url, since FROM state_lock WHERE slot = 1" + (forUpdate ? " FOR UPDATE" : "")
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        var holder: LockHolder?
        for try await (id, who, host, pid, command, runURL, since) in rows.decode((String, String, String, Int32, String, String?, Double).self) {
            holder = LockHolder(id: id, who: who, host: host, pid: pid, command: command, since: since, runURL: runURL)
        }
        return holder
    }

    /// The newest `limit` applies, newest first, each with its outcomes in the order they landed.
    static func history(_ connection: PostgresConnection, limit: Int) async throws -> [ApplyRecord] {
        var records: [ApplyRecord] = []
        let rows = try await connection.query("""
            SELECT id, who, host, started_at, finished_at, plan_digest, status, kind FROM apply_history
            ORDER BY started_at DESC, position DESC LIMIT \(Int64(min(limit, Int(Int64.max))))
            """, logger: logger)
        for try await (id, who, host, startedAt, finishedAt, digest, statusText, kindText)
            in rows.decode((String, String, String, Double, Double?, String, String, String).self) {
            guard let status = ApplyRecord.Status(rawValue: statusText) else { throw PostgresRowError("unknown apply status '\(statusText)'") }
            guard let kind = ApplyRecord.Kind(rawValue: kindText) else { throw PostgresRowError("unknown history entry kind '\(kindText)'") }
            records.append(ApplyRecord(id: id, kind: kind, who: who, host: host, startedAt: startedAt, finishedAt: finishedAt,
                                       planDigest: digest, status: status))
        }
        if records.isEmpty { return records }
        var outcomes: [String: [ChangeOutcome]] = [:]
        let outcomeRows = try await connection.query("""
            SELECT apply_id, address, status, code, message,
                   resource_kind, account_key, record_id, owner_id, fingerprint, link_org, link_api_user
            FROM apply_outcome WHERE apply_id = ANY(\(records.map(\.id))) ORDER BY apply_id, seq
            """, logger: logger)
        for try await row in outcomeRows.decode((String, String, String, String?, String?, String?, String?, String?, String?,
                                                 String?, String?, String?).self) {
            let (applyID, addressText, statusText, code, message, kind, accountKey, recordId, ownerId, fingerprint, linkOrg, linkAPIUser) = row
            guard let address = ResourceAddress(addressText) else { throw PostgresRowError("unknown resource address '\(addressText)'") }
            guard let status = ChangeOutcome.Status(rawValue: statusText) else { throw PostgresRowError("unknown outcome status '\(statusText)'") }
            let resource = try PostgresResourceColumns.resource(kind: kind, accountKey: accountKey, recordId: recordId, ownerId: ownerId,
                                                                fingerprint: fingerprint, linkOrg: linkOrg, linkAPIUser: linkAPIUser)
            outcomes[applyID, default: []].append(ChangeOutcome(address: address, status: status, resource: resource, code: code, message: message))
        }
        for index in records.indices { records[index].outcomes = outcomes[records[index].id] ?? [] }
        return records
    }
}
