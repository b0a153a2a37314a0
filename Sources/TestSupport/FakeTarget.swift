public import Reconciler
import Synchronization
public import VCCModel

/// A `Target` holding one org's settings records in memory, for tests of the apply engine: it
/// can stop part-way as Salesforce does (the daily limit reached after some writes), so that
/// what the engine keeps and what a re-run does can be checked without a server.
public final class FakeTarget: Target, Sendable {
    private struct Org {
        var orgId = "00D000000000001AAA"
        /// Owners by location (the directory).
        var owners: [Location: OwnerResolution] = [:]
        /// Records by owner Id: record Id and key.
        var records: [String: (id: String, key: String)] = [:]
        var nextRecord = 1
        var writes = 0
        /// Record Ids whose retired token field a `clear-retired` write emptied, in order.
        var clearedRetired: [String] = []
    }

    private let org = Mutex(Org())
    /// The org's name in requests.
    public let name: String
    /// After this many successful writes, every further write stops with the daily limit reached,
    /// landing `landOnStop` of its changes first.
    private let limitAfterWrites: Mutex<Int?>
    private let landOnStop: Int

    public init(name: String = "prod", owners: [Location: OwnerResolution], limitAfterWrites: Int? = nil, landOnStop: Int = 0) {
        self.name = name
        self.limitAfterWrites = Mutex(limitAfterWrites)
        self.landOnStop = landOnStop
        org.withLock { $0.owners = owners }
    }

    /// A new day: the daily limit no longer stops writes.
    public func liftLimit() {
        limitAfterWrites.withLock { $0 = nil }
    }

    /// The key of each location's record.
    public var keys: [Location: String] {
        org.withLock { org in
            var keys: [Location: String] = [:]
            for (location, owner) in org.owners {
                if let record = org.records[owner.ownerId] { keys[location] = record.key }
            }
            return keys
        }
    }

    /// Write calls made so far.
    public var writes: Int { org.withLock { $0.writes } }

    /// Record Ids whose retired token field was cleared, in order.
    public var clearedRetired: [String] { org.withLock { $0.clearedRetired } }

    public func refresh(_ request: RefreshRequest) async throws -> ObservedState {
        org.withLock { org in
            var entries: [LocationTable<ObservedSetting>.Entry] = []
            var digest = ReadDigest()
            for (location, owner) in org.owners {
                guard let record = org.records[owner.ownerId] else { continue }
                entries.append(.init(location, ObservedSetting(recordId: record.id, owner: owner, accountKey: record.key)))
                digest.add("setting", record.id, owner.ownerId, record.key)
            }
            let table = LocationTable(entries)
            var observed = ObservedOrg(orgId: org.orgId, settings: table)
            for location in request.unresolved(org: name, records: table) {
                observed.owners[location] = org.owners[location]
            }
            return ObservedState(orgs: [name: observed], readDigest: digest.hex, apiCalls: 1)
        }
    }

    public func write(_ batch: SettingsWriteBatch) async throws -> TargetWriteResult {
        let limit = limitAfterWrites.withLock { $0 }
        return try org.withLock { org in
            if let limit, org.writes >= limit {
                let landed = batch.changes.prefix(landOnStop).map { Self.land($0, in: &org) }
                throw TargetInterrupted(reason: .dailyLimitReached(usage: APIUsage(used: 100, max: 100)),
                                        landed: Array(landed), apiCalls: 1)
            }
            org.writes += 1
            return TargetWriteResult(outcomes: batch.changes.map { Self.land($0, in: &org) }, apiCalls: 1)
        }
    }

    private static func land(_ change: PlannedChange, in org: inout Org) -> ChangeOutcome {
        guard case .setting(let setting) = change.detail else {
            return ChangeOutcome(address: change.address, status: .failed, resource: nil, code: "UNSUPPORTED")
        }
        switch change.action {
        case .clearRetired:
            org.clearedRetired.append(setting.recordId ?? "")
            return ChangeOutcome(address: change.address, status: .applied,
                                 resource: setting.toKey.map { .setting(accountKey: $0, recordId: setting.recordId ?? "", ownerId: setting.ownerId) })
        case .delete:
            org.records[setting.ownerId] = nil
            return ChangeOutcome(address: change.address, status: .applied, resource: nil)
        default:
            let id = org.records[setting.ownerId]?.id ?? "a0B\(String(100_000_000_000_000 + org.nextRecord).dropFirst())"
            org.nextRecord += 1
            org.records[setting.ownerId] = (id, setting.toKey ?? "")
            return ChangeOutcome(address: change.address, status: .applied,
                                 resource: .setting(accountKey: setting.toKey ?? "", recordId: id, ownerId: setting.ownerId))
        }
    }
}
