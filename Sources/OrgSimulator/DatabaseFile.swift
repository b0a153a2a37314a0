import FileSafety
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The simulator's database file, checked and (when missing) created through FileSafety before
/// SQLite opens it by name: a regular file, not a symbolic link (a dangling `.vccctl/org.sqlite`
/// link is refused, not followed to create a file elsewhere), no link among its directories
/// under the current directory. A new file is created exclusively, owner-only (SQLite gives its
/// journal and WAL files the mode of the database file); an existing file's mode is left alone.
enum DatabaseFile {
    static let mode: mode_t = 0o600

    static func prepare(path: String) throws {
        do {
            try FileCreator.prepareDatabase(path, create: true, mode: mode)
        } catch {
            throw SimulatorError.storage(error.summary + "; " + error.advice)
        }
    }
}
