/// Carries out a plan: batch by batch against the target and VCC, each batch's outcomes committed
/// to state as soon as they land, so that a failure, a stop part-way or a `kill -9` at any point
/// loses nothing and a re-run converges.
public struct ApplyEngine: Sendable {
    public let remote: RemoteSystems
    public let store: any StateStore
    /// The most API calls this apply may spend (nil: no limit).
    public let maxCalls: Int?
    /// Checked before each batch: once a stop is requested, no further batch is sent.
    public let stop: ApplyStop?

    public init(remote: RemoteSystems, store: any StateStore, maxCalls: Int? = nil, stop: ApplyStop? = nil) {
        self.remote = remote
        self.store = store
        self.maxCalls = maxCalls
        self.stop = stop
    }

    /// What an apply did.
    public struct Summary: Sendable {
        public var outcomes: [ChangeOutcome]
        public var serial: Int64
        /// API calls the writes spent (retries included).
        public var apiCalls: Int = 0
        /// The org's usage as the last write reported it, when known.
        public var apiUsage: APIUsage?
        /// Why the apply stopped before its last change, if it did. The outcomes that landed are
        /// committed; the changes after the stop were not attempted.
        public var stopped: TargetInterrupted.Reason?
        /// Changes not attempted because the apply stopped.
        public var notAttempted: Int = 0
        /// The history entry the outcomes were recorded in.
        public var applyID: String = ""
        /// Resources recorded in state because they were observed exactly as declared
        /// (`Plan.unrecorded`): no change, no API call.
        public var recorded: [ResourceAddress] = []
        public var applied: Int { outcomes.count { $0.status == .applied } }
        public var failed: Int { outcomes.count { $0.status == .failed } }
        public var pending: Int { outcomes.count { $0.status == .pending } }
    }

    /// Applies `plan` (already checked for staleness) under the caller's lock and history entry.
    /// `progress` sees each outcome as it is committed.
    /// `fromSerial`: the serial the apply starts from, when the caller committed before it (the
    /// plan's own otherwise).
    public func apply(
        _ plan: Plan, applyID: String, lockID: String, fromSerial: Int64? = nil, tokens: @escaping @Sendable (String) -> String?,
        progress: (ChangeOutcome) -> Void = { _ in }
    ) async throws -> Summary {
        let start = try await store.load()?.serial ?? 0
        // The plan was made from this serial: a state that moved since is not written over.
        if let planned = fromSerial ?? plan.serial, planned != start {
            throw StateCommitRefused.serialMoved(expected: planned, found: start)
        }
        var summary = Summary(outcomes: [], serial: start)
        summary.applyID = applyID
        func commit(_ outcomes: [ChangeOutcome]) async throws -> Int64 {
            try await store.commit(outcomes, applyID: applyID,
                                   expected: CommitPrecondition(lockID: lockID, serial: summary.serial))
        }
        var dependencies = ApplyDependencies(plan.changes)
        let batches = ApplyBatches.split(plan.changes, recordsPerCall: APICallEstimate.recordsPerWrite)
        for (index, batch) in batches.enumerated() {
            if let reason = stop?.reason {
                summary.stopped = .stopRequested(reason)
                summary.notAttempted = batches[index...].reduce(0) { $0 + $1.changes.count }
                break
            }
            if let maxCalls, case .settings(let write) = batch,
               summary.apiCalls + (write.action == .replace ? 2 : 1) > maxCalls {
                summary.stopped = .budgetExhausted(limit: maxCalls)
                summary.notAttempted = batches[index...].reduce(0) { $0 + $1.changes.count }
                break
            }
            var landed: [ChangeOutcome] = []
            var attempted: [PlannedChange] = []
            do {
                switch batch {
                case .stateOnly(let changes):
                    attempted = changes
                    landed = changes.map(Self.stateOnlyOutcome)
                case .vcc(let change):
                    attempted = [change]
                    landed = [try await vccOutcome(change, dependencies: dependencies, tokens: tokens)]
                case .settings(let write):
                    attempted = write.changes
                    // Changes held back by a prerequisite that did not land are not sent.
                    var held = write.changes.map(dependencies.heldBack)
                    var sent = write
                    sent.changes = zip(write.changes, held).compactMap { $1 == nil ? $0 : nil }
                    if !sent.changes.isEmpty {
                        // The journal first: a run stopped after sending and before committing
                        // leaves it, and the next run knows these writes as its own.
                        try await store.recordIntent(
                            WriteIntent(applyID: applyID, writes: sent.changes.compactMap(IntendedWrite.init)),
                            expected: CommitPrecondition(lockID: lockID, serial: summary.serial))
                        let result = try await remote.target.write(sent)
                        guard result.outcomes.count == sent.changes.count else {
                            throw ApplyError.targetContract(
                                "the target returned \(result.outcomes.count) outcomes for \(sent.changes.count) changes")
                        }
                        var outcomes = result.outcomes.makeIterator()
                        for index in held.indices where held[index] == nil { held[index] = outcomes.next() }
                        summary.apiCalls += result.apiCalls
                        summary.apiUsage = result.usage ?? summary.apiUsage
                    }
                    landed = held.compactMap { $0 }
                }
            } catch let interrupted as TargetInterrupted {
                // Keep what landed, then stop: the rest of the plan is not attempted.
                summary.apiCalls += interrupted.apiCalls
                if !interrupted.landed.isEmpty {
                    summary.serial = try await commit(interrupted.landed)
                    interrupted.landed.forEach(progress)
                    summary.outcomes += interrupted.landed
                }
                if case .dailyLimitReached(let usage?) = interrupted.reason { summary.apiUsage = usage }
                summary.stopped = interrupted.reason
                summary.notAttempted = batches[index...].reduce(0) { $0 + $1.changes.count } - interrupted.landed.count
                break
            }
            summary.serial = try await commit(landed)
            for (change, outcome) in zip(attempted, landed) {
                dependencies.landed(change, outcome)
                progress(outcome)
            }
            summary.outcomes += landed
        }
        return summary
    }

    /// A secret waits for the records carrying its key (`ApplyDependencies`).
    private func vccOutcome(_ change: PlannedChange, dependencies: ApplyDependencies,
                            tokens: @escaping @Sendable (String) -> String?) async throws -> ChangeOutcome {
        if let held = dependencies.heldBack(change) { return held }
        return await VCCChangeRunner(vcc: remote.vcc, environment: tokens).run(change)
    }

    /// Adopt records what is there; forget drops what is gone. Neither calls the target.
    static func stateOnlyOutcome(_ change: PlannedChange) -> ChangeOutcome {
        var resource: AppliedResource?
        if change.action == .adopt {
            switch change.detail {
            case .setting(let setting):
                if let key = setting.toKey, let recordId = setting.recordId {
                    resource = .setting(accountKey: key, recordId: recordId, ownerId: setting.ownerId)
                }
            case .link(let link):
                resource = .link(org: link.toOrg, apiUser: link.toAPIUser)
            case .secret(let secret):
                resource = .secret(fingerprint: secret.fingerprint)
            }
        }
        return ChangeOutcome(address: change.address, status: .applied, resource: resource)
    }
}

/// Failures of the apply machinery itself (not of one change).
public enum ApplyError: Error, Sendable, CustomStringConvertible {
    case targetContract(String)

    public var description: String {
        switch self {
        case .targetContract(let message): "the target broke its contract: \(message)"
        }
    }
}
