#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Device nodes and FIFOs for hostile-input tests, made in a test's private directory: the
/// machine's own `/dev` is never touched.
public enum SpecialFiles {
    /// mknod(2) needs root (CI runs as root); tests that need a device are skipped otherwise.
    public static let canMakeDevices = getuid() == 0

    /// A character device like `/dev/null` (1, 3) or `/dev/zero` (1, 5) at `path`.
    public static func makeCharacterDevice(_ path: String, major: UInt32 = 1, minor: UInt32 = 5) -> Bool {
        mknod(path, S_IFCHR | 0o666, deviceNumber(major: major, minor: minor)) == 0
    }

    public static func makeFIFO(_ path: String) -> Bool {
        mkfifo(path, 0o600) == 0
    }

    /// A symbolic link at `path` pointing at `target` (which need not exist).
    public static func makeSymbolicLink(_ path: String, to target: String) -> Bool {
        symlink(target, path) == 0
    }

    /// The file type and permission bits at `path`, not following a link; nil when absent.
    public static func mode(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode : nil
    }

    public static func isCharacterDevice(_ path: String) -> Bool {
        mode(path).map { $0 & S_IFMT == S_IFCHR } ?? false
    }

    public static func isSymbolicLink(_ path: String) -> Bool {
        mode(path).map { $0 & S_IFMT == S_IFLNK } ?? false
    }

    /// makedev(3), which Swift does not import (a macro on Linux).
    private static func deviceNumber(major: UInt32, minor: UInt32) -> dev_t {
        #if os(Linux)
        let major = UInt64(major), minor = UInt64(minor)
        return dev_t(((major & 0xFFFF_F000) << 32) | ((major & 0xFFF) << 8) | ((minor & 0xFFFF_FF00) << 12) | (minor & 0xFF))
        #else
        return dev_t(Int32(bitPattern: (major << 24) | minor))
        #endif
    }
}
