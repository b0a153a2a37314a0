#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory a file is created in, held open, and the file's name in it. Every file vccctl
/// creates is made relative to this descriptor (`openat`), so what was checked on the way is
/// what the file lands in.
///
/// The directories of a relative path lie under the current directory, which in CI is a checkout
/// of a pull request: none of them may be a symbolic link (a `.vccctl` pointing at `/etc` would
/// make vccctl, running as root, write there). The directories of an absolute path are the
/// operator's choice and are followed. Missing directories are created with mode 0700.
final class ParentDirectory {
    let fd: Int32
    let name: String
    let path: String

    /// - Parameter createMissing: create the missing directories; when false, a missing one is
    ///   reported as `.missing`.
    /// - Parameter isDirectory: `path` names the directory itself (walked and created like the
    ///   others); `name` is then ".".
    init(of path: String, action: FileAccessError.Action, createMissing: Bool, isDirectory: Bool = false,
         directoryMode: mode_t = 0o700) throws(FileAccessError) {
        self.path = path
        guard !path.isEmpty, !path.utf8.contains(0) else {
            throw FileAccessError(path: path, action: action, problem: .invalidPath)
        }
        let absolute = path.hasPrefix("/")
        var components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if isDirectory { components.append(".") }
        guard let last = components.popLast(), isDirectory || (last != "." && last != "..") else {
            throw FileAccessError(path: path, action: action, problem: .invalidPath)
        }
        var current = open(absolute ? "/" : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard current >= 0 else { throw FileAccessError(path: path, action: action, call: "open", code: errno) }
        // The directories walked so far, for messages: ".vccctl", "plans/2024", "/var/lib".
        var walked = ""
        for component in components where component != "." {
            walked = absolute || !walked.isEmpty ? walked + "/" + component : component
            let noFollow = absolute ? 0 : O_NOFOLLOW
            var next = openat(current, component, O_RDONLY | O_DIRECTORY | O_CLOEXEC | noFollow)
            if next < 0 && errno == ENOENT && createMissing {
                if mkdirat(current, component, directoryMode) == 0 {
                    next = openat(current, component, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
                    // Created here: its mode is ours to set, whatever the umask made of it.
                    if next >= 0 { _ = fchmod(next, directoryMode) }
                } else if errno == EEXIST {
                    next = openat(current, component, O_RDONLY | O_DIRECTORY | O_CLOEXEC | noFollow)
                } else {
                    let code = errno
                    SystemCalls.closeQuietly(current)
                    throw FileAccessError(path: path, action: action, call: "mkdir", code: code)
                }
            }
            if next < 0 {
                let code = errno
                let problem = Self.problem(at: current, component, code: code, walked: walked, relative: !absolute)
                SystemCalls.closeQuietly(current)
                throw FileAccessError(path: path, action: action, problem: problem)
            }
            SystemCalls.closeQuietly(current)
            current = next
        }
        fd = current
        name = last
    }

    deinit { SystemCalls.closeQuietly(fd) }

    /// What the final name is now, not following a link; nil when nothing is there.
    func kind(of entry: String? = nil) -> FileKind? {
        var info = stat()
        guard fstatat(fd, entry ?? name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return FileKind(mode: info.st_mode)
    }

    /// Says why `component` could not be opened as a directory.
    private static func problem(at directory: Int32, _ component: String, code: Int32, walked: String,
                                relative: Bool) -> FileAccessError.Problem {
        var info = stat()
        if fstatat(directory, component, &info, AT_SYMLINK_NOFOLLOW) == 0 {
            let kind = FileKind(mode: info.st_mode)
            if kind == .symbolicLink && relative { return .symbolicLinkInPath(directory: walked) }
            if kind != .directory && kind != .symbolicLink { return .notADirectory(directory: walked) }
        }
        switch code {
        case ENOENT: return .missing
        case EACCES, EPERM: return .permissionDenied
        case ENOTDIR: return .notADirectory(directory: walked)
        default: return .system(call: "open", code: code)
        }
    }
}
