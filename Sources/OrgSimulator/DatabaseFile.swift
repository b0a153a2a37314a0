import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates the simulator's database file owner-only before SQLite opens it. SQLite gives its
/// journal and WAL files the mode of the database file, so they are owner-only too.
enum DatabaseFile {
    static let mode: mode_t = 0o600

    static func prepare(path: String) throws {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw SimulatorError.storage("cannot create directory \(parent.path): \(error.localizedDescription)")
        }
        // open(2) with the mode creates the file without a moment of wider permissions.
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw SimulatorError.storage("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        // A file that existed with wider permissions is tightened: it may hold org data.
        let changed = fchmod(descriptor, mode)
        let reason = errno
        close(descriptor)
        guard changed == 0 else {
            throw SimulatorError.storage("cannot set mode 0600 on \(path): \(String(cString: strerror(reason)))")
        }
    }
}
