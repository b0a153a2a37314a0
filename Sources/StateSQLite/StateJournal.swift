import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The write-ahead log (`-wal`) found beside the state file when it is opened.
///
/// SQLite replays every valid frame of a `-wal` into the database it sits beside, whatever
/// database wrote it: the log names no database. A log left by a crash of this state (`kill -9`
/// mid-apply) must be replayed, and one copied in from another database (a restored or copied
/// file, another state) must not. They are told apart by the identity the state keeps: the
/// main file alone, read without its log, holds a lineage and a serial (pinned here); replaying a
/// log of this state can only carry the state forward from there, since the lineage never changes
/// and every write raises the serial. So the state read through the log must have the same
/// lineage, a serial no lower, intact pages (`PRAGMA quick_check`) and still be a whole state
/// file. Anything else is a foreign log, refused before any connection could checkpoint it into
/// the file. (When the main file holds no identity yet, a state created and killed before its
/// first checkpoint, there is nothing to compare: the other checks still apply.)
struct StateJournal {
    let path: String
    /// The identity of the main file without its log; nil without a log (or without an identity).
    private(set) var pinned: StateIdentity?

    init(path: String) {
        self.path = path
        var status = stat()
        // A log holds frames only past its 32-byte header.
        if stat(path + "-wal", &status) == 0, status.st_size > 32 {
            pinned = StateIdentity.inMainFile(path)
        }
    }

    /// Runs `body`, the checks of the state read through the log: when the main file alone is a
    /// state of its own, whatever makes the state read through the log not one is the log's doing.
    func vouching<T>(_ body: () throws -> T) throws -> T {
        guard pinned != nil else { return try body() }
        do {
            return try body()
        } catch let error as StateStoreError {
            switch error {
            case .notAStateFile, .missingIdentity, .emptyFile, .corrupt:
                throw StateStoreError.foreignJournal(path: path, reason: "with it, \(error.summary)")
            default:
                throw error
            }
        } catch let error as DatabaseError where [ResultCode.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            throw StateStoreError.foreignJournal(path: path, reason: "with it, the pages are damaged (\(error.message ?? "corrupt"))")
        }
    }

    /// Compares the state `db` reads through the log with the main file's.
    func verify(_ db: Database, path: String) throws {
        guard let pinned else { return }
        let current = try StateIdentity.current(db, path: path)
        if let reason = Self.mismatch(pinned: pinned, current: current) {
            // The main file is read without locks: a checkpoint of another process writing it at
            // that moment could have torn the read. A second look settles it.
            guard let again = StateIdentity.inMainFile(path), Self.mismatch(pinned: again, current: current) == nil else {
                throw StateStoreError.foreignJournal(path: path, reason: reason)
            }
        }
        let check = try String.fetchAll(db, sql: "PRAGMA quick_check(1)")
        if check != ["ok"] {
            throw StateStoreError.foreignJournal(path: path, reason: "with it, the pages are damaged (\(check.joined(separator: "; ")))")
        }
    }

    private static func mismatch(pinned: StateIdentity, current: StateIdentity?) -> String? {
        guard let current else { return "with it, the state has no lineage, while the file alone has lineage \(pinned.lineage)" }
        if current.lineage != pinned.lineage {
            return "it holds a state of lineage \(current.lineage), while the file alone has lineage \(pinned.lineage)"
        }
        if current.serial < pinned.serial {
            return "it takes the serial back from \(pinned.serial) to \(current.serial)"
        }
        return nil
    }
}
