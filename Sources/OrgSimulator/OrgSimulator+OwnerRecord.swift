import GRDB

extension OrgSimulator {
    /// The record of one owner, as `SELECT … WHERE SetupOwnerId = '…'` returns it (one call),
    /// or nil. A target re-reads an owner this way when a create meets `DUPLICATE_VALUE`.
    public func settingRecord(org: String, ownerId: String) throws -> Metered<SettingRecord?> {
        try write { db in
            _ = try Tables.requireOrg(db, named: org)
            let normalized = SalesforceId.normalize(ownerId) ?? ownerId
            let row = try Row.fetchOne(db, sql: SettingRecordRow.select + " WHERE org = ? AND ownerId = ?",
                                       arguments: [org, normalized])
            try Tables.meter(db, org: org, calls: 1)
            return Metered(value: try row.map(SettingRecordRow.decode), apiCalls: 1)
        }
    }
}
