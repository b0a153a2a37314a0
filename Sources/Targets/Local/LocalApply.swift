import OrgSimulator
import Reconciler

/// Applies one batch of changes to the simulated org(s) and VCC, one outcome per change in order.
struct LocalApply {
    let simulator: OrgSimulator
    let tokens: @Sendable (String) -> String?

    func run(_ changes: [PlannedChange]) throws -> [ChangeOutcome] {
        guard let first = changes.first else { return [] }
        switch first.detail {
        case .setting(let setting):
            return try settings(changes, org: setting.org, action: first.action)
        case .secret:
            return changes.map(secret)
        case .link:
            return changes.map(link)
        }
    }

    private func settings(_ changes: [PlannedChange], org: String, action: ChangeAction) throws -> [ChangeOutcome] {
        let details = changes.compactMap { change -> SettingChange? in
            if case .setting(let setting) = change.detail { return setting }
            return nil
        }
        if action == .replace { return zip(changes, details).map { replace($0, $1) } }
        let results: [RecordResult]
        switch action {
        case .create:
            results = try simulator.createSettings(
                org: org, details.map { NewSetting(ownerId: $0.ownerId, clientId: $0.toKey) }).value
        case .update:
            results = try simulator.updateSettings(
                org: org, details.map { SettingUpdate(id: $0.recordId ?? "", clientId: .set($0.toKey ?? "")) }).value
        case .delete:
            results = try simulator.deleteSettings(org: org, details.map { $0.recordId ?? "" }).value
        default:
            return changes.map { ChangeOutcome(address: $0.address, status: .failed, resource: nil,
                                               code: "UNSUPPORTED", message: "\($0.action.rawValue) is not a settings write") }
        }
        return zip(changes, zip(details, results)).map { change, pair in
            let (detail, result) = pair
            guard result.success else { return Self.failed(change, result) }
            guard action != .delete, let key = detail.toKey else {
                return ChangeOutcome(address: change.address, status: .applied, resource: nil)
            }
            return ChangeOutcome(address: change.address, status: .applied,
                                 resource: .setting(accountKey: key, recordId: result.id ?? detail.recordId ?? "",
                                                    ownerId: detail.ownerId))
        }
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

    private func secret(_ change: PlannedChange) -> ChangeOutcome {
        guard case .secret(let secret) = change.detail else { return Self.mismatch(change) }
        guard let token = tokens(secret.variable), !token.isEmpty else {
            return ChangeOutcome(address: change.address, status: .failed, resource: nil, code: "TOKEN_MISSING",
                                 message: "environment variable \(secret.variable) is not set")
        }
        do {
            _ = try simulator.setToken(org: secret.org, clientId: secret.accountKey, token: token)
            return ChangeOutcome(address: change.address, status: .applied, resource: .secret(fingerprint: secret.fingerprint))
        } catch {
            return ChangeOutcome(address: change.address, status: .failed, resource: nil, code: "SECRET_REJECTED",
                                 message: String(describing: error))
        }
    }

    private func link(_ change: PlannedChange) -> ChangeOutcome {
        guard case .link(let link) = change.detail else { return Self.mismatch(change) }
        do {
            guard let org = link.toOrg, let user = link.toAPIUser else {
                _ = try simulator.unlink(key: link.accountKey)
                return ChangeOutcome(address: change.address, status: .applied, resource: .link(org: nil, apiUser: nil))
            }
            _ = try simulator.startLink(key: link.accountKey, org: org, username: user)
            return ChangeOutcome(address: change.address, status: .pending, resource: nil, code: "CONSENT_REQUIRED",
                                 message: ConsentInstructions.text(account: link.accountKey, environment: link.toEnvironment,
                                                                   org: org, apiUser: user))
        } catch {
            return ChangeOutcome(address: change.address, status: .failed, resource: nil, code: "LINK_REJECTED",
                                 message: String(describing: error))
        }
    }

    private static func mismatch(_ change: PlannedChange) -> ChangeOutcome {
        ChangeOutcome(address: change.address, status: .failed, resource: nil, code: "UNSUPPORTED",
                      message: "a batch mixed kinds of changes")
    }
}
