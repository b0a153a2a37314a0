public import Reconciler
import Synchronization

/// A `StateStore` in memory, with the SQLite store's semantics (lock slot, compare-and-swap
/// commits, `interrupted` history entries): for tests of the engine, and the reference the
/// contract suite is written against.
public final class InMemoryStateStore: StateStore, Sendable {
    private struct Contents {
        var lineage: String?
        var serial: Int64 = 0
        var salt: [UInt8] = []
        var resources: [ResourceAddress: AppliedResource] = [:]
        var attestations: [ResourceAddress: Attestation] = [:]
        var lock: LockHolder?
        var history: [ApplyRecord] = []
        var intent: WriteIntent?

        func state(lineage: String) -> AppliedState {
            AppliedState(lineage: lineage, serial: serial, fingerprintSalt: salt, resources: resources,
                         attestations: attestations, intent: intent)
        }

        /// The compare-and-swap of every write.
        func check(_ expected: CommitPrecondition) throws {
            guard lock?.id == expected.lockID else {
                throw StateCommitRefused.notLockHolder(lockID: expected.lockID, holder: lock)
            }
            guard serial == expected.serial else {
                throw StateCommitRefused.serialMoved(expected: expected.serial, found: serial)
            }
        }
    }

    private let contents = Mutex(Contents())
    private let clock: @Sendable () -> Double

    /// - Parameter clock: seconds since 1970, for `finishedAt` and `interrupted` entries.
    public init(clock: @escaping @Sendable () -> Double = { 1_700_000_000 }) {
        self.clock = clock
    }

    public func load() async throws -> AppliedState? {
        contents.withLock { contents in contents.lineage.map(contents.state) }
    }

    public func initialize(lineage: String, fingerprintSalt: [UInt8]) async throws -> AppliedState {
        contents.withLock { contents in
            if contents.lineage == nil {
                contents.lineage = lineage
                contents.salt = fingerprintSalt
            }
            return contents.state(lineage: contents.lineage ?? lineage)
        }
    }

    public func tryLock(_ holder: LockHolder) async throws -> LockHolder {
        let now = clock()
        return contents.withLock { contents in
            if let current = contents.lock { return current }
            contents.lock = holder
            Self.interruptRunning(&contents, at: now)
            return holder
        }
    }

    public func unlock(id: String) async throws {
        let now = clock()
        try contents.withLock { contents in
            guard let current = contents.lock else { throw StateLockError.notLocked(id: id) }
            guard current.id == id else { throw StateLockError.idMismatch(requested: id, holder: current) }
            contents.lock = nil
            Self.interruptRunning(&contents, at: now)
        }
    }

    public func currentLock() async throws -> LockHolder? {
        contents.withLock { $0.lock }
    }

    public func commit(_ outcomes: [ChangeOutcome], applyID: String, expected: CommitPrecondition) async throws -> Int64 {
        try contents.withLock { contents in
            try contents.check(expected)
            guard contents.lineage != nil else { throw InMemoryStateStoreError.notInitialized }
            if outcomes.isEmpty { return contents.serial }
            guard let index = contents.history.firstIndex(where: { $0.id == applyID }) else {
                throw InMemoryStateStoreError.unknownApply(applyID)
            }
            for outcome in outcomes where outcome.status == .applied {
                contents.resources[outcome.address] = outcome.resource
                if outcome.address.kind != .setting {
                    contents.attestations[outcome.address] = outcome.resource == nil ? nil : outcome.attestation
                }
            }
            contents.history[index].outcomes += outcomes
            contents.intent = nil
            contents.serial += 1
            return contents.serial
        }
    }

    public func recordIntent(_ intent: WriteIntent, expected: CommitPrecondition) async throws {
        try contents.withLock { contents in
            try contents.check(expected)
            guard contents.lineage != nil else { throw InMemoryStateStoreError.notInitialized }
            contents.intent = intent
        }
    }

    public func beginApply(_ entry: ApplyRecord) async throws {
        contents.withLock { $0.history.append(entry) }
    }

    public func finishApply(id: String, status: ApplyRecord.Status) async throws {
        let now = clock()
        try contents.withLock { contents in
            guard let index = contents.history.firstIndex(where: { $0.id == id }) else {
                throw InMemoryStateStoreError.unknownApply(id)
            }
            contents.history[index].status = status
            contents.history[index].finishedAt = now
        }
    }

    public func history(limit: Int) async throws -> [ApplyRecord] {
        contents.withLock { contents in
            // Newest first; of two started the same second, the one recorded later (stable sort
            // of the reversed list).
            Array(contents.history.reversed().sorted { $0.startedAt > $1.startedAt }.prefix(max(0, limit)))
        }
    }

    private static func interruptRunning(_ contents: inout Contents, at now: Double) {
        for index in contents.history.indices where contents.history[index].status == .running {
            contents.history[index].status = .interrupted
            contents.history[index].finishedAt = now
        }
    }
}

/// Misuse of the in-memory store (the SQLite store has its own errors for these).
public enum InMemoryStateStoreError: Error, Sendable, Equatable {
    case notInitialized
    case unknownApply(String)
}
