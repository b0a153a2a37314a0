import GRDB

/// The hierarchy custom setting: the REST operations a target uses (metered), and the admin
/// actions `vccctl sim` makes as someone clicking in Setup would (not metered).
extension OrgSimulator {
    /// All settings records of the org in Id order, as `SELECT … FROM NVMContactWorld__Settings__c`
    /// returns them. Metered max(1, ceil(n / 2000)) calls: one per page of 2000 records.
    public func querySettings(org: String) throws -> Metered<[SettingRecord]> {
        try write { db in
            _ = try Tables.requireOrg(db, named: org)
            var records: [SettingRecord] = []
            // A cursor straight into plain structs: no intermediate row array, values decoded
            // by column index through SQLite's typed accessors.
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: SettingRecordRow.select + " WHERE org = ? ORDER BY id"),
                arguments: [org])
            while let row = try rows.next() {
                records.append(try SettingRecordRow.decode(row))
            }
            let calls = max(1, SalesforceLimits.calls(for: records.count, pageSize: SalesforceLimits.queryPageSize))
            try Tables.meter(db, org: org, calls: calls)
            return Metered(value: records, apiCalls: calls)
        }
    }

    /// Creates records as `POST composite/sobjects` does, in requests of at most 200 records:
    /// one API call and one transaction per request, per-record results in input order.
    /// A second record for one owner fails with `DUPLICATE_VALUE`, an owner Id the org lacks with
    /// `INVALID_CROSS_REFERENCE_KEY`; the other records still land.
    public func createSettings(org: String, _ records: [NewSetting], recordsPerCall: Int = SalesforceLimits.collectionBatchSize)
        throws -> Metered<[RecordResult]>
    {
        try writeInRequests(org: org, records, recordsPerCall: recordsPerCall) { batch, record in try batch.create(record) }
    }

    /// Updates records as `PATCH composite/sobjects` does (see `createSettings`). An unknown Id
    /// fails with `NOT_FOUND`, a deleted one with `ENTITY_IS_DELETED`.
    public func updateSettings(org: String, _ updates: [SettingUpdate], recordsPerCall: Int = SalesforceLimits.collectionBatchSize)
        throws -> Metered<[RecordResult]>
    {
        try writeInRequests(org: org, updates, recordsPerCall: recordsPerCall) { batch, update in try batch.update(update) }
    }

    /// Deletes records as `DELETE composite/sobjects?ids=…` does (see `updateSettings`).
    public func deleteSettings(org: String, _ ids: [String], recordsPerCall: Int = SalesforceLimits.collectionBatchSize)
        throws -> Metered<[RecordResult]>
    {
        try writeInRequests(org: org, ids, recordsPerCall: recordsPerCall) { batch, id in try batch.delete(id) }
    }

    /// Sets the account key of an owner's record, creating the record when the owner has none
    /// (an admin editing the custom setting in Setup). `nil` leaves the record without a key.
    @discardableResult
    public func setSetting(org: String, owner: SettingOwner, clientId: String?) throws -> SettingRecord {
        try write { db in
            let simulatedOrg = try Tables.requireOrg(db, named: org)
            let ownerId = try Tables.ownerId(db, org: simulatedOrg, owner: owner)
            var batch = try SettingsBatch(db, org: simulatedOrg, now: nowMilliseconds)
            let result: RecordResult
            if let id = try Self.settingId(db, org: org, ownerId: ownerId) {
                result = try batch.update(SettingUpdate(id: id, clientId: clientId.map(FieldUpdate.set) ?? .clear))
            } else {
                result = try batch.create(NewSetting(ownerId: ownerId, clientId: clientId))
            }
            try batch.finish()
            return try Self.record(db, org: org, result: result)
        }
    }

    /// Deletes an owner's record (an admin action). - Throws: `.settingNotFound` when it has none.
    public func deleteSetting(org: String, owner: SettingOwner) throws {
        try editRecord(org: org, owner: owner) { batch, id in try batch.delete(id) }
    }

    /// Puts a plaintext token into the retired token field of an owner's record, as an old
    /// package version left it (simulator only: it sets up the security finding).
    public func setRetiredToken(org: String, owner: SettingOwner, token: String) throws {
        guard !token.isEmpty else { throw SimulatorError.emptyToken }
        try editRecord(org: org, owner: owner) { batch, id in
            try batch.update(SettingUpdate(id: id, retiredToken: .set(token)))
        }
    }

    /// Empties the retired token field of an owner's record (an admin action).
    public func clearRetiredToken(org: String, owner: SettingOwner) throws {
        try editRecord(org: org, owner: owner) { batch, id in
            try batch.update(SettingUpdate(id: id, retiredToken: .clear))
        }
    }

    /// Splits `inputs` into requests of at most `recordsPerCall` (200: one sObject Collections
    /// request; 1000: five of them packed in one Composite request), each in its own write
    /// transaction and metered one call, so a crash between requests keeps the requests that landed.
    private func writeInRequests<Input>(
        org: String, _ inputs: [Input], recordsPerCall: Int, _ body: (inout SettingsBatch, Input) throws -> RecordResult
    ) throws -> Metered<[RecordResult]> {
        guard !inputs.isEmpty else {
            _ = try read { db in try Tables.requireOrg(db, named: org) }
            return Metered(value: [], apiCalls: 0)
        }
        var results: [RecordResult] = []
        results.reserveCapacity(inputs.count)
        var calls = 0
        for request in Self.chunks(inputs, of: max(1, recordsPerCall)) {
            try write { db in
                let simulatedOrg = try Tables.requireOrg(db, named: org)
                var batch = try SettingsBatch(db, org: simulatedOrg, now: nowMilliseconds)
                for input in request {
                    results.append(try body(&batch, input))
                }
                try batch.finish()
                try Tables.meter(db, org: org, calls: 1)
            }
            calls += 1
        }
        return Metered(value: results, apiCalls: calls)
    }

    /// Runs one record write on an owner's existing record and turns a record error into a thrown one.
    private func editRecord(
        org: String, owner: SettingOwner, _ body: (inout SettingsBatch, String) throws -> RecordResult
    ) throws {
        try write { db in
            let simulatedOrg = try Tables.requireOrg(db, named: org)
            let ownerId = try Tables.ownerId(db, org: simulatedOrg, owner: owner)
            guard let id = try Self.settingId(db, org: org, ownerId: ownerId) else {
                throw SimulatorError.settingNotFound(org: org, owner: owner)
            }
            var batch = try SettingsBatch(db, org: simulatedOrg, now: nowMilliseconds)
            let result = try body(&batch, id)
            if let error = result.errors.first { throw SimulatorError.recordRejected(error) }
            try batch.finish()
        }
    }

    private static func settingId(_ db: Database, org: String, ownerId: String) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM setting WHERE org = ? AND ownerId = ?"),
            arguments: [org, ownerId])
    }

    private static func record(_ db: Database, org: String, result: RecordResult) throws -> SettingRecord {
        if let error = result.errors.first { throw SimulatorError.recordRejected(error) }
        guard let id = result.id,
            let row = try Row.fetchOne(db, sql: SettingRecordRow.select + " WHERE org = ? AND id = ?", arguments: [org, id])
        else {
            throw SimulatorError.storage("the record just written is missing")
        }
        return try SettingRecordRow.decode(row)
    }
}
