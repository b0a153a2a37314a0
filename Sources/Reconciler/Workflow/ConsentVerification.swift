/// After an apply started link changes: waits for the consents and records each link as VCC
/// shows it linked exactly as declared, consented by the API user itself (the same check the
/// next plan makes). The links are recorded in the history entry of the apply that started them,
/// which ends with the final status: `succeeded` once nothing waits any more.
public struct ConsentVerification: Sendable {
    public let vcc: any VCCPort
    public let store: any StateStore
    /// Seconds since 1970.
    public let clock: @Sendable () -> Double

    public init(vcc: any VCCPort, store: any StateStore, clock: @escaping @Sendable () -> Double) {
        self.vcc = vcc
        self.store = store
        self.clock = clock
    }

    /// The link changes of `plan` that `summary` left waiting for consent.
    public static func waiting(_ summary: ApplyEngine.Summary, plan: Plan) -> [String: LinkChange] {
        let pending = Set(summary.outcomes.filter { $0.status == .pending && $0.code == ChangeOutcome.consentRequired }
            .map(\.address))
        var waiting: [String: LinkChange] = [:]
        for change in plan.changes where pending.contains(change.address) {
            if case .link(let link) = change.detail { waiting[link.accountKey] = link }
        }
        return waiting
    }

    /// Polls every `interval` seconds until each link `summary` left waiting is consented or `timeout` seconds passed;
    /// `linked` hears each account as it is recorded. Returns true when none is left waiting.
    public func wait(after summary: ApplyEngine.Summary, plan: Plan, lockID: String, timeout: Double, interval: Double = 1,
                     linked: (String) -> Void = { _ in }) async throws -> Bool {
        var waiting = Self.waiting(summary, plan: plan)
        let started = waiting.count
        var serial = try await store.load()?.serial ?? 0
        let deadline = clock() + timeout
        while !waiting.isEmpty, clock() < deadline {
            let observed = try await vcc.readLinks(waiting.keys.sorted())
            for (key, link) in waiting.sorted(by: { $0.key < $1.key }) {
                guard case .linked(let org, let orgId, let user, let consentedAs)? = observed[key],
                      org == link.toOrg || (link.toOrgId != nil && orgId == link.toOrgId),
                      user == link.toAPIUser, consentedAs == user else { continue }
                serial = try await store.commit([ChangeOutcome(address: .link(accountKey: key), status: .applied,
                                                               resource: .link(org: link.toOrg, apiUser: link.toAPIUser))],
                                                applyID: summary.applyID, expected: CommitPrecondition(lockID: lockID, serial: serial))
                linked(key)
                waiting[key] = nil
            }
            if !waiting.isEmpty { try await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000)) }
        }
        if waiting.count < started {
            try await store.finishApply(id: summary.applyID,
                                        status: ApplySession.status(of: summary, resolved: started - waiting.count))
        }
        return waiting.isEmpty
    }
}
