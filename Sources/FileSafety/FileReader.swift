#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files that may be hostile: opened without blocking (a FIFO cannot hang the open),
/// checked to be a regular file by `fstat` on the open descriptor (no window between the check
/// and the read), and read up to a limit (a device or a file that grows cannot fill memory).
public enum FileReader {
    /// The file's bytes.
    /// - Parameter followSymbolicLinks: false for files vccctl wrote itself, which are never links.
    public static func read(_ path: String, limit: ReadLimit, followSymbolicLinks: Bool = true) throws(FileAccessError) -> [UInt8] {
        guard !path.isEmpty, !path.utf8.contains(0) else {
            throw FileAccessError(path: path, action: .read, problem: .invalidPath)
        }
        let flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followSymbolicLinks ? 0 : O_NOFOLLOW)
        let fd = open(path, flags)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP && !followSymbolicLinks {
                throw FileAccessError(path: path, action: .read, problem: .symbolicLink)
            }
            if code == ENXIO {
                // A socket, or a FIFO's peer missing on some systems: not a file in any case.
                throw FileAccessError(path: path, action: .read, problem: .notRegular(.socket))
            }
            throw FileAccessError(path: path, action: .read, call: "open", code: code)
        }
        defer { SystemCalls.closeQuietly(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileAccessError(path: path, action: .read, call: "fstat", code: errno) }
        let kind = FileKind(mode: info.st_mode)
        guard kind == .regular else { throw FileAccessError(path: path, action: .read, problem: .notRegular(kind)) }
        guard Int(info.st_size) <= limit.maxBytes else {
            throw FileAccessError(path: path, action: .read, problem: .tooLarge(limit))
        }
        // st_size is a hint (a file may grow while read; /proc files say 0): read to the end,
        // and stop one byte past the limit.
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 4096))
        var filled = 0
        while true {
            if filled == bytes.count {
                if filled > limit.maxBytes { throw FileAccessError(path: path, action: .read, problem: .tooLarge(limit)) }
                bytes += [UInt8](repeating: 0, count: min(max(bytes.count, 4096), limit.maxBytes + 1 - filled))
            }
            let got = bytes.withUnsafeMutableBytes { SystemCalls.readSome(fd, $0.baseAddress! + filled, $0.count - filled) }
            if got < 0 { throw FileAccessError(path: path, action: .read, call: "read", code: errno) }
            if got == 0 { break }
            filled += got
        }
        if filled > limit.maxBytes { throw FileAccessError(path: path, action: .read, problem: .tooLarge(limit)) }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// The file's bytes, or nil when nothing is at `path`.
    public static func readIfPresent(_ path: String, limit: ReadLimit,
                                     followSymbolicLinks: Bool = true) throws(FileAccessError) -> [UInt8]? {
        do throws(FileAccessError) {
            return try read(path, limit: limit, followSymbolicLinks: followSymbolicLinks)
        } catch where error.problem == .missing {
            return nil
        }
    }

    /// What is at `path`, not following a final symbolic link; nil when nothing is.
    public static func kind(of path: String) -> FileKind? {
        var info = stat()
        guard !path.utf8.contains(0), lstat(path, &info) == 0 else { return nil }
        return FileKind(mode: info.st_mode)
    }

    /// What `path` names after following symbolic links; nil when nothing (or a dangling link).
    public static func resolvedKind(of path: String) -> FileKind? {
        var info = stat()
        guard !path.utf8.contains(0), stat(path, &info) == 0 else { return nil }
        return FileKind(mode: info.st_mode)
    }
}
