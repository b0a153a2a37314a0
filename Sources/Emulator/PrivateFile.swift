import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Files that hold keys, secrets or tokens: written owner-only (0600) through a temporary file
/// in the same directory and a rename, so a reader never sees half a file and the content never
/// exists with wider permissions.
enum PrivateFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes `contents` to `path`, replacing it unless `exclusive` (then an existing file is an error).
    static func write(_ contents: String, to path: String, exclusive: Bool = false) throws(Failure) {
        let directory = (path as NSString).deletingLastPathComponent
        let parent = directory.isEmpty ? "." : directory
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure(description: "cannot create directory \(parent): \(error.localizedDescription)")
        }
        if exclusive, FileManager.default.fileExists(atPath: path) {
            throw Failure(description: "\(path) already exists: remove it or name another file")
        }
        let temporary = parent + "/.\((path as NSString).lastPathComponent).\(UInt32.random(in: 0 ... .max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        let bytes = Array(contents.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary)
                throw Failure(description: "cannot write \(temporary): \(reason)")
            }
            written += result
        }
        fsync(descriptor)
        close(descriptor)
        if exclusive {
            // link(2) fails when the target exists: no window in which another writer's file is replaced.
            guard link(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw Failure(description: "cannot create \(path): \(reason)")
            }
            unlink(temporary)
        } else if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(description: "cannot write \(path): \(reason)")
        }
    }

    /// The file's text, or nil when it does not exist.
    static func read(_ path: String) throws(Failure) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "cannot read \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
