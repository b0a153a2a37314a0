import Foundation
import GRDB
import GRDBSQLite

/// What makes a state file this state: its meta row (lineage and serial). A state without one may
/// only be exactly empty (what `StateCreation` makes, perhaps already locked by the run that is
/// about to initialize it); one that holds resources or history but lost its identity is refused,
/// never given a new lineage over what it holds.
struct StateIdentity: Equatable {
    var lineage: String
    var serial: Int64

    /// The tables whose rows only an initialized state has. (The lock may be taken before the
    /// state is initialized: the lock table does not count.)
    static let contentTables = ["resource", "apply_history", "apply_outcome", "apply_outcome_batch", "attestation"]

    /// The identity as `db` sees it. Throws `missingIdentity` when the meta row is gone while the
    /// state holds something; nil for an exactly empty state.
    static func current(_ db: Database, path: String) throws -> StateIdentity? {
        if let row = try Row.fetchOne(db, sql: "SELECT lineage, serial FROM meta WHERE id = 1") {
            return StateIdentity(lineage: try row.decode(atIndex: 0), serial: try row.decode(atIndex: 1))
        }
        let present = try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        for table in contentTables where present.contains(table) {
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table))") == true {
                throw StateStoreError.missingIdentity(path: path)
            }
        }
        return nil
    }

    /// The identity the main database file holds by itself, without its write-ahead log: opened
    /// `immutable` (https://www.sqlite.org/uri.html#uriimmutable), so SQLite neither reads the
    /// `-wal` nor takes a lock nor writes anything. Nil when it holds none or cannot be read.
    static func inMainFile(_ path: String) -> StateIdentity? {
        var handle: OpaquePointer?
        defer { sqlite3_close_v2(handle) }
        guard sqlite3_open_v2(uri(path) + "?immutable=1", &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nil) == SQLITE_OK
        else { return nil }
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        guard sqlite3_prepare_v2(handle, "SELECT lineage, serial FROM meta WHERE id = 1", -1, &statement, nil) == SQLITE_OK,
              sqlite3_step(statement) == SQLITE_ROW, let text = sqlite3_column_text(statement, 0)
        else { return nil }
        return StateIdentity(lineage: String(cString: text), serial: sqlite3_column_int64(statement, 1))
    }

    /// A `file:` URI naming `path`: every byte but unreserved ones and `/` percent-encoded.
    static func uri(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute)
    }
}
