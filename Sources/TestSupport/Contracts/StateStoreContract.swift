public import Reconciler

/// The behaviour every `StateStore` must have (SQLite, PostgreSQL, in memory): lineage, serial,
/// the lock, compare-and-swap commits, history and its `interrupted` entries, fingerprints, and
/// what survives a crash. Each adapter's tests run every check against a fresh store:
///
///     @Test(arguments: StateStoreContract.checks)
///     func contract(_ check: StateStoreContract.Check) async throws { try await check.run(makeStore()) }
public enum StateStoreContract {
    /// A fresh, empty store and a way to open it again (another connection, as after a crash).
    public struct Subject: Sendable {
        public var store: any StateStore
        public var reopen: @Sendable () throws -> any StateStore

        public init(store: any StateStore, reopen: @escaping @Sendable () throws -> any StateStore) {
            self.store = store
            self.reopen = reopen
        }
    }

    public typealias Check = ContractCheck<Subject>

    public static let checks: [Check] = [
        Check(description: "an empty store has no state, lock or history", body: emptyStore),
        Check(description: "initialize sets the lineage and salt once", body: lineageIsSetOnce),
        Check(description: "the lock has one holder at a time", body: lockIsExclusive),
        Check(description: "commits bump the serial once and record resources", body: commitsBumpTheSerial),
        Check(description: "a commit without the lock is refused", body: commitNeedsTheLock),
        Check(description: "a commit from a stale serial is refused", body: commitNeedsTheSerial),
        Check(description: "failed outcomes change no resource but are in the history", body: failedOutcomes),
        Check(description: "history is newest first with outcomes in order", body: historyOrder),
        Check(description: "taking a free lock or unlocking interrupts running applies", body: interruptedApplies),
        Check(description: "a lost lock refuses the next commit", body: lostLock),
        Check(description: "what was committed survives a crash", body: survivesACrash),
        Check(description: "a confirmation keeps who attested a resource until an apply replaces it", body: attestations),
        Check(description: "the journal of a batch survives a crash until a commit clears it", body: journal),
    ]

    // MARK: - Fixtures

    static let salt: [UInt8] = Array(0..<32)

    static func holder(_ id: String) -> LockHolder {
        LockHolder(id: id, who: "jane", host: "contract.example", pid: 4242, command: "vccctl apply", since: 1_700_000_000)
    }

    static func entry(_ id: String, startedAt: Double = 1_700_000_000) -> ApplyRecord {
        ApplyRecord(id: id, who: "jane", host: "contract.example", startedAt: startedAt, planDigest: "d-\(id)", status: .running)
    }

    static func setting(_ name: String, key: String = "ACME-01") -> ChangeOutcome {
        ChangeOutcome(address: .setting(org: "prod", location: .profile(name)), status: .applied,
                      resource: .setting(accountKey: key, recordId: "a0B00000000000\(name.count)AAA", ownerId: "00e000000000001AAA"))
    }

    /// Locks, initializes and opens an apply, as an apply does before its first commit.
    static func prepare(_ store: any StateStore, lock: String = "L1", apply: String = "A1") async throws {
        _ = try await store.tryLock(holder(lock))
        _ = try await store.initialize(lineage: "lineage-1", fingerprintSalt: salt)
        try await store.beginApply(entry(apply))
    }

    static func commit(_ store: any StateStore, _ outcomes: [ChangeOutcome], apply: String = "A1",
                       lock: String = "L1") async throws -> Int64 {
        let serial = try await store.load()?.serial ?? 0
        return try await store.commit(outcomes, applyID: apply, expected: CommitPrecondition(lockID: lock, serial: serial))
    }

    // MARK: - Checks

    static func emptyStore(_ subject: Subject) async throws {
        let store = subject.store
        try ContractViolation.require(try await store.load() == nil, "a new store has no state")
        try ContractViolation.require(try await store.currentLock() == nil, "a new store has no lock")
        try ContractViolation.require(try await store.history(limit: 10).isEmpty, "a new store has no history")
    }

    static func lineageIsSetOnce(_ subject: Subject) async throws {
        let store = subject.store
        let first = try await store.initialize(lineage: "first", fingerprintSalt: salt)
        let second = try await store.initialize(lineage: "second", fingerprintSalt: [9, 9])
        try ContractViolation.require(first.lineage == "first" && second.lineage == "first", "the lineage stays the first one")
        try ContractViolation.require(second.fingerprintSalt == salt, "the salt stays the first one")
        try ContractViolation.require(second.serial == 0, "a new state has serial 0")
    }

