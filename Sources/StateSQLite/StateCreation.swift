import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates a new state file complete, never half-made: its schema is built in a private file beside
/// it, switched to WAL mode, and published under the state's name with link(2), which never
/// replaces a file that exists. So a file at the state's path is either a whole vccctl state (its
/// tables made, in WAL mode) or not vccctl's at all: a zero-byte or table-less file there was
/// truncated or made by something else, and is refused instead of being taken for a new state.
///
/// It also means processes that create the state at once never meet in a half-made file (where
/// SQLite's rollback-journal locking answers "busy" without waiting): each builds its own, one
/// publishes it, and the others open that one.
enum StateCreation {
    /// Creates the state file at `path` unless a file is there (or appears meanwhile).
    static func create(_ path: String) throws {
        let draft = path + ".creating-" + UUID().uuidString.lowercased()
        // The draft is made the way the state file always was (directory 0700, file 0600).
        _ = try StateFile.prepare(draft, creating: true)
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(draft + suffix) }
        }
        do {
            try build(draft)
        } catch let error as DatabaseError {
            throw StateStoreError.cannotCreate(path: path, reason: error.message ?? "SQLite error \(error.resultCode.rawValue)")
        }
        if link(draft, path) != 0 {
            if errno == EEXIST { return }
            throw StateStoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        // The new name lasts a power cut too.
        let directory = open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }

    /// The schema in rollback-journal mode (each commit lands in the file itself), then WAL mode,
    /// which SQLite records in the file's header. Closing leaves no `-wal` behind: what the draft
    /// holds is all in its one file when it is published.
    private static func build(_ draft: String) throws {
        var configuration = Configuration()
        configuration.label = "vccctl-state-creation"
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let queue = try DatabaseQueue(path: draft, configuration: configuration)
        try StateSchema.migrator.migrate(queue)
        try queue.writeWithoutTransaction { db in
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                throw DatabaseError(message: "could not switch the new state file to WAL mode")
            }
        }
        try queue.close()
        var status = stat()
        if stat(draft + "-wal", &status) == 0 && status.st_size > 0 {
            throw DatabaseError(message: "the new state file kept a write-ahead log")
        }
    }
}
