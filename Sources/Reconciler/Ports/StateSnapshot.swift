/// A whole state, as `vccctl state migrate` moves it from one store to another: the state itself
/// (lineage, serial, salt, resources, attestations) and its history, oldest first.
public struct StateSnapshot: Sendable, Equatable {
    public var state: AppliedState
    public var history: [ApplyRecord]

    public init(state: AppliedState, history: [ApplyRecord]) {
        self.state = state
        self.history = history
    }
}

/// A store a state can be moved into: both stores of vccctl (SQLite, PostgreSQL).
public protocol StateSnapshotReplacing: StateStore {
    /// Replaces the whole state and history with `snapshot`, in one transaction: accepted only
    /// while `lockID` holds this store's lock (else `StateCommitRefused.notLockHolder`). The lock
    /// stays as it is.
    func replace(with snapshot: StateSnapshot, lockID: String) async throws
}
