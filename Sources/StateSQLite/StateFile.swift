import FileSafety
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The state file on disk, checked and (when missing) created through FileSafety before SQLite
/// opens it by name: a regular file, never a symbolic link, a device or a FIFO, with no link
/// among its directories under the current directory nor in place of its `-wal`, `-shm` and
/// `-journal` siblings. A new file is created exclusively with mode 0600 (SQLite gives its
/// siblings the mode of the database file); an existing file's mode is never changed: vccctl
/// changes the mode only of files it creates. No process-wide umask is touched.
enum StateFile {
    static let mode: mode_t = 0o600

    /// Checks the file, and creates it (with its missing directories, mode 0700) when `creating`.
    /// - Returns: false when it does not exist and `creating` is false.
    static func prepare(_ path: String, creating: Bool) throws -> Bool {
        do {
            return try FileCreator.prepareDatabase(path, create: creating, mode: mode)
        } catch {
            switch error.problem {
            case .notRegular, .symbolicLink, .symbolicLinkInPath, .notADirectory, .invalidPath:
                throw StateStoreError.unusable(path: path, reason: error.reason)
            default:
                throw creating && error.action == .create ? StateStoreError.cannotCreate(path: path, reason: error.reason)
                    : StateStoreError.cannotOpen(path: path, reason: error.reason)
            }
        }
    }
}