    static func lockIsExclusive(_ subject: Subject) async throws {
        let store = subject.store
        try ContractViolation.require(try await store.tryLock(holder("L1")).id == "L1", "a free lock is taken")
        try ContractViolation.require(try await store.tryLock(holder("L2")).id == "L1", "a held lock names its holder")
        try ContractViolation.require(try await store.tryLock(holder("L1")).id == "L1", "the holder may take it again")
        try ContractViolation.require(try await store.currentLock()?.id == "L1", "currentLock names the holder")
        try await ContractViolation.requireThrows("unlock with another ID", { try await store.unlock(id: "L2") }) {
            if case StateLockError.idMismatch(let requested, let holder) = $0 { return requested == "L2" && holder.id == "L1" }
            return false
        }
        try await store.unlock(id: "L1")
        try await ContractViolation.requireThrows("unlock of a free lock", { try await store.unlock(id: "L1") }) {
            $0 as? StateLockError == .notLocked(id: "L1")
        }
        try ContractViolation.require(try await store.tryLock(holder("L2")).id == "L2", "a freed lock is taken by the next")
        try await ContractViolation.requireThrows("waiting for a held lock", {
            _ = try await StateLock.acquire(store, holder: holder("L3"), timeout: 0.1, pollInterval: 0.02)
        }) {
            if case StateLockError.held(let by) = $0 { return by.id == "L2" }
            return false
        }
    }

    static func commitsBumpTheSerial(_ subject: Subject) async throws {
        let store = subject.store
        try await prepare(store)
        let serial1 = try await commit(store, [setting("a"), setting("b")])
        let serial2 = try await commit(store, [setting("c")])
        let unchanged = try await commit(store, [])
        try ContractViolation.require(serial1 == 1 && serial2 == 2 && unchanged == 2, "serials \(serial1), \(serial2), \(unchanged)")
        // A resource leaves state when its outcome carries none (a delete).
        let deleted = ChangeOutcome(address: setting("a").address, status: .applied, resource: nil)
        _ = try await commit(store, [deleted])
        let state = try await store.load()
        try ContractViolation.require(state?.serial == 3, "serial after the delete: \(String(describing: state?.serial))")
        try ContractViolation.require(state?.resources == [setting("b").address: setting("b").resource!,
                                                          setting("c").address: setting("c").resource!],
                                      "resources after the commits: \(String(describing: state?.resources))")
        let secret = ChangeOutcome(address: .secret(org: "prod", accountKey: "ACME-01"), status: .applied,
                                   resource: .secret(fingerprint: TokenFingerprint(hex: String(repeating: "ab", count: 32))))
        _ = try await commit(store, [secret])
        try ContractViolation.require(try await store.load()?.resources[secret.address] == secret.resource,
                                      "a token fingerprint is kept as given")
    }

    static func commitNeedsTheLock(_ subject: Subject) async throws {
        let store = subject.store
        try await prepare(store)
        try await ContractViolation.requireThrows("a commit under another lock ID", {
            _ = try await commit(store, [setting("a")], lock: "L2")
        }) {
            if case StateCommitRefused.notLockHolder(let id, let holder) = $0 { return id == "L2" && holder?.id == "L1" }
            return false
        }
        try await store.unlock(id: "L1")
        try await ContractViolation.requireThrows("a commit with no lock held", {
            _ = try await commit(store, [setting("a")])
        }) {
            if case StateCommitRefused.notLockHolder(_, nil) = $0 { return true }
            return false
        }
        try ContractViolation.require(try await store.load()?.serial == 0, "nothing was committed")
    }

    static func commitNeedsTheSerial(_ subject: Subject) async throws {
        let store = subject.store
        try await prepare(store)
        let precondition = CommitPrecondition(lockID: "L1", serial: 0)
        _ = try await store.commit([setting("a")], applyID: "A1", expected: precondition)
        try await ContractViolation.requireThrows("a second commit from serial 0", {
            _ = try await store.commit([setting("b")], applyID: "A1", expected: precondition)
        }) {
            $0 as? StateCommitRefused == .serialMoved(expected: 0, found: 1)
        }
        let state = try await store.load()
        try ContractViolation.require(state?.serial == 1 && state?.resources.count == 1, "only the first commit landed")
    }

