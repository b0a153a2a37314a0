import GRDB

/// The org data of one HTTP request, inside one database transaction: the emulator reads and
/// writes through it so that a request (or a whole Composite request) sees one consistent org
/// and, for writes, lands or rolls back as a unit. Valid only inside the closure of
/// `OrgSimulator.reading` or `.writing` that hands it out; it is not Sendable on purpose.
public final class OrgAccess {
    let db: Database
    let now: Int64
    /// Set by a writer to roll the whole transaction back when the closure returns (an
    /// `allOrNone` Composite request with a failed subrequest).
    public var rollbackRequested = false

    init(db: Database, now: Int64) {
        self.db = db
        self.now = now
    }

    public func orgs() throws -> [SimulatedOrg] {
        try Tables.allOrgs(db)
    }

    public func org(named name: String) throws -> SimulatedOrg? {
        try Tables.org(db, named: name)
    }

    /// The org with this Organization Id (15 or 18 characters); nil when malformed or unknown.
    public func org(id: String) throws -> SimulatedOrg? {
        try Tables.org(db, id: id)
    }

    /// The org's Secrets Management list (see `OrgSimulator.listSecrets`), unmetered: the VCC
    /// admin contract serves it, and VCC's own calls are not the org's API calls.
    public func secrets(org: String, locations: Bool = true) throws -> [SecretEntry] {
        try Tables.secrets(db, org: org, locations: locations)
    }

    /// "Update Token" (see `OrgSimulator.setToken`), unmetered for the same reason. Only a
    /// salted hash of the token is stored.
    /// - Throws: `.unknownOrg`, `.keyNotInUse`, `.emptyToken`.
    public func setToken(org: String, clientId: String, token: String) throws -> SecretEntry {
        try OrgSimulator.storeToken(db, org: org, clientId: clientId, token: token, now: now)
    }

    /// The link of each of `keys` and the id of its pending consent page, if any.
    public func links(keys: [String]) throws -> [(link: VCCLink, consentId: String?)] {
        try keys.map { key in
            let stored = try VCCAccountRow.fetch(db, key: key)
            return (stored.link, stored.consentId)
        }
    }

    /// Used and allowed API calls of the org.
    public func apiUsage(org: String) throws -> APIUsage {
        let row = try Row.fetchOne(db, sql: "SELECT calls, dailyLimit FROM api_usage WHERE org = ?", arguments: [org])
        return APIUsage(org: org, used: try row?.decode(Int.self, atIndex: 0) ?? 0, max: try row?.decode(Int.self, atIndex: 1) ?? 15000)
    }

