import GRDB
import GRDBSQLite
import Reconciler
import VCCModel

/// Reads the whole `resource` table in one scan, straight from SQLite's column buffers: no row
/// objects, no kind strings (kinds are matched as bytes), the dictionary sized once from a count.
/// This is the hot path of every plan; on the benchmark machine it costs about as much as building
/// the Swift values themselves (see Tests/StateSQLiteTests/StateLoadBenchmark.swift).
enum ResourceScan {
    static let sql = """
        SELECT kind, org, location_kind, name, account_key, record_id, owner_id, fingerprint, link_org, link_api_user
        FROM resource
        """

    static func resources(_ db: Database) throws -> [ResourceAddress: AppliedResource] {
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM resource") ?? 0
        var resources: [ResourceAddress: AppliedResource] = [:]
        resources.reserveCapacity(count)
        let statement = try db.makeStatement(sql: sql)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                    sql: sql)
            }
            let (address, resource) = try row(handle)
            resources[address] = resource
        }
        return resources
    }

    @inline(__always)
    private static func row(_ handle: OpaquePointer) throws -> (ResourceAddress, AppliedResource) {
        if matches(handle, 0, "setting") {
            guard let org = text(handle, 1), let name = text(handle, 3), let accountKey = text(handle, 4),
                  let recordId = text(handle, 5), let ownerId = text(handle, 6) else {
                throw ResourceColumnsError.missing("org, name, account_key, record_id or owner_id of a setting")
            }
            let location: Location
            if matches(handle, 2, "user") {
                location = .user(name)
            } else if matches(handle, 2, "profile") {
                location = .profile(name)
            } else if matches(handle, 2, "org") {
                location = .org()
            } else {
                throw ResourceColumnsError.unknown("location kind", text(handle, 2) ?? "NULL")
            }
            return (.setting(org: org, location: location), .setting(accountKey: accountKey, recordId: recordId, ownerId: ownerId))
        }
        if matches(handle, 0, "secret") {
            guard let org = text(handle, 1), let accountKey = text(handle, 3), let hex = text(handle, 7) else {
                throw ResourceColumnsError.missing("org, name or fingerprint of a secret")
            }
            return (.secret(org: org, accountKey: accountKey), .secret(fingerprint: TokenFingerprint(hex: hex)))
        }
        if matches(handle, 0, "link") {
            guard let accountKey = text(handle, 3) else { throw ResourceColumnsError.missing("name of a link") }
            return (.link(accountKey: accountKey), .link(org: text(handle, 8), apiUser: text(handle, 9)))
        }
        throw ResourceColumnsError.unknown("resource kind", text(handle, 0) ?? "NULL")
    }

    /// The column as text; nil for NULL.
    @inline(__always)
    private static func text(_ handle: OpaquePointer, _ column: Int32) -> String? {
        if sqlite3_column_type(handle, column) == SQLITE_NULL { return nil }
        // Text first, then its length: the documented order (the pointer stays valid).
        guard let bytes = sqlite3_column_text(handle, column) else { return "" }
        let length = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
    }

    /// Whether the column holds exactly `word` (ASCII), without making a String.
    @inline(__always)
    private static func matches(_ handle: OpaquePointer, _ column: Int32, _ word: StaticString) -> Bool {
        guard let bytes = sqlite3_column_text(handle, column),
              Int(sqlite3_column_bytes(handle, column)) == word.utf8CodeUnitCount else { return false }
        let expected = word.utf8Start
        for index in 0..<word.utf8CodeUnitCount where bytes[index] != expected[index] { return false }
        return true
    }
}