    static func failedOutcomes(_ subject: Subject) async throws {
        let store = subject.store
        try await prepare(store)
        let failed = ChangeOutcome(address: .setting(org: "prod", location: .user("x@y.example")), status: .failed,
                                   resource: nil, code: "DUPLICATE_VALUE", message: "duplicate value found")
        let pending = ChangeOutcome(address: .link(accountKey: "ACME-01"), status: .pending, resource: nil,
                                    code: "CONSENT_REQUIRED", message: "log in directly as api@x and press Allow")
        _ = try await commit(store, [failed, pending, setting("a")])
        let state = try await store.load()
        try ContractViolation.require(state?.resources.keys.sorted() == [setting("a").address],
                                      "only the applied outcome changed state: \(String(describing: state?.resources))")
        let history = try await store.history(limit: 1)
        try ContractViolation.require(history.first?.outcomes == [failed, pending, setting("a")],
                                      "every outcome is in the history, in order")
    }

    static func attestations(_ subject: Subject) async throws {
        let store = subject.store
        try await prepare(store)
        let fingerprint = TokenFingerprint(token: "contract-token", salt: salt)
        let jane = Attestation(by: "jane", at: 1_700_000_100)
        let secret = ChangeOutcome(address: .secret(org: "prod", accountKey: "ACME-01"), status: .applied,
                                   resource: .secret(fingerprint: fingerprint), attestation: jane)
        let link = ChangeOutcome(address: .link(accountKey: "ACME-01"), status: .applied,
                                 resource: .link(org: "prod", apiUser: "api@x.example"), attestation: jane)
        try await store.beginApply(ApplyRecord(id: "C1", kind: .confirm, who: "jane", host: "contract.example",
                                               startedAt: 1_700_000_100, planDigest: "confirm", status: .running))
        _ = try await commit(store, [secret, link, setting("a")], apply: "C1")
        try await store.finishApply(id: "C1", status: .succeeded)
        var state = try await store.load()
        try ContractViolation.require(state?.attestations == [secret.address: jane, link.address: jane],
                                      "both confirmations are kept: \(String(describing: state?.attestations))")
        try ContractViolation.require(state?[secret.address] == .secret(fingerprint: fingerprint), "the attested resource is in state")
        let history = try await store.history(limit: 1)
        try ContractViolation.require(history.first?.kind == .confirm && history.first?.who == "jane",
                                      "the history says a person confirmed, and who")
        // An apply that sets the token itself replaces the person's word with its own.
        let applied = ChangeOutcome(address: secret.address, status: .applied, resource: .secret(fingerprint: fingerprint))
        _ = try await commit(store, [applied])
        state = try await store.load()
        try ContractViolation.require(state?.attestations == [link.address: jane], "an apply clears the attestation it replaces")
        try ContractViolation.require(try await subject.reopen().load()?.attestations == [link.address: jane],
                                      "attestations are durable")
    }

    static func journal(_ subject: Subject) async throws {
        let store = subject.store
        try await prepare(store)
        let intent = WriteIntent(applyID: "A1", writes: [
            IntendedWrite(address: setting("a").address, ownerId: "00e000000000001AAA", recordId: nil, accountKey: "ACME-01"),
            IntendedWrite(address: setting("b").address, ownerId: "00e000000000002AAA", recordId: "a0B000000000001AAA",
                          accountKey: nil),
        ])
        try await ContractViolation.requireThrows("a journal under another lock ID", {
            try await store.recordIntent(intent, expected: CommitPrecondition(lockID: "L2", serial: 0))
        }) { $0 is StateCommitRefused }
        try await ContractViolation.requireThrows("a journal from a stale serial", {
            try await store.recordIntent(intent, expected: CommitPrecondition(lockID: "L1", serial: 7))
        }) { $0 is StateCommitRefused }
        try ContractViolation.require(try await store.load()?.intent == nil, "a refused journal writes nothing")
        try await store.recordIntent(intent, expected: CommitPrecondition(lockID: "L1", serial: 0))
        let state = try await store.load()
        try ContractViolation.require(state?.intent == intent, "the journal is loaded with the state: \(String(describing: state?.intent))")
        try ContractViolation.require(state?.serial == 0, "a journal does not move the serial")
        // The process dies here: another connection finds the journal.
        try ContractViolation.require(try await subject.reopen().load()?.intent == intent, "the journal is durable")
        _ = try await commit(store, [])
        try ContractViolation.require(try await store.load()?.intent == intent, "an empty commit keeps the journal")
        _ = try await commit(store, [setting("a")])
        try ContractViolation.require(try await store.load()?.intent == nil, "a commit clears the journal")
    }

