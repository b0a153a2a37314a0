import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The state file on disk: created owner-only before SQLite opens it. SQLite gives the `-wal` and
/// `-shm` files it creates the mode of the database file, so they are owner-only too; existing ones
/// are tightened as well. No process-wide umask is touched (other threads may be creating files).
enum StateFile {
    static let mode: mode_t = 0o600
    static let directoryMode: Int = 0o700

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Creates the parent directory (mode 0700 for the directories it creates) and the file
    /// (mode 0600), or tightens an existing file to 0600.
    static func prepare(_ path: String) throws {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: parent) {
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: directoryMode])
            } catch {
                throw StateStoreError.cannotCreate(path: path, reason: "cannot create directory \(parent): \(error.localizedDescription)")
            }
        }
        // open(2) with the mode creates the file without a moment of wider permissions.
        let existed = exists(path)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw existed ? StateStoreError.cannotOpen(path: path, reason: reason)
                : StateStoreError.cannotCreate(path: path, reason: reason)
        }
        defer { close(descriptor) }
        // A file that existed with wider permissions is tightened when it is ours to change; a
        // file just created must end up 0600 whatever the umask did.
        if fchmod(descriptor, mode) != 0 && !existed {
            throw StateStoreError.cannotCreate(path: path, reason: "cannot set mode 0600: \(String(cString: strerror(errno)))")
        }
    }

    /// Tightens the `-wal` and `-shm` siblings that exist (created by an older tool or by hand).
    static func tightenSiblings(_ path: String) {
        for suffix in ["-wal", "-shm", "-journal"] where exists(path + suffix) {
            _ = chmod(path + suffix, mode)
        }
    }
}
