#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates and replaces files the way vccctl must on a machine where it may run as root on a
/// pull request's files: created exclusively (`O_CREAT | O_EXCL | O_NOFOLLOW`: never through a
/// symbolic link, never over something already there) with their final mode from the start;
/// replaced only when what is there is a regular file, by a rename of a complete new file, so no
/// device, link target or hard-linked file is ever written to. The mode is set only on files
/// created here.
public enum FileCreator {
    /// Creates `path` with `bytes` and `mode`; anything already at `path` is an error.
    /// - Parameter createDirectories: create missing directories (mode 0700).
    /// - Parameter atomically: write a new file beside it and hard-link it into place (`linkat`
    ///   fails when something is there), so a reader waiting for `path` never sees half of it.
    public static func createExclusive(_ path: String, bytes: [UInt8], mode: mode_t = 0o600,
                                       createDirectories: Bool = true, atomically: Bool = false) throws(FileAccessError) {
        let parent = try ParentDirectory(of: path, action: .create, createMissing: createDirectories)
        if let kind = parent.kind() {
            throw FileAccessError(path: path, action: .create, problem: kind == .symbolicLink ? .symbolicLink : .exists)
        }
        let (fd, name) = try atomically ? temporaryFile(in: parent, mode: mode, action: .create)
            : (create(in: parent, parent.name, mode: mode, action: .create), parent.name)
        defer { SystemCalls.closeQuietly(fd) }
        if let code = SystemCalls.writeAll(fd, bytes) ?? (fsync(fd) == 0 ? nil : errno) {
            _ = unlinkat(parent.fd, name, 0)
            throw FileAccessError(path: path, action: .create, call: "write", code: code)
        }
        guard atomically else { return }
        let linked = linkat(parent.fd, name, parent.fd, parent.name, 0)
        let code = errno
        _ = unlinkat(parent.fd, name, 0)
        guard linked == 0 else { throw FileAccessError(path: path, action: .create, call: "link", code: code) }
    }

    /// Writes `bytes` to `path` through a new file in the same directory and a rename, so a
    /// reader sees the old file or the new one, never half. What is at `path` must be absent or a
    /// regular file: a symbolic link, a device, a FIFO or a directory is refused, not replaced.
    public static func replace(_ path: String, bytes: [UInt8], mode: mode_t = 0o600,
                               createDirectories: Bool = false) throws(FileAccessError) {
        let parent = try ParentDirectory(of: path, action: .replace, createMissing: createDirectories)
        if let kind = parent.kind(), kind != .regular {
            throw FileAccessError(path: path, action: .replace, problem: kind == .symbolicLink ? .symbolicLink : .notRegular(kind))
        }
        let temporary = try temporaryFile(in: parent, mode: mode, action: .replace)
        defer { SystemCalls.closeQuietly(temporary.fd) }
        if let code = SystemCalls.writeAll(temporary.fd, bytes) ?? (fsync(temporary.fd) == 0 ? nil : errno) {
            _ = unlinkat(parent.fd, temporary.name, 0)
            throw FileAccessError(path: path, action: .replace, call: "write", code: code)
        }
        // Checked again just before the rename: a link or device put there meanwhile is not replaced.
        if let kind = parent.kind(), kind != .regular {
            _ = unlinkat(parent.fd, temporary.name, 0)
            throw FileAccessError(path: path, action: .replace, problem: kind == .symbolicLink ? .symbolicLink : .notRegular(kind))
        }
        guard renameat(parent.fd, temporary.name, parent.fd, parent.name) == 0 else {
            let code = errno
            _ = unlinkat(parent.fd, temporary.name, 0)
            throw FileAccessError(path: path, action: .replace, call: "rename", code: code)
        }
    }

    /// Makes sure a database file (SQLite) at `path` is safe to open by name: a regular file, not a
    /// link, and so are its `-wal`, `-shm` and `-journal` siblings when present. When `create` and
    /// the file is missing, creates it empty with `mode` (and missing directories with 0700).
    /// - Returns: false when the file does not exist and `create` is false.
    @discardableResult
    public static func prepareDatabase(_ path: String, create: Bool, mode: mode_t = 0o600) throws(FileAccessError) -> Bool {
        let action: FileAccessError.Action = create ? .create : .open
        let parent: ParentDirectory
        do throws(FileAccessError) {
            parent = try ParentDirectory(of: path, action: action, createMissing: create)
        } catch where error.problem == .missing && !create {
            return false
        }
        switch parent.kind() {
        case nil:
            guard create else { return false }
            do throws(FileAccessError) {
                SystemCalls.closeQuietly(try self.create(in: parent, parent.name, mode: mode, action: .create))
            } catch where error.problem == .exists {
                // Another process created it first: check what it made, below.
            }
        case .regular?:
            break
        case .symbolicLink?:
            throw FileAccessError(path: path, action: action, problem: .symbolicLink)
        case let kind?:
            throw FileAccessError(path: path, action: action, problem: .notRegular(kind))
        }
        if let kind = parent.kind(), kind != .regular {
            throw FileAccessError(path: path, action: action, problem: kind == .symbolicLink ? .symbolicLink : .notRegular(kind))
        }
        for suffix in ["-wal", "-shm", "-journal"] {
            if let kind = parent.kind(of: parent.name + suffix), kind != .regular {
                throw FileAccessError(path: path + suffix, action: action,
                                      problem: kind == .symbolicLink ? .symbolicLink : .notRegular(kind))
            }
        }
        return true
    }

    /// Creates a directory (and its missing parents) with mode 0700, or checks that the one there
    /// is a directory (a symbolic link is refused under the current directory).
    public static func createDirectory(_ path: String) throws(FileAccessError) {
        _ = try ParentDirectory(of: path, action: .create, createMissing: true, isDirectory: true)
    }

    /// A new, empty, exclusively created file: its descriptor. The mode is set on the descriptor,
    /// whatever the umask made of it (the file was created here).
    static func create(in parent: ParentDirectory, _ name: String, mode: mode_t,
                       action: FileAccessError.Action) throws(FileAccessError) -> Int32 {
        let fd = openat(parent.fd, name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileAccessError(path: parent.path, action: action, call: "open", code: errno) }
        guard fchmod(fd, mode) == 0 else {
            let code = errno
            SystemCalls.closeQuietly(fd)
            _ = unlinkat(parent.fd, name, 0)
            throw FileAccessError(path: parent.path, action: action, call: "fchmod", code: code)
        }
        return fd
    }

    private static func temporaryFile(in parent: ParentDirectory, mode: mode_t,
                                      action: FileAccessError.Action) throws(FileAccessError) -> (fd: Int32, name: String) {
        var attempt = 0
        while true {
            let name = ".\(parent.name).\(UInt32.random(in: 0 ... .max)).tmp"
            do throws(FileAccessError) {
                return (try create(in: parent, name, mode: mode, action: action), name)
            } catch where error.problem == .exists && attempt < 10 {
                attempt += 1
            }
        }
    }
}
