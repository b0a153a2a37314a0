import Reconciler

/// Writes one batch of settings changes (one org, one action) and maps each record's result to
/// the change's outcome, as `LocalApply` does. Changes that do not settle on the first try are
/// re-read and sent again: a create refused with DUPLICATE_VALUE (the owner has a record) turns
/// into an update of that record, an update of a record that is gone into a create, and a
/// Composite request whose answer was lost is re-read before anything is sent again, so that a
/// retry neither duplicates a record nor applies a change twice.
struct SalesforceWrite {
    let client: SalesforceOrgClient
    let batch: SettingsWriteBatch
    /// Rounds of re-reading and re-sending before a change counts as not settling.
    let maxRounds: Int

    /// One change on its way: what it wants the org to hold and the write that gets it there.
    struct Item: Sendable {
        var index: Int
        var desired: WriteRecovery.Desired
        var operation: WriteOperation
    }

    enum Settled: Sendable, Equatable {
        case applied(recordId: String?)
        case failed(SalesforceAPIError)
    }

    func run() async throws -> TargetWriteResult {
        let details = batch.changes.map { change -> SettingChange? in
            if case .setting(let setting) = change.detail { return setting }
            return nil
        }
        var settled: [Int: Settled] = [:]
        do {
            try await checkPermissions()
            switch batch.action {
            case .create, .update, .delete, .clearRetired:
                var items: [Item] = []
                for (index, detail) in details.enumerated() {
                    guard let detail else { settled[index] = .failed(Self.notASetting); continue }
                    if let item = Self.item(index, detail, action: batch.action) { items.append(item) } else {
                        settled[index] = .applied(recordId: nil)
                    }
                }
                try await settle(items, into: &settled)
            case .replace:
                try await replace(details, into: &settled)
            default:
                for index in details.indices {
                    settled[index] = .failed(SalesforceAPIError(code: "UNSUPPORTED", message: "\(batch.action.rawValue) is not a settings write"))
                }
            }
        } catch let error as SalesforceError {
            let reason: TargetInterrupted.Reason
            switch error {
            case .dailyLimitReached(_, let usage): reason = .dailyLimitReached(usage: usage ?? client.tally.usage)
            case .unreachable(_, let detail): reason = .unreachable(detail)
            default: throw error
            }
            throw TargetInterrupted(reason: reason, landed: outcomes(settled, details, final: false), apiCalls: client.tally.calls)
        }
        return TargetWriteResult(outcomes: outcomes(settled, details, final: true), apiCalls: client.tally.calls,
                                 usage: client.tally.usage)
    }

    /// The first write of a change, or nil when there is nothing to do (a delete of no record).
    static func item(_ index: Int, _ detail: SettingChange, action: ChangeAction) -> Item? {
        switch action {
        case .delete:
            guard let recordId = detail.recordId else { return nil }
            return Item(index: index, desired: .gone(recordId: recordId), operation: .delete(recordId: recordId))
        case .clearRetired:
            guard let recordId = detail.recordId else { return nil }
            return Item(index: index, desired: .retiredCleared(recordId: recordId), operation: .clearRetired(recordId: recordId))
        case .update:
            let desired = WriteRecovery.Desired.holding(ownerId: detail.ownerId, key: detail.toKey)
            guard let recordId = detail.recordId else {
                return Item(index: index, desired: desired, operation: .create(ownerId: detail.ownerId, key: detail.toKey))
            }
            return Item(index: index, desired: desired, operation: .update(recordId: recordId, key: detail.toKey))
        default:
            return Item(index: index, desired: .holding(ownerId: detail.ownerId, key: detail.toKey),
                        operation: .create(ownerId: detail.ownerId, key: detail.toKey))
        }
    }

    /// A replace: the old records go first (one Composite request for all), then the new
    /// owners' records are created for those whose old record is gone.
    private func replace(_ details: [SettingChange?], into settled: inout [Int: Settled]) async throws {
        var deletes: [Item] = []
        var creates: [Item] = []
        for (index, detail) in details.enumerated() {
            guard let detail else { settled[index] = .failed(Self.notASetting); continue }
            if let recordId = detail.recordId {
                deletes.append(Item(index: index, desired: .gone(recordId: recordId), operation: .delete(recordId: recordId)))
            }
            creates.append(Self.item(index, detail, action: .create)!)
        }
        var deleted: [Int: Settled] = [:]
        try await settle(deletes, into: &deleted)
        for (index, outcome) in deleted {
            if case .failed = outcome { settled[index] = outcome }
        }
        let remaining = creates.filter { settled[$0.index] == nil }
        try await settle(remaining, into: &settled)
    }

