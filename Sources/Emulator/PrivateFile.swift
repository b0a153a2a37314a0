import FileSafety

/// Files that hold keys, secrets or tokens, through FileSafety: written owner-only (0600) through
/// a new file in the same directory and a rename, so a reader never sees half a file and the
/// content never exists with wider permissions; never through a symbolic link, never over a
/// device or a FIFO. Read back without following a link, at most 64 KiB.
enum PrivateFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes `contents` to `path`, replacing a regular file there unless `exclusive` (then an
    /// existing file is an error). Missing directories are created with mode 0700.
    static func write(_ contents: String, to path: String, exclusive: Bool = false) throws(Failure) {
        do {
            if exclusive {
                try FileCreator.createExclusive(path, bytes: Array(contents.utf8), mode: 0o600, atomically: true)
            } else {
                try FileCreator.replace(path, bytes: Array(contents.utf8), mode: 0o600, createDirectories: true)
            }
        } catch {
            throw Failure(description: error.description)
        }
    }

    /// The file's text, or nil when it does not exist.
    static func read(_ path: String) throws(Failure) -> String? {
        do {
            return try FileReader.readIfPresent(path, limit: .privateFile, followSymbolicLinks: false)
                .map { String(decoding: $0, as: UTF8.self) }
        } catch {
            throw Failure(description: error.description)
        }
    }
}