    /// The org's profiles by name.
    public func profiles(org: String) throws -> [DirectoryProfile] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT id, name FROM profile WHERE org = ? ORDER BY id"), arguments: [org])
            .map { DirectoryProfile(id: try $0.decode(String.self, atIndex: 0), name: try $0.decode(String.self, atIndex: 1)) }
    }

    /// The org's users in Id order.
    public func users(org: String) throws -> [OrgUser] {
        let names = try DirectoryUserRow.profileNames(db, org: org)
        var users: [OrgUser] = []
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: Self.userSelect + " WHERE org = ? ORDER BY id"), arguments: [org])
        while let row = try rows.next() {
            users.append(try Self.user(row, profileNames: names))
        }
        return users
    }

    /// Per profile Id with users: what its users have in common, from one aggregate over the
    /// org's users (none is loaded). A profile without users is absent.
    public func profileMemberships(org: String) throws -> [String: ProfileMembership] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT profileId, count(*), min(isApiOnly), min(customizeApplication), min(viewAllCustomSettings)
            FROM "user" WHERE org = ? GROUP BY profileId
            """), arguments: [org])
        var memberships: [String: ProfileMembership] = [:]
        while let row = try rows.next() {
            memberships[try row.decode(String.self, atIndex: 0)] = ProfileMembership(
                users: try row.decode(Int.self, atIndex: 1), allApiOnly: try row.decode(Bool.self, atIndex: 2),
                allCustomizeApplication: try row.decode(Bool.self, atIndex: 3),
                allViewAllCustomSettings: try row.decode(Bool.self, atIndex: 4))
        }
        return memberships
    }

    /// One user of the org by Id, or nil.
    public func user(org: String, id: String) throws -> OrgUser? {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: Self.userSelect + " WHERE id = ? AND org = ?"), arguments: [id, org])
        else { return nil }
        return try Self.user(row, profileNames: DirectoryUserRow.profileNames(db, org: org))
    }

    /// Every user of any org with this username (usernames are meant to be unique across orgs).
    public func users(username: String) throws -> [OrgUser] {
        let rows = try Row.fetchAll(db, sql: Self.userSelect + " WHERE username = ? ORDER BY org", arguments: [username])
        return try rows.map { row in
            try Self.user(row, profileNames: DirectoryUserRow.profileNames(db, org: try row.decode(String.self, atIndex: 0)))
        }
    }

    /// The org's settings records in Id order, handed to `body` one by one straight from the
    /// database cursor. With `owners`, each carries its owner (one index lookup per user-owned
    /// record; profiles and the org come from memory).
    public func forEachSetting(org: String, owners: Bool, _ body: (SettingRow) throws -> Void) throws {
        guard let simulated = try Tables.org(db, named: org) else { throw SimulatorError.unknownOrg(org) }
        let profileNames = owners ? try DirectoryUserRow.profileNames(db, org: org) : [:]
        let sql = owners
            ? """
                SELECT s.id, s.ownerId, s.clientId, s.retiredToken, s.baseURL, s.flags, s.lastModified,
                       u.username, u.isActive, u.profileId
                FROM setting s LEFT JOIN "user" u INDEXED BY user_by_id ON u.id = s.ownerId AND u.org = s.org
                WHERE s.org = ? ORDER BY s.id
                """
            : "SELECT id, ownerId, clientId, retiredToken, baseURL, flags, lastModified FROM setting WHERE org = ? ORDER BY id"
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: [org])
        while let row = try rows.next() {
            let ownerId = try row.decode(String.self, atIndex: 1)
            var setting = SettingRow(
                id: try row.decode(String.self, atIndex: 0), ownerId: ownerId,
                clientId: try row.decode(String?.self, atIndex: 2), retiredToken: try row.decode(String?.self, atIndex: 3),
                baseURL: try row.decode(String?.self, atIndex: 4), flags: try row.decode(String?.self, atIndex: 5),
                lastModifiedMilliseconds: try row.decode(Int64.self, atIndex: 6), owner: nil)
            if owners {
                if let username = try row.decode(String?.self, atIndex: 7) {
                    let profileId = try row.decode(String.self, atIndex: 9)
                    setting.owner = SettingOwnerRow(
                        kind: .user, name: username, isActive: try row.decode(Bool.self, atIndex: 8),
                        profileId: profileId, profileName: profileNames[profileId])
                } else if ownerId == simulated.orgId {
                    setting.owner = SettingOwnerRow(kind: .org, name: simulated.name, isActive: true)
                } else if let name = profileNames[ownerId] {
                    setting.owner = SettingOwnerRow(kind: .profile, name: name, isActive: true)
                }
            }
            try body(setting)
        }
    }

    /// The record under `id` (15 or 18 characters), a record the org deleted, or nothing.
    public func setting(org: String, id: String) throws -> SettingLookup {
        guard let normalized = SalesforceId.normalize(id) else { return .missing }
        if let row = try Row.fetchOne(
            db.cachedStatement(sql: SettingRecordRow.select + " WHERE org = ? AND id = ?"), arguments: [org, normalized]) {
            return .found(try SettingRecordRow.decode(row))
        }
        let deleted = try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM deleted_setting WHERE org = ? AND id = ?"),
            arguments: [org, normalized]) ?? false
        return deleted ? .deleted : .missing
    }

    /// Creates records as one sObject Collections request does (the rules of `createSettings`),
    /// without metering: the emulator counts HTTP requests itself.
    public func create(org: String, _ records: [NewSetting], allOrNone: Bool) throws -> [RecordResult] {
        try batch(org: org, records, allOrNone: allOrNone, keepsIds: false) { batch, record in try batch.create(record) }
    }

    /// Updates records as one sObject Collections request does (see `updateSettings`).
    public func update(org: String, _ updates: [SettingUpdate], allOrNone: Bool) throws -> [RecordResult] {
        try batch(org: org, updates, allOrNone: allOrNone, keepsIds: true) { batch, update in try batch.update(update) }
    }

    /// Deletes records as one sObject Collections request does (see `deleteSettings`).
    public func delete(org: String, _ ids: [String], allOrNone: Bool) throws -> [RecordResult] {
        try batch(org: org, ids, allOrNone: allOrNone, keepsIds: true) { batch, id in try batch.delete(id) }
    }

    /// Runs the writes in a savepoint: with `allOrNone`, one failure rolls every record back and
    /// the records that had landed answer `ALL_OR_NONE_OPERATION_ROLLED_BACK`, as Salesforce does.
    private func batch<Input>(
        org: String, _ inputs: [Input], allOrNone: Bool, keepsIds: Bool,
        _ body: (inout SettingsBatch, Input) throws -> RecordResult
    ) throws -> [RecordResult] {
        guard let simulated = try Tables.org(db, named: org) else { throw SimulatorError.unknownOrg(org) }
        var results: [RecordResult] = []
        results.reserveCapacity(inputs.count)
        try db.inSavepoint {
            var batch = try SettingsBatch(db, org: simulated, now: now)
            for input in inputs {
                results.append(try body(&batch, input))
            }
            try batch.finish()
            guard allOrNone, results.contains(where: { !$0.success }) else { return .commit }
            results = results.map { result in
                guard result.success else { return result }
                return RecordResult(id: keepsIds ? result.id : nil, success: false, errors: [RecordError(
                    statusCode: "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                    message: "Record rolled back because not all records were valid and the request was using AllOrNone header")])
            }
            return .rollback
        }
        return results
    }

    private static let userSelect = """
        SELECT org, id, username, profileId, isActive, isApiOnly, hasApiUserPermissionSet, mfaRequired,
               customizeApplication, viewAllCustomSettings FROM "user"
        """

    private static func user(_ row: Row, profileNames: [String: String]) throws -> OrgUser {
        let profileId = try row.decode(String.self, atIndex: 3)
        let directory = DirectoryUser(
            id: try row.decode(String.self, atIndex: 1), username: try row.decode(String.self, atIndex: 2), profileId: profileId,
            profileName: profileNames[profileId] ?? "", isActive: try row.decode(Bool.self, atIndex: 4),
            isApiOnly: try row.decode(Bool.self, atIndex: 5), hasApiUserPermissionSet: try row.decode(Bool.self, atIndex: 6),
            mfaRequired: try row.decode(Bool.self, atIndex: 7))
        return OrgUser(org: try row.decode(String.self, atIndex: 0), directory: directory,
                       customizeApplication: try row.decode(Bool.self, atIndex: 8),
                       viewAllCustomSettings: try row.decode(Bool.self, atIndex: 9))
    }
}
