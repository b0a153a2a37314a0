/// The journal of one settings batch: what an apply is about to write, recorded in state before
/// the batch is sent and cleared by the commit of its outcomes. A run killed (or crashed, or cut
/// off) between the two leaves it behind, and the next plan uses it to tell the org's records that
/// vccctl itself wrote from changes made outside vccctl (`JournalRecovery`).
public struct WriteIntent: Sendable, Hashable, Codable {
    /// The apply that sent the batch.
    public var applyID: String
    public var writes: [IntendedWrite]

    public init(applyID: String, writes: [IntendedWrite]) {
        self.applyID = applyID
        self.writes = writes
    }
}

/// One record of a batch as it will be once the batch lands.
public struct IntendedWrite: Sendable, Hashable, Codable {
    public var address: ResourceAddress
    /// The record's owner after the write.
    public var ownerId: String
    /// The record the write changes or deletes (nil for a create).
    public var recordId: String?
    /// The key it will hold; nil: the record is deleted.
    public var accountKey: String?

    public init(address: ResourceAddress, ownerId: String, recordId: String?, accountKey: String?) {
        self.address = address
        self.ownerId = ownerId
        self.recordId = recordId
        self.accountKey = accountKey
    }

    /// What a settings change will leave; nil for changes that write nothing to the org.
    public init?(_ change: PlannedChange) {
        guard case .setting(let setting) = change.detail else { return nil }
        switch change.action {
        case .create, .update, .replace, .delete:
            self.init(address: change.address, ownerId: setting.ownerId, recordId: setting.recordId,
                      accountKey: change.action == .delete ? nil : setting.toKey)
        default:
            return nil
        }
    }
}

/// A write of an apply that stopped between sending a batch and committing it, found in the org
/// exactly as intended: vccctl's own, so it is recorded by the next apply instead of being
/// reported as drift and adopted.
public struct RecoveredWrite: Sendable, Hashable, Codable {
    public var address: ResourceAddress
    /// What state records; nil: the record was deleted, state forgets it.
    public var resource: AppliedResource?
    /// The interrupted apply, whose history entry the outcome joins.
    public var applyID: String

    public init(address: ResourceAddress, resource: AppliedResource?, applyID: String) {
        self.address = address
        self.resource = resource
        self.applyID = applyID
    }

    public var outcome: ChangeOutcome {
        ChangeOutcome(address: address, status: .applied, resource: resource)
    }
}