    static func historyOrder(_ subject: Subject) async throws {
        let store = subject.store
        _ = try await store.tryLock(holder("L1"))
        _ = try await store.initialize(lineage: "l", fingerprintSalt: salt)
        try await store.beginApply(entry("first", startedAt: 100))
        try await store.beginApply(entry("third", startedAt: 300))
        try await store.beginApply(entry("second", startedAt: 200))
        _ = try await commit(store, [setting("a")], apply: "third")
        _ = try await commit(store, [setting("b")], apply: "third")
        try await store.finishApply(id: "third", status: .succeeded)
        let history = try await store.history(limit: 10)
        try ContractViolation.require(history.map(\.id) == ["third", "second", "first"], "newest first: \(history.map(\.id))")
        try ContractViolation.require(history[0].outcomes == [setting("a"), setting("b")], "outcomes in the order they landed")
        try ContractViolation.require(history[0].status == .succeeded && history[0].finishedAt != nil, "finished with a time")
        try ContractViolation.require(history[1].status == .running && history[1].finishedAt == nil, "still running")
        try ContractViolation.require(try await store.history(limit: 1).map(\.id) == ["third"], "limit")
    }

    static func interruptedApplies(_ subject: Subject) async throws {
        let store = subject.store
        try await prepare(store, lock: "L1", apply: "killed")
        _ = try await commit(store, [setting("a")], apply: "killed")
        // The holder taking its own lock again interrupts nothing.
        _ = try await store.tryLock(holder("L1"))
        try ContractViolation.require(try await store.history(limit: 1).first?.status == .running, "own lock again: still running")
        // Freeing the lock of a run that never finished: its apply was interrupted.
        try await store.unlock(id: "L1")
        let killed = try await store.history(limit: 1).first
        try ContractViolation.require(killed?.status == .interrupted && killed?.finishedAt != nil, "unlock interrupts: \(String(describing: killed))")
        try ContractViolation.require(killed?.outcomes == [setting("a")], "what it committed stays in its entry")
        try ContractViolation.require(try await store.load()?.resources[setting("a").address] != nil, "and in state")
        // An apply opened without the lock is interrupted when the next run takes the free lock.
        try await store.beginApply(entry("orphan", startedAt: 1_800_000_000))
        _ = try await store.tryLock(holder("L2"))
        try ContractViolation.require(try await store.history(limit: 1).first?.status == .interrupted, "taking a free lock interrupts")
    }

    static func lostLock(_ subject: Subject) async throws {
        let store = subject.store
        try await prepare(store)
        _ = try await commit(store, [setting("a")])
        // Someone frees the lock (`state unlock`) and another run takes it.
        try await store.unlock(id: "L1")
        _ = try await store.tryLock(holder("L2"))
        try await ContractViolation.requireThrows("a commit after losing the lock", {
            _ = try await commit(store, [setting("b")])
        }) {
            if case StateCommitRefused.notLockHolder(let id, let holder) = $0 { return id == "L1" && holder?.id == "L2" }
            return false
        }
        try ContractViolation.require(try await store.load()?.serial == 1, "the lost run wrote nothing more")
    }

    static func survivesACrash(_ subject: Subject) async throws {
        try await prepare(subject.store)
        _ = try await commit(subject.store, [setting("a"), setting("b")])
        // The process dies here: another opens the store.
        let reopened = try subject.reopen()
        let state = try await reopened.load()
        try ContractViolation.require(state?.serial == 1 && state?.resources.count == 2, "committed outcomes survive")
        try ContractViolation.require(try await reopened.currentLock()?.id == "L1", "the dead run's lock is still held, naming it")
        try ContractViolation.require(try await reopened.history(limit: 1).first?.status == .running, "its apply reads running until freed")
    }
}
