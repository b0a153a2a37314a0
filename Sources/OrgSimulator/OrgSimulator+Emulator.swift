import Foundation
import GRDB

/// What the HTTP emulator needs beyond the embedded target's operations: one transaction per
/// request, sessions kept in the database (so another process can end them), and metering per
/// HTTP request against a daily allowance per org.
extension OrgSimulator {
    /// Runs `body` in one read transaction. Errors `body` throws pass through unchanged (the
    /// emulator throws its HTTP answers); database failures become `SimulatorError.storage`.
    public func reading<T>(_ body: (OrgAccess) throws -> T) throws -> T {
        let now = nowMilliseconds
        do {
            return try queue.read { db in try body(OrgAccess(db: db, now: now)) }
        } catch let error as DatabaseError {
            throw SimulatorFileCheck.translate(error, path: path)
        }
    }

    /// Runs `body` in one write transaction: everything it wrote lands together, or nothing when
    /// it throws or sets `rollbackRequested`. Nothing here is metered.
    public func writing<T>(_ body: (OrgAccess) throws -> T) throws -> T {
        let now = nowMilliseconds
        do {
            return try queue.writeWithoutTransaction { db in
                let access = OrgAccess(db: db, now: now)
                var result: T?
                try db.inTransaction {
                    result = try body(access)
                    return access.rollbackRequested ? .rollback : .commit
                }
                guard let result else { throw SimulatorError.storage("the transaction ended without a result") }
                return result
            }
        } catch let error as DatabaseError {
            throw SimulatorFileCheck.translate(error, path: path)
        }
    }

    /// Records a session issued for `userId` of `org` under the SHA-256 of its access token.
    public func createSession(tokenHash: Data, org: String, userId: String, allPermissions: Bool) throws -> Date {
        try write { db in
            _ = try Tables.requireOrg(db, named: org)
            try db.execute(
                sql: "INSERT INTO session (tokenHash, org, userId, issuedAt, allPermissions) VALUES (?, ?, ?, ?, ?)",
                arguments: [tokenHash, org, userId, nowMilliseconds, allPermissions])
            return now
        }
    }

    /// The live session with this token hash; nil when unknown or revoked.
    public func session(tokenHash: Data) throws -> EmulatorSession? {
        try read { db in
            guard let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT org, userId, issuedAt, allPermissions FROM session WHERE tokenHash = ? AND NOT revoked"),
                arguments: [tokenHash])
            else { return nil }
            return EmulatorSession(
                org: try row.decode(String.self, atIndex: 0), userId: try row.decode(String.self, atIndex: 1),
                issuedAt: Timestamp.date(try row.decode(Int64.self, atIndex: 2)),
                allPermissions: try row.decode(Bool.self, atIndex: 3))
        }
    }

    /// Revokes every live session (of one org, or all): their next call answers 401
    /// `INVALID_SESSION_ID`. Returns how many were live.
    @discardableResult
    public func expireSessions(org: String? = nil) throws -> Int {
        try write { db in
            if let org {
                _ = try Tables.requireOrg(db, named: org)
                try db.execute(sql: "UPDATE session SET revoked = 1 WHERE org = ? AND NOT revoked", arguments: [org])
            } else {
                try db.execute(sql: "UPDATE session SET revoked = 1 WHERE NOT revoked")
            }
            return db.changesCount
        }
    }

    /// Counts one API call against `org` if its daily allowance has room; a refused call is not
    /// counted (Salesforce answers it `REQUEST_LIMIT_EXCEEDED` without spending anything).
    public func meterAPICall(org: String) throws -> APIMeterReading {
        try write { db in
            _ = try Tables.requireOrg(db, named: org)
            try db.execute(sql: "INSERT OR IGNORE INTO api_usage (org, calls) VALUES (?, 0)", arguments: [org])
            try db.cachedStatement(sql: "UPDATE api_usage SET calls = calls + 1 WHERE org = ? AND calls < dailyLimit")
                .execute(arguments: [org])
            let admitted = db.changesCount == 1
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT calls, dailyLimit FROM api_usage WHERE org = ?"), arguments: [org])
            return APIMeterReading(
                admitted: admitted, used: try row?.decode(Int.self, atIndex: 0) ?? 0,
                max: try row?.decode(Int.self, atIndex: 1) ?? 0)
        }
    }

    /// Used and allowed API calls of every org, by org name.
    public func apiUsageReport() throws -> [APIUsage] {
        try read { db in
            try Tables.allOrgs(db).map { org in
                let row = try Row.fetchOne(
                    db, sql: "SELECT calls, dailyLimit FROM api_usage WHERE org = ?", arguments: [org.name])
                return APIUsage(
                    org: org.name, used: try row?.decode(Int.self, atIndex: 0) ?? 0,
                    max: try row?.decode(Int.self, atIndex: 1) ?? 15000)
            }
        }
    }

    /// Sets the daily API allowance of one org, or of every org when `org` is nil.
    public func setDailyAPILimit(_ max: Int, org: String? = nil) throws {
        guard max >= 0 else { throw SimulatorError.storage("a daily API limit cannot be negative") }
        try write { db in
            let names = try org.map { [try Tables.requireOrg(db, named: $0).name] } ?? Tables.allOrgs(db).map(\.name)
            for name in names {
                try db.execute(sql: """
                    INSERT INTO api_usage (org, calls, dailyLimit) VALUES (?, 0, ?)
                    ON CONFLICT (org) DO UPDATE SET dailyLimit = excluded.dailyLimit
                    """, arguments: [name, max])
            }
        }
    }

    /// Sets the used count of one org, or of every org, back to zero (a new day).
    public func resetAPIUsage(org: String? = nil) throws {
        try write { db in
            if let org {
                _ = try Tables.requireOrg(db, named: org)
                try db.execute(sql: "UPDATE api_usage SET calls = 0 WHERE org = ?", arguments: [org])
            } else {
                try db.execute(sql: "UPDATE api_usage SET calls = 0")
            }
        }
    }
}
