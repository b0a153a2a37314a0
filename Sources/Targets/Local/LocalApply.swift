import OrgSimulator
import Reconciler

/// Writes one batch of settings changes to the simulated org, one outcome per change in order.
struct LocalApply {
    let simulator: OrgSimulator

    func write(_ batch: SettingsWriteBatch) throws -> TargetWriteResult {
        try settings(batch.changes, org: batch.org, action: batch.action)
    }

    private func settings(_ changes: [PlannedChange], org: String, action: ChangeAction) throws -> TargetWriteResult {
        let details = changes.compactMap { change -> SettingChange? in
            if case .setting(let setting) = change.detail { return setting }
            return nil
        }
        if action == .replace {
            // A delete and a create: two calls.
            return TargetWriteResult(outcomes: zip(changes, details).map { replace($0, $1) }, apiCalls: 2 * changes.count)
        }
        let written: Metered<[RecordResult]>
        let perCall = APICallEstimate.recordsPerWrite
        switch action {
        case .create:
            written = try simulator.createSettings(
                org: org, details.map { NewSetting(ownerId: $0.ownerId, clientId: $0.toKey) }, recordsPerCall: perCall)
        case .update:
            written = try simulator.updateSettings(
                org: org, details.map { SettingUpdate(id: $0.recordId ?? "", clientId: .set($0.toKey ?? "")) },
                recordsPerCall: perCall)
        case .delete:
            written = try simulator.deleteSettings(org: org, details.map { $0.recordId ?? "" }, recordsPerCall: perCall)
        case .clearRetired:
            // Only the retired field changes: the record and its key stay.
            written = try simulator.updateSettings(
                org: org, details.map { SettingUpdate(id: $0.recordId ?? "", retiredToken: .clear) }, recordsPerCall: perCall)
        default:
            return TargetWriteResult(outcomes: changes.map {
                ChangeOutcome(address: $0.address, status: .failed, resource: nil,
                              code: "UNSUPPORTED", message: "\($0.action.rawValue) is not a settings write")
            }, apiCalls: 0)
        }
        var calls = written.apiCalls
        var results = written.value
        if action == .create {
            for index in results.indices where results[index].errors.first?.statusCode == "DUPLICATE_VALUE" {
                // The owner got a record since the plan (the package creates the org default
                // itself): re-read it and update it instead, as the REST target does.
                results[index] = try recoverDuplicate(org: org, details[index], calls: &calls) ?? results[index]
            }
        }
        let outcomes = zip(changes, zip(details, results)).map { change, pair in
            let (detail, result) = pair
            guard result.success else { return Self.failed(change, result) }
            guard action != .delete, let key = detail.toKey else {
                return ChangeOutcome(address: change.address, status: .applied, resource: nil)
            }
            return ChangeOutcome(address: change.address, status: .applied,
                                 resource: .setting(accountKey: key, recordId: result.id ?? detail.recordId ?? "",
                                                    ownerId: detail.ownerId))
        }
        return TargetWriteResult(outcomes: outcomes, apiCalls: calls)
    }

    /// The update that replaces a create whose owner has a record already; nil when none is found.
    private func recoverDuplicate(org: String, _ detail: SettingChange, calls: inout Int) throws -> RecordResult? {
        let existing = try simulator.settingRecord(org: org, ownerId: detail.ownerId)
        calls += existing.apiCalls
        guard let record = existing.value else { return nil }
        let updated = try simulator.updateSettings(org: org, [SettingUpdate(id: record.id, clientId: .set(detail.toKey ?? ""))])
        calls += updated.apiCalls
        return updated.value.first
    }

    /// A record's owner cannot change: delete the old record, create one for the new owner. A
    /// failure between the two leaves state naming a record that is gone, which the next plan
    /// sees as deleted and creates again.
    private func replace(_ change: PlannedChange, _ detail: SettingChange) -> ChangeOutcome {
        do {
            if let recordId = detail.recordId,
               let deleted = try simulator.deleteSettings(org: detail.org, [recordId]).value.first,
               !deleted.success, deleted.errors.first?.statusCode != "ENTITY_IS_DELETED" {
                return Self.failed(change, deleted)
            }
            guard let created = try simulator.createSettings(
                org: detail.org, [NewSetting(ownerId: detail.ownerId, clientId: detail.toKey)]).value.first else {
                return ChangeOutcome(address: change.address, status: .failed, resource: nil, code: "UNKNOWN_ERROR")
            }
            guard created.success, let key = detail.toKey else { return Self.failed(change, created) }
            return ChangeOutcome(address: change.address, status: .applied,
                                 resource: .setting(accountKey: key, recordId: created.id ?? "", ownerId: detail.ownerId))
        } catch {
            return ChangeOutcome(address: change.address, status: .failed, resource: nil, code: "REPLACE_FAILED",
                                 message: String(describing: error))
        }
    }

    private static func failed(_ change: PlannedChange, _ result: RecordResult) -> ChangeOutcome {
        let error = result.errors.first
        return ChangeOutcome(address: change.address, status: .failed, resource: nil,
                             code: error?.statusCode ?? "UNKNOWN_ERROR", message: error?.message)
    }
}
