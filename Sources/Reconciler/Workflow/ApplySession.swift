/// The write half of `apply`, beside `PlanningSession`: under the caller's state lock, it refuses
/// a plan over its API budget, creates the state when the plan was made without one, opens a
/// history entry, runs the engine (each batch committed as it lands) and closes the entry with
/// what happened. The CLI only parses flags, takes the lock and renders.
public struct ApplySession: Sendable {
    public let remote: RemoteSystems
    public let store: any StateStore
    public let environment: @Sendable (String) -> String?
    public let budget: APIBudget
    /// Who applies, for the history.
    public let who: String
    public let host: String
    /// Seconds since 1970.
    public let clock: @Sendable () -> Double
    /// A stop requested from outside (a signal): the apply ends at the next batch boundary.
    public let stop: ApplyStop?

    public init(remote: RemoteSystems, store: any StateStore, environment: @escaping @Sendable (String) -> String?,
                budget: APIBudget = APIBudget(), who: String, host: String, clock: @escaping @Sendable () -> Double,
                stop: ApplyStop? = nil) {
        self.stop = stop
        self.remote = remote
        self.store = store
        self.environment = environment
        self.budget = budget
        self.who = who
        self.host = host
        self.clock = clock
    }

    /// Applies `plan` (checked for staleness by the caller) under the lock `lockID`. `progress` sees each outcome as it
    /// is committed. Throws `APIBudgetRefusal` before anything is written when the plan is over
    /// budget; a stop part-way is reported in the summary, with its history entry `failed`.
    /// Resources the plan observed as declared that state lacks (`Plan.unrecorded`) are recorded
    /// too, in the pending entries that waited for them (`StateCatchUp`), else in this apply's.
    public func apply(_ plan: Plan, lockID: String, progress: (ChangeOutcome) -> Void = { _ in }) async throws
        -> ApplyEngine.Summary
    {
        guard plan.writesState else { return ApplyEngine.Summary(outcomes: [], serial: plan.serial ?? 0) }
        if let refusal = budget.refusal(for: plan, usage: plan.apiCalls.usage) { throw refusal }
        // A plan made without state creates it (initialize keeps one another apply made meanwhile).
        if plan.lineage == nil {
            let salt = plan.newStateSalt.flatMap(Hex.decode) ?? []
            _ = try await store.initialize(lineage: RandomID.make(), fingerprintSalt: salt)
        }
        let applyID = RandomID.make()
        // A stopped apply's writes found in the org are recorded first, into its own entry: the
        // changes below were planned on the state they make.
        let fromSerial = try await recordRecovered(plan, lockID: lockID)
        var summary: ApplyEngine.Summary
        if plan.hasChanges {
            try await begin(applyID, plan)
            let engine = ApplyEngine(remote: remote, store: store, maxCalls: budget.maxCalls, stop: stop)
            do {
                summary = try await engine.apply(plan, applyID: applyID, lockID: lockID, fromSerial: fromSerial,
                                                 tokens: environment, progress: progress)
            } catch {
                try? await store.finishApply(id: applyID, status: .failed)
                throw error
            }
        } else {
            // Nothing to change: state only catches up with what the plan observed.
            let start = try await store.load()?.serial ?? 0
            if let planned = fromSerial ?? plan.serial, planned != start {
                throw StateCommitRefused.serialMoved(expected: planned, found: start)
            }
            summary = ApplyEngine.Summary(outcomes: [], serial: start)
        }
        summary.recorded = plan.recovered.map(\.address)
        let caughtUp = try await StateCatchUp(store: store)
            .recordIntoWaitingEntries(plan.unrecorded, lockID: lockID, serial: summary.serial)
        summary.serial = caughtUp.serial
        summary.recorded += plan.unrecorded.map(\.address)
        if !caughtUp.rest.isEmpty {
            // Recorded by this apply: the one that made changes, or an entry of its own.
            if !plan.hasChanges { try await begin(applyID, plan) }
            summary.serial = try await store.commit(caughtUp.rest.map(StateCatchUp.outcome), applyID: applyID,
                                                    expected: CommitPrecondition(lockID: lockID, serial: summary.serial))
        }
        if plan.hasChanges || !caughtUp.rest.isEmpty {
            summary.applyID = applyID
            try await store.finishApply(id: applyID, status: Self.status(of: summary))
        }
        return summary
    }

    /// Commits `plan.recovered` into the entries of the applies that wrote them; returns the serial
    /// after (nil when there was nothing to record).
    private func recordRecovered(_ plan: Plan, lockID: String) async throws -> Int64? {
        guard !plan.recovered.isEmpty else { return nil }
        // The plan's serial: the commit itself refuses a state that moved since (no extra read).
        var serial = plan.serial ?? 0
        for applyID in Set(plan.recovered.map(\.applyID)).sorted() {
            serial = try await store.commit(plan.recovered.filter { $0.applyID == applyID }.map(\.outcome), applyID: applyID,
                                            expected: CommitPrecondition(lockID: lockID, serial: serial))
        }
        return serial
    }

    private func begin(_ applyID: String, _ plan: Plan) async throws {
        try await store.beginApply(ApplyRecord(id: applyID, who: who, host: host, startedAt: clock(),
                                               planDigest: plan.digest, status: .running))
    }

    /// The status of an apply's entry; `resolved` of its pending changes have landed since
    /// (links consented while it waited).
    static func status(of summary: ApplyEngine.Summary, resolved: Int = 0) -> ApplyRecord.Status {
        // Asked to stop: what landed is in state, the rest was never sent; the next run finishes.
        if case .stopRequested = summary.stopped { return .interrupted }
        if summary.failed > 0 || summary.stopped != nil { return .failed }
        return summary.pending > resolved ? .pending : .succeeded
    }
}
