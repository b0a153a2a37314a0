/// Carries out a plan: batch by batch against the target, each batch's outcomes committed to state
/// as soon as they land, so that a failure or a `kill -9` at any point loses nothing and a re-run
/// converges.
public struct ApplyEngine: Sendable {
    public let target: any Target
    public let store: any StateStore

    public init(target: any Target, store: any StateStore) {
        self.target = target
        self.store = store
    }

    /// What an apply did.
    public struct Summary: Sendable {
        public var outcomes: [ChangeOutcome]
        public var serial: Int64
        public var applied: Int { outcomes.count { $0.status == .applied } }
        public var failed: Int { outcomes.count { $0.status == .failed } }
        public var pending: Int { outcomes.count { $0.status == .pending } }
    }

    /// Applies `plan` (already checked for staleness) under the caller's lock and history entry.
    /// `progress` sees each outcome as it is committed.
    public func apply(
        _ plan: Plan, applyID: String, tokens: @escaping @Sendable (String) -> String?,
        progress: (ChangeOutcome) -> Void = { _ in }
    ) async throws -> Summary {
        var serial = try await store.load()?.serial ?? 0
        var outcomes: [ChangeOutcome] = []
        var failedKeys = Set<String>()
        for batch in ApplyBatches.split(plan.changes) {
            // A token can only be stored once the records carrying its key exist.
            let (runnable, skipped) = batch.partitioned { change in
                guard case .secret(let secret) = change.detail else { return true }
                return !failedKeys.contains("\(secret.org)/\(secret.accountKey)")
            }
            var landed: [ChangeOutcome] = []
            if !runnable.isEmpty {
                landed = runnable.first?.action.callsTarget == true
                    ? try await callTarget(runnable, tokens: tokens)
                    : runnable.map(Self.stateOnlyOutcome)
            }
            landed += skipped.map {
                ChangeOutcome(address: $0.address, status: .failed, resource: nil, code: "DEPENDENCY_FAILED",
                              message: "not attempted: a settings record carrying this key failed to apply")
            }
            serial = try await store.commit(landed, applyID: applyID)
            for (change, outcome) in zip(runnable + skipped, landed) {
                if outcome.status == .failed, case .setting(let setting) = change.detail, let key = setting.toKey {
                    failedKeys.insert("\(setting.org)/\(key)")
                }
                progress(outcome)
            }
            outcomes += landed
        }
        return Summary(outcomes: outcomes, serial: serial)
    }

    private func callTarget(_ batch: [PlannedChange], tokens: @escaping @Sendable (String) -> String?) async throws
        -> [ChangeOutcome]
    {
        let outcomes = try await target.apply(batch, tokens: tokens)
        guard outcomes.count == batch.count else {
            throw ApplyError.targetContract("the target returned \(outcomes.count) outcomes for \(batch.count) changes")
        }
        return outcomes
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

extension Array {
    /// Elements that satisfy `predicate`, then the others, each in order.
    func partitioned(by predicate: (Element) -> Bool) -> ([Element], [Element]) {
        var yes: [Element] = [], no: [Element] = []
        for element in self { if predicate(element) { yes.append(element) } else { no.append(element) } }
        return (yes, no)
    }
}
