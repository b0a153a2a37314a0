import GRDB
import GRDBSQLite
import Reconciler
import VCCModel

/// Reads the whole `resource` table in one scan, straight from SQLite's column buffers: no row
/// objects, no kind strings (kinds are matched as bytes). Settings go into one sorted table per org
/// (the primary key keeps an org's rows together and nearly in location order, so sorting them is
/// cheap); secrets and links into a small dictionary. This is the hot path of every plan.
enum ResourceScan {
    static let sql = """
        SELECT kind, org, location_kind, name, account_key, record_id, owner_id, fingerprint, link_org, link_api_user
        FROM resource
        """

    struct Resources {
        var settings: [String: LocationTable<AppliedSetting>] = [:]
        var accountResources: [ResourceAddress: AppliedResource] = [:]
    }

    static func resources(_ db: Database) throws -> Resources {
        var result = Resources()
        var org: String?
        var entries: [LocationTable<AppliedSetting>.Entry] = []
        // Nearly every resource is a setting: sized once (a bare count is a b-tree count, not a
        // scan), since growing by doubling keeps the old buffer and the new one at peak.
        entries.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM resource") ?? 0)
        func flush() {
            // Handed over as the only copy, so that the table sorts it in place.
            let taken = entries
            entries = []
            if let org, !taken.isEmpty { result.settings[org] = LocationTable(consume taken) }
        }
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
            if matches(handle, 0, "setting") {
                guard let rowOrg = text(handle, 1) else { throw ResourceColumnsError.missing("org of a setting") }
                if rowOrg != org {
                    if org != nil { flush() }
                    // Rows of one org are contiguous (the address starts with it); should a damaged
                    // file interleave them, merge rather than overwrite.
                    if let earlier = result.settings.removeValue(forKey: rowOrg) { entries += earlier.entries }
                    org = rowOrg
                }
                entries.append(try setting(handle))
            } else {
                let (address, resource) = try accountResource(handle)
                result.accountResources[address] = resource
            }
        }
        flush()
        return result
    }

    @inline(__always)
    private static func setting(_ handle: OpaquePointer) throws -> LocationTable<AppliedSetting>.Entry {
        guard let name = text(handle, 3), let accountKey = text(handle, 4), let recordId = text(handle, 5),
              let ownerId = text(handle, 6) else {
            throw ResourceColumnsError.missing("name, account_key, record_id or owner_id of a setting")
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
        return .init(location, AppliedSetting(accountKey: accountKey, recordId: recordId, ownerId: ownerId))
    }

    private static func accountResource(_ handle: OpaquePointer) throws -> (ResourceAddress, AppliedResource) {
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
