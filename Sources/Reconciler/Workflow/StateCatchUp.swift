/// Records in state, under the caller's lock, the resources a plan observed exactly as declared
/// while state lacked them (`Plan.unrecorded`). Each goes into every `pending` history entry whose
/// change at that address still waits (a link left waiting for consent), and an entry left with
/// nothing waiting is finished `succeeded`: the history says when it was resolved (`finishedAt`)
/// instead of reading `pending` forever.
struct StateCatchUp {
    let store: any StateStore

    /// How many recent history entries are searched for one waiting: older ones stay as they are.
    static let historyDepth = 100

    /// Records what some pending entry waits for; returns the rest (for the caller's own entry)
    /// and the serial after the commits.
    func recordIntoWaitingEntries(_ unrecorded: [UnrecordedResource], lockID: String, serial: Int64) async throws
        -> (rest: [UnrecordedResource], serial: Int64)
    {
        guard !unrecorded.isEmpty else { return ([], serial) }
        let waiting = try await store.history(limit: Self.historyDepth)
            .filter { $0.status == .pending }
            .map { (entry: $0, addresses: Self.waitingAddresses($0.outcomes)) }
        var serial = serial
        var rest: [UnrecordedResource] = []
        var resolved: [String: Set<ResourceAddress>] = [:]
        for resource in unrecorded {
            let entries = waiting.filter { $0.addresses.contains(resource.address) }
            if entries.isEmpty { rest.append(resource); continue }
            for (entry, _) in entries {
                serial = try await store.commit([Self.outcome(resource)], applyID: entry.id,
                                                expected: CommitPrecondition(lockID: lockID, serial: serial))
                resolved[entry.id, default: []].insert(resource.address)
            }
        }
        for (entry, addresses) in waiting where !addresses.isEmpty && addresses.isSubset(of: resolved[entry.id] ?? []) {
            try await store.finishApply(id: entry.id, status: .succeeded)
        }
        return (rest, serial)
    }

    /// The outcome that records `resource` as it was observed.
    static func outcome(_ resource: UnrecordedResource) -> ChangeOutcome {
        ChangeOutcome(address: resource.address, status: .applied, resource: resource.resource,
                      message: "observed as declared")
    }

    /// The addresses whose last outcome in `outcomes` is `pending`: what the entry still waits for.
    static func waitingAddresses(_ outcomes: [ChangeOutcome]) -> Set<ResourceAddress> {
        var last: [ResourceAddress: ChangeOutcome.Status] = [:]
        for outcome in outcomes { last[outcome.address] = outcome.status }
        return Set(last.compactMap { $0.value == .pending ? $0.key : nil })
    }
}
