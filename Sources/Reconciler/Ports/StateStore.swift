/// Where vccctl keeps what it applied: SQLite by default, PostgreSQL for teams. Every write bumps
/// the serial; results are committed as they land, so a crash loses nothing.
public protocol StateStore: Sendable {
    /// The state, or nil when none was ever written.
    func load() async throws -> AppliedState?

    /// Creates the state (lineage, salt) if there is none; returns it.
    func initialize(lineage: String, fingerprintSalt: [UInt8]) async throws -> AppliedState

    /// Takes the lock if it is free (or already `holder`'s) and returns the holder now: `holder`
    /// when taken, someone else otherwise. Never waits: `StateLock` waits and reports. Applies run
    /// only under the lock, so taking a free lock marks every apply still `running`
    /// `interrupted`: whoever held the lock before was killed or crashed mid-apply.
    func tryLock(_ holder: LockHolder) async throws -> LockHolder
    /// Frees the lock; an apply still `running` then is `interrupted` (see `lock`).
    func unlock(id: String) async throws
    func currentLock() async throws -> LockHolder?

    /// Records outcomes atomically (one transaction), bumping the serial once; returns the new
    /// serial. A compare-and-swap: accepted only while `expected.lockID` holds the lock and the
    /// serial is still `expected.serial`; otherwise `StateCommitRefused`, and nothing changes.
    /// A non-empty commit also clears the journal (`recordIntent`), in the same transaction.
    /// An empty list changes nothing and returns the serial.
    @discardableResult
    func commit(_ outcomes: [ChangeOutcome], applyID: String, expected: CommitPrecondition) async throws -> Int64

    /// Records the journal of a batch about to be sent (`WriteIntent`), replacing any journal, so
    /// that a run stopped before the batch's commit is recognised by the next one; `load` returns
    /// it in `AppliedState.intent` until a commit clears it. Same precondition as `commit`; the
    /// serial does not move (nothing was applied yet).
    func recordIntent(_ intent: WriteIntent, expected: CommitPrecondition) async throws

    /// Opens and closes an entry of the apply history.
    func beginApply(_ entry: ApplyRecord) async throws
    func finishApply(id: String, status: ApplyRecord.Status) async throws
    func history(limit: Int) async throws -> [ApplyRecord]
}

/// Who holds the state lock: shown to anyone who waits for it.
public struct LockHolder: Sendable, Hashable, Codable {
    public var id: String
    public var who: String
    public var host: String
    public var pid: Int32
    public var command: String
    /// Seconds since 1970.
    public var since: Double
    /// The CI run that holds it, when the environment names one (`CIRun.url`); kept by the
    /// PostgreSQL store, where runners of many machines wait for each other.
    public var runURL: String?

    public init(id: String, who: String, host: String, pid: Int32, command: String, since: Double, runURL: String? = nil) {
        self.id = id
        self.who = who
        self.host = host
        self.pid = pid
        self.command = command
        self.since = since
        self.runURL = runURL
    }
}

/// One apply, as the history keeps it.
public struct ApplyRecord: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case running, succeeded, failed, pending
        /// Killed or crashed before it finished: found still `running` once its lock was freed or
        /// taken by another run. The outcomes it committed landed and are in state.
        case interrupted
    }

    /// What wrote the entry.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `vccctl apply` (and the consent wait that follows it).
        case apply
        /// `vccctl confirm`: a person's word that they did secret or link changes by hand.
        case confirm
    }

    public var id: String
    public var kind: Kind
    public var who: String
    public var host: String
    public var startedAt: Double
    public var finishedAt: Double?
    public var planDigest: String
    public var status: Status
    /// Outcomes of its changes, in the order they landed.
    public var outcomes: [ChangeOutcome]

    public init(id: String, kind: Kind = .apply, who: String, host: String, startedAt: Double, finishedAt: Double? = nil,
                planDigest: String, status: Status, outcomes: [ChangeOutcome] = []) {
        self.id = id
        self.kind = kind
        self.who = who
        self.host = host
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.planDigest = planDigest
        self.status = status
        self.outcomes = outcomes
    }
}

/// What a commit expects to find: its caller's lock and the serial it last read or wrote.
public struct CommitPrecondition: Sendable, Hashable {
    public var lockID: String
    public var serial: Int64

    public init(lockID: String, serial: Int64) {
        self.lockID = lockID
        self.serial = serial
    }
}

/// A commit refused by its precondition: nothing was written.
public enum StateCommitRefused: Error, Sendable, Equatable, CustomStringConvertible {
    /// The caller does not hold the lock (it was freed or taken by another run meanwhile).
    case notLockHolder(lockID: String, holder: LockHolder?)
    /// The state moved since the caller read it: another run wrote in between.
    case serialMoved(expected: Int64, found: Int64)

    public var description: String {
        switch self {
        case .notLockHolder(let lockID, let holder):
            "the state lock \(lockID) is no longer held by this run"
                + (holder.map { "; it is held by \(StateLockError.describe($0))" } ?? "; nobody holds it")
                + ". Nothing was committed; what landed before is in state. Plan again"
        case .serialMoved(let expected, let found):
            "the state moved while this run held it (serial \(found), expected \(expected)): another run wrote to it."
                + " Nothing was committed; plan again"
        }
    }
}

extension StateStore {
    /// Takes the lock, waiting up to `timeout` seconds (`StateLock.acquire`).
    public func lock(_ holder: LockHolder, timeout: Double) async throws -> LockHolder {
        try await StateLock.acquire(self, holder: holder, timeout: timeout)
    }

    /// Starts `load()` in the background, so that reading the state overlaps with loading the
    /// configuration (the two biggest reads of a plan depend on nothing of each other).
    public func loadInBackground() -> Task<AppliedState?, any Error> {
        Task { try await load() }
    }
}
