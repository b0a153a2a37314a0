import Foundation

/// Why the state lock could not be taken or freed. The messages name the holder, so that whoever
/// waits knows whom to ask, and say when the holder is a process that no longer runs.
public enum StateLockError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// Someone else held the lock for the whole wait.
    case held(by: LockHolder)
    /// `unlock` with an ID while nobody holds the lock.
    case notLocked(id: String)
    /// `unlock` with an ID that is not the holder's; the lock stays.
    case idMismatch(requested: String, holder: LockHolder)

    public var description: String {
        ([summary + "."] + advice).joined(separator: " ")
    }

    /// What went wrong, in one clause naming the holder (a message line).
    public var summary: String {
        switch self {
        case .held(let holder):
            "the state is locked by \(Self.describe(holder))"
        case .notLocked(let id):
            "the state is not locked: there is no lock \(id) to free"
        case .idMismatch(let requested, let holder):
            "lock ID \(requested) is not the lock held now, which is \(holder.id): \(Self.describe(holder))"
        }
    }

    /// What it means and what to do, one sentence each (note lines, apart from the summary).
    public var advice: [String] {
        switch self {
        case .held(let holder):
            HolderProcess.isGone(holder)
                ? ["Process \(holder.pid) is not running on \(holder.host): the lock is stale; free it by its ID."]
                : ["Wait for that run to finish and try again, or, if it is gone, free the lock by its ID."]
        case .notLocked:
            []
        case .idMismatch(_, let holder):
            ["Nothing was unlocked."] + (HolderProcess.isGone(holder)
                ? ["Process \(holder.pid) is not running on \(holder.host); free that lock by its ID, \(holder.id)."] : [])
        }
    }

    public var errorDescription: String? { description }

    /// `jane on build-01 (pid 4242, 'vccctl apply') since 2025-01-02T10:00:00Z, lock ID 1A2B`;
    /// `quote` marks the command (`state show` prints it in backticks).
    public static func describe(_ holder: LockHolder, quote: String = "'") -> String {
        let since = Date(timeIntervalSince1970: holder.since).ISO8601Format()
        let run = holder.runURL.map { ", run \($0)" } ?? ""
        return "\(holder.who) on \(holder.host) (pid \(holder.pid), \(quote)\(holder.command)\(quote)\(run)) since \(since), lock ID \(holder.id)"
    }
}
