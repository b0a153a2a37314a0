#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read or created: the path (escaped when shown), what was being done
/// and what was wrong. Its description says what to do; it names no command-line flag.
public struct FileAccessError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Action: String, Sendable {
        case read, create, replace, open
    }

    public enum Problem: Sendable, Equatable {
        /// The path does not exist (ENOENT), or a directory on the way does not.
        case missing
        case permissionDenied
        /// A FIFO, a device, a directory, a socket where a regular file belongs.
        case notRegular(FileKind)
        /// The file itself is a symbolic link, and vccctl does not follow it (files it writes).
        case symbolicLink
        /// A directory of a relative path is a symbolic link (`.vccctl` -> elsewhere).
        case symbolicLinkInPath(directory: String)
        /// A directory of the path is not a directory.
        case notADirectory(directory: String)
        case tooLarge(ReadLimit)
        /// Exclusive creation found something there.
        case exists
        /// A NUL byte, an empty path, or a final component of `.` or `..`.
        case invalidPath
        /// Any other failure of a system call.
        case system(call: String, code: Int32)
    }

    /// The path as given (valid UTF-8; see PathText).
    public var path: String
    public var action: Action
    public var problem: Problem

    public init(path: String, action: Action, problem: Problem) {
        self.path = path
        self.action = action
        self.problem = problem
    }

    init(path: String, action: Action, call: String, code: Int32) {
        let problem: Problem = switch code {
        case ENOENT: .missing
        case EACCES, EPERM: .permissionDenied
        case EEXIST: .exists
        default: .system(call: call, code: code)
        }
        self.init(path: path, action: action, problem: problem)
    }

    /// The first sentence: what happened to which file ("cannot read 'x.yaml': ...").
    public var summary: String {
        "cannot \(action.rawValue) '\(PathText.escaped(path))': \(reason)"
    }

    /// The cause alone ("it is a FIFO (named pipe), not a regular file").
    public var reason: String {
        switch problem {
        case .missing: String(cString: strerror(ENOENT))
        case .permissionDenied: String(cString: strerror(EACCES))
        case .notRegular(let kind): "it is \(kind.phrase), not a regular file"
        case .symbolicLink: "it is a symbolic link, and vccctl does not follow symbolic links for the files it writes"
        case .symbolicLinkInPath(let directory):
            "'\(PathText.escaped(directory))' is a symbolic link, and vccctl does not follow symbolic links "
                + "under the current directory for the files it writes"
        case .notADirectory(let directory): "'\(PathText.escaped(directory))' is not a directory"
        case .tooLarge(let limit): "it is larger than \(limit.sizeText), the limit for a \(limit.kind)"
        case .exists: "it already exists"
        case .invalidPath: "the path is empty, names no file, or holds a NUL byte"
        case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        }
    }

    /// What to do about it.
    public var advice: String {
        switch problem {
        case .missing: "check the path"
        case .permissionDenied: "vccctl needs permission to \(action == .read ? "read" : "write") it"
        case .notRegular: "name a regular file"
        case .symbolicLink, .symbolicLinkInPath:
            "name the real location instead, or replace the link with a real file or directory"
        case .notADirectory: "check the path"
        case .tooLarge: "name the right file; a \(limit.kind) this large is not one vccctl wrote or expects"
        case .exists: "remove it or name another file"
        case .invalidPath: "name a file"
        case .system: "check the path and the file system"
        }
    }

    private var limit: ReadLimit {
        if case .tooLarge(let limit) = problem { return limit }
        return ReadLimit(kind: "file", maxBytes: 0)
    }

    public var description: String { summary + "; " + advice }
}