    /// Sends `items` and settles each: applied, failed, or (after re-reading) sent again, for at
    /// most `maxRounds` rounds.
    func settle(_ items: [Item], into settled: inout [Int: Settled]) async throws {
        var pending = items
        var lastError: [Int: SalesforceAPIError] = [:]
        var round = 0
        while !pending.isEmpty {
            round += 1
            var reread: [Item] = []
            for kind in WriteOperation.Kind.allCases {
                let group = pending.filter { $0.operation.kind == kind }
                for request in stride(from: 0, to: group.count, by: APICallEstimate.recordsPerWrite) {
                    let chunk = Array(group[request..<Swift.min(request + APICallEstimate.recordsPerWrite, group.count)])
                    let results: [CollectionRecordResult]
                    do {
                        results = try await client.write(chunk.map(\.operation))
                    } catch is RequestFateUnknown {
                        for item in chunk { lastError[item.index] = nil }
                        reread += chunk
                        continue
                    }
                    for (item, result) in zip(chunk, results) {
                        switch WriteRecovery.decide(item.operation, result) {
                        case .applied(let recordId): settled[item.index] = .applied(recordId: recordId)
                        case .failed(let error): settled[item.index] = .failed(error)
                        case .reread:
                            let error = result.errors.first
                            lastError[item.index] = error?.code == WriteRecovery.noResultCode ? nil : error
                            reread.append(item)
                        }
                    }
                }
            }
            guard !reread.isEmpty else { return }
            guard round < maxRounds else {
                // Still not settled: a change that kept failing reports its error; one whose
                // fate stayed unknown stops the batch.
                for item in reread {
                    guard let error = lastError[item.index] else {
                        throw SalesforceError.unreachable(org: client.org, detail: "writes whose answers were lost did not settle after \(round) rounds")
                    }
                    settled[item.index] = .failed(error)
                }
                return
            }
            let found = try await lookUp(reread)
            pending = []
            for item in reread {
                let current: WriteRecovery.Found?
                switch item.desired {
                case .holding(let ownerId, _): current = found.byOwner[ownerId]
                case .gone(let recordId): current = found.byId[recordId]
                case .retiredCleared: current = nil
                }
                switch WriteRecovery.next(item.desired, found: current) {
                case .done(let recordId): settled[item.index] = .applied(recordId: recordId)
                case .send(let operation): pending.append(Item(index: item.index, desired: item.desired, operation: operation))
                }
            }
        }
    }

    /// Re-reads the records of the items' owners (and the records deletes aim at).
    private func lookUp(_ items: [Item]) async throws -> (byOwner: [String: WriteRecovery.Found], byId: [String: WriteRecovery.Found]) {
        var owners: [String] = []
        var ids: [String] = []
        for item in items {
            switch item.desired {
            case .holding(let ownerId, _): owners.append(ownerId)
            case .gone(let recordId): ids.append(recordId)
            case .retiredCleared: break
            }
        }
        let query = SettingsQuery(names: client.names)
        let prefix = await client.queryURIPrefixLength()
        var soqls = query.recordsByOwner.queries(Array(Set(owners)).sorted(), prefixLength: prefix)
        soqls += query.recordsById.queries(Array(Set(ids)).sorted(), prefixLength: prefix)
        var byOwner: [String: WriteRecovery.Found] = [:]
        var byId: [String: WriteRecovery.Found] = [:]
        guard !soqls.isEmpty else { return ([:], [:]) }
        for record in try await client.queries(soqls) {
            guard let id = record["Id"]?.string, let ownerId = record["SetupOwnerId"]?.string else { continue }
            let found = WriteRecovery.Found(recordId: id, ownerId: ownerId, key: record[client.names.keyField]?.string)
            byOwner[ownerId] = found
            byId[id] = found
        }
        return (byOwner, byId)
    }

    /// Fails the batch before anything is sent when the user may not write the object.
    private func checkPermissions() async throws {
        let operations: Set<String> = switch batch.action {
        case .create: ["create"]
        case .update, .clearRetired: ["update"]
        case .delete: ["delete"]
        case .replace: ["delete", "create"]
        default: []
        }
        guard !operations.isEmpty else { return }
        try SettingsQuery(names: client.names).validate(org: client.org)
        try await client.describe().checkWritable(operations, object: client.names.object, org: client.org)
    }

    /// One outcome per change in order; `final: false` keeps only the changes that settled.
    private func outcomes(_ settled: [Int: Settled], _ details: [SettingChange?], final: Bool) -> [ChangeOutcome] {
        batch.changes.enumerated().compactMap { index, change -> ChangeOutcome? in
            switch settled[index] {
            case .applied(let recordId):
                guard batch.action != .delete, let detail = details[index], let key = detail.toKey else {
                    return ChangeOutcome(address: change.address, status: .applied, resource: nil)
                }
                let id = recordId ?? (batch.action == .replace ? nil : detail.recordId) ?? ""
                return ChangeOutcome(address: change.address, status: .applied,
                                     resource: .setting(accountKey: key, recordId: id, ownerId: detail.ownerId))
            case .failed(let error):
                return ChangeOutcome(address: change.address, status: .failed, resource: nil, code: error.code,
                                     message: error.message.isEmpty ? nil : error.message)
            case nil:
                return final ? ChangeOutcome(address: change.address, status: .failed, resource: nil, code: "UNKNOWN_ERROR",
                                             message: "the change did not settle") : nil
            }
        }
    }

    private static let notASetting = SalesforceAPIError(code: "UNSUPPORTED", message: "not a settings change")
}
