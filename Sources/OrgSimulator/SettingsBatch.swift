import GRDB

/// Writes custom-settings records of one org inside one write transaction (one sObject
/// Collections request), record by record, as `allOrNone=false` does: a failing record gets an
/// error result and the others still land. Call `finish` before the transaction ends.
struct SettingsBatch {
    private let db: Database
    private let org: SimulatedOrg
    private let now: Int64
    private var ids: IdAllocator

    init(_ db: Database, org: SimulatedOrg, now: Int64) throws {
        self.db = db
        self.org = org
        self.now = now
        ids = try IdAllocator(db, prefix: .setting)
    }

    mutating func create(_ record: NewSetting) throws -> RecordResult {
        guard let ownerId = SalesforceId.normalize(record.ownerId) else {
            return .failed(nil, Self.malformedId(record.ownerId, field: SettingFields.ownerId))
        }
        let clientId = Self.nonEmpty(record.clientId)
        let baseURL = Self.nonEmpty(record.baseURL)
        let flags = Self.nonEmpty(record.flags)
        if let error = Self.tooLong([
            (SettingFields.clientId, clientId), (SettingFields.baseURL, baseURL), (SettingFields.flags, flags),
        ]) {
            return .failed(nil, error)
        }
        // One statement per record on the way that succeeds: the insert itself checks that the
        // owner exists (by the kind its prefix tells) and, through the unique (org, ownerId)
        // index, that the owner has no record yet (DO NOTHING instead of an exception that would
        // cost a statement rollback). Only a record that did not land costs a second look.
        let ownerCheck: String
        switch OwnerKind(ownerId: ownerId) {
        case .org where ownerId == org.orgId: ownerCheck = "1"
        case .profile: ownerCheck = "EXISTS (SELECT 1 FROM profile WHERE id = ?3 AND org = ?1)"
        case .user: ownerCheck = #"EXISTS (SELECT 1 FROM "user" WHERE id = ?3 AND org = ?1)"#
        case .org, nil: return .failed(nil, Self.unknownOwner(ownerId))
        }
        let id = ids.allocate()
        try db.cachedStatement(sql: """
            INSERT INTO setting (org, id, ownerId, clientId, retiredToken, baseURL, flags, lastModified)
            SELECT ?1, ?2, ?3, ?4, NULL, ?5, ?6, ?7 WHERE \(ownerCheck)
            ON CONFLICT DO NOTHING
            """).execute(arguments: [org.name, id, ownerId, clientId, baseURL, flags, now])
        guard db.changesCount == 1 else {
            guard let existing = try String.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM setting WHERE org = ? AND ownerId = ?"),
                arguments: [org.name, ownerId])
            else {
                return .failed(nil, Self.unknownOwner(ownerId))
            }
            return .failed(nil, RecordError(
                statusCode: "DUPLICATE_VALUE",
                message: "duplicate value found: SetupOwnerId duplicates value on record with id: \(existing)",
                fields: [SettingFields.ownerId]))
        }
        return .succeeded(id)
    }

    func update(_ change: SettingUpdate) throws -> RecordResult {
        guard let id = SalesforceId.normalize(change.id) else {
            return .failed(change.id, Self.malformedId(change.id, field: "Id"))
        }
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT clientId, retiredToken, baseURL, flags FROM setting WHERE org = ? AND id = ?"),
            arguments: [org.name, id])
        else {
            return .failed(id, try missingRecordError(id))
        }
        let clientId = Self.apply(change.clientId, to: try row.decode(String?.self, atIndex: 0))
        let retiredToken = Self.apply(change.retiredToken, to: try row.decode(String?.self, atIndex: 1))
        let baseURL = Self.apply(change.baseURL, to: try row.decode(String?.self, atIndex: 2))
        let flags = Self.apply(change.flags, to: try row.decode(String?.self, atIndex: 3))
        if let error = Self.tooLong([
            (SettingFields.clientId, clientId), (SettingFields.retiredToken, retiredToken),
            (SettingFields.baseURL, baseURL), (SettingFields.flags, flags),
        ]) {
            return .failed(id, error)
        }
        try db.cachedStatement(sql: """
            UPDATE setting SET clientId = ?, retiredToken = ?, baseURL = ?, flags = ?, lastModified = ?
            WHERE org = ? AND id = ?
            """).execute(arguments: [clientId, retiredToken, baseURL, flags, now, org.name, id])
        return .succeeded(id)
    }

    func delete(_ givenId: String) throws -> RecordResult {
        guard let id = SalesforceId.normalize(givenId) else {
            return .failed(givenId, Self.malformedId(givenId, field: "Id"))
        }
        try db.cachedStatement(sql: "DELETE FROM setting WHERE org = ? AND id = ?").execute(arguments: [org.name, id])
        guard db.changesCount == 1 else {
            return .failed(id, try missingRecordError(id))
        }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO deleted_setting (org, id) VALUES (?, ?)")
            .execute(arguments: [org.name, id])
        return .succeeded(id)
    }

    func finish() throws {
        try ids.save(db)
    }

    /// ENTITY_IS_DELETED for a record this org deleted, NOT_FOUND for one it never had.
    private func missingRecordError(_ id: String) throws -> RecordError {
        let deleted = try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM deleted_setting WHERE org = ? AND id = ?"),
            arguments: [org.name, id]) ?? false
        return deleted
            ? RecordError(statusCode: "ENTITY_IS_DELETED", message: "entity is deleted")
            : RecordError(statusCode: "NOT_FOUND", message: "The requested resource does not exist: no record \(id)")
    }

    private static func unknownOwner(_ ownerId: String) -> RecordError {
        RecordError(
            statusCode: "INVALID_CROSS_REFERENCE_KEY",
            message: "invalid cross reference id: no org, profile or user \(ownerId) in this org",
            fields: [SettingFields.ownerId])
    }

    private static func malformedId(_ id: String, field: String) -> RecordError {
        RecordError(statusCode: "MALFORMED_ID", message: "\(field): id value of incorrect type: \(id)", fields: [field])
    }

    /// Salesforce stores an empty text value as null.
    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    private static func apply(_ update: FieldUpdate, to current: String?) -> String? {
        switch update {
        case .keep: current
        case .set(let value): nonEmpty(value)
        case .clear: nil
        }
    }

    private static func tooLong(_ fields: [(name: String, value: String?)]) -> RecordError? {
        for field in fields {
            if let value = field.value, value.count > SalesforceLimits.textFieldLength {
                return RecordError(
                    statusCode: "STRING_TOO_LONG",
                    message: "\(field.name): data value too large (max length=\(SalesforceLimits.textFieldLength))",
                    fields: [field.name])
            }
        }
        return nil
    }
}
