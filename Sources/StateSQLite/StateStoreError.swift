import Foundation

/// Why the SQLite state store could not do its work; every message says what to do about it.
public enum StateStoreError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The directory or the file could not be created, or its mode could not be set.
    case cannotCreate(path: String, reason: String)
    /// The file exists but SQLite cannot open it (permissions, a directory in the way, ...).
    case cannotOpen(path: String, reason: String)
    /// The path names something vccctl will not open as its state: a symbolic link, a device, a
    /// FIFO, a directory (or a link among its directories under the current directory).
    case unusable(path: String, reason: String)
    /// The file is not a database, or its pages are damaged.
    case corrupt(path: String, detail: String)
    /// A SQLite database, but not one vccctl made (it has other tables).
    case notAStateFile(path: String)
    /// Zero bytes, or a database without any table: vccctl never leaves a state file so.
    case emptyFile(path: String)
    /// The state holds resources or history but its identity (the meta row: lineage, serial) is gone.
    case missingIdentity(path: String)
    /// The `-wal` beside the file does not continue the state the file holds (`StateJournal`).
    case foreignJournal(path: String, reason: String)
    /// Written by a newer vccctl; `found` nil when only unknown migrations tell it.
    case newerFormat(path: String, found: Int?, supported: Int)
    /// `commit` before `initialize`.
    case notInitialized(path: String)
    /// `commit` names an apply that `beginApply` never opened.
    case unknownApply(id: String)
    /// Another process kept the database busy longer than the busy timeout.
    case busy(path: String, seconds: Double)
    /// Any other SQLite failure.
    case storage(path: String, message: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason):
            return "cannot create the state file \(path): \(reason). Check that its directory is writable, or choose "
                + "another location with --state or VCCCTL_STATE."
        case .cannotOpen(let path, let reason):
            return "cannot open the state file \(path): \(reason). Check its permissions (vccctl creates it with mode "
                + "0600 for the user who runs it), or choose another location with --state or VCCCTL_STATE."
        case .unusable(let path, let reason):
            return "cannot use \(path) as the state file: \(reason). Point --state or VCCCTL_STATE at a regular file, "
                + "or at a path that does not exist yet."
        case .corrupt(let path, let detail):
            return "the state file \(path) is damaged or not a SQLite database (\(detail)). Restore it from a backup; "
                + "moving it away makes the next apply start a new state (a new lineage) that knows nothing of what "
                + "was applied before."
        case .notAStateFile(let path):
            return "\(path) is a SQLite database but not a vccctl state file. Point --state or VCCCTL_STATE at a "
                + "vccctl state file, or at a path that does not exist yet."
        case .emptyFile(let path):
            return "the state file \(path) is empty (no vccctl tables): vccctl always creates a state file whole, so "
                + "this one was truncated or made by something else, and vccctl will not start a new state over it. "
                + "Restore it from a backup; if you are sure there was never a state here, remove it and vccctl "
                + "creates a new one (docs/state.md, \"A refused state file\")."
        case .missingIdentity(let path):
            return "the state file \(path) holds resources or apply history but its identity (lineage and serial) is "
                + "gone: vccctl will not start a new lineage over what it holds. Restore it from a backup; if none "
                + "exists, move it aside and apply again to start a new state that knows nothing of what was applied "
                + "before (docs/state.md, \"A refused state file\")."
        case .foreignJournal(let path, let reason):
            return "the write-ahead log \(path)-wal does not belong to the state file \(path): \(reason). It was left "
                + "beside it by another database (a copy, a restore), and SQLite would write its pages into the state; "
                + "nothing was written. Move \(path)-wal and \(path)-shm aside (keep them) and run again: the state "
                + "then reads as the file holds it (docs/state.md, \"A refused state file\")."
        case .newerFormat(let path, let found, let supported):
            let what = found.map { "has format version \($0); this vccctl reads up to format version \(supported)" }
                ?? "was written by a newer vccctl (it holds schema changes this vccctl does not know)"
            return "the state file \(path) \(what). Upgrade vccctl to the version that wrote it (or newer); do not edit the file."
        case .notInitialized(let path):
            return "the state file \(path) holds no state yet: initialize it before committing changes to it."
        case .unknownApply(let id):
            return "the state history has no apply \(id): open it with beginApply before committing its outcomes."
        case .busy(let path, let seconds):
            return "the state file \(path) stayed busy for \(Self.seconds(seconds)): another process is writing to "
                + "it. Try again; if it persists, look for a hung vccctl process."
        case .storage(let path, let message):
            return "the state file \(path) could not be read or written: \(message)."
        }
    }

    public var errorDescription: String? { description }

    /// What is wrong with the file, in a few words, for a message about something else.
    var summary: String {
        switch self {
        case .notAStateFile: "it is not a vccctl state file"
        case .emptyFile: "it holds no vccctl tables"
        case .missingIdentity: "it holds resources or history without a lineage"
        case .corrupt(_, let detail): "its pages are damaged (\(detail))"
        default: description
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
