import GRDB

/// Small queries that several operations share, each running inside the caller's transaction.
enum Tables {
    static func org(_ db: Database, named name: String) throws -> SimulatedOrg? {
        let statement = try db.cachedStatement(
            sql: "SELECT name, orgId, environment, createdAt FROM org WHERE name = ?")
        guard let row = try Row.fetchOne(statement, arguments: [name]) else { return nil }
        return try simulatedOrg(row)
    }

    /// The org with this Organization Id (15 or 18 characters); nil when the Id is malformed
    /// or no org has it.
    static func org(_ db: Database, id: String) throws -> SimulatedOrg? {
        guard let canonical = SalesforceId.normalize(id), canonical.hasPrefix(SalesforceId.Prefix.org.rawValue) else {
            return nil
        }
        let statement = try db.cachedStatement(
            sql: "SELECT name, orgId, environment, createdAt FROM org WHERE orgId = ?")
        guard let row = try Row.fetchOne(statement, arguments: [canonical]) else { return nil }
        return try simulatedOrg(row)
    }

    static func requireOrg(_ db: Database, named name: String) throws -> SimulatedOrg {
        guard let org = try org(db, named: name) else { throw SimulatorError.unknownOrg(name) }
        return org
    }

    static func allOrgs(_ db: Database) throws -> [SimulatedOrg] {
        try Row.fetchAll(db, sql: "SELECT name, orgId, environment, createdAt FROM org ORDER BY name")
            .map(simulatedOrg)
    }

    private static func simulatedOrg(_ row: Row) throws -> SimulatedOrg {
        let environmentText = try row.decode(String.self, atIndex: 2)
        guard let environment = SalesforceEnvironment(rawValue: environmentText) else {
            throw SimulatorError.storage("org has an unknown environment \"\(environmentText)\"")
        }
        return SimulatedOrg(
            name: try row.decode(String.self, atIndex: 0),
            orgId: try row.decode(String.self, atIndex: 1),
            environment: environment,
            createdAt: Timestamp.date(try row.decode(Int64.self, atIndex: 3)))
    }

    /// Counts `calls` Salesforce API calls against `org`.
    static func meter(_ db: Database, org: String, calls: Int) throws {
        guard calls > 0 else { return }
        try db.cachedStatement(sql: """
            INSERT INTO api_usage (org, calls) VALUES (?, ?)
            ON CONFLICT (org) DO UPDATE SET calls = calls + excluded.calls
            """).execute(arguments: [org, calls])
    }

    static func apiCalls(_ db: Database, org: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT calls FROM api_usage WHERE org = ?", arguments: [org]) ?? 0
    }

    static func profileId(_ db: Database, org: String, name: String) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM profile WHERE org = ? AND name = ?"),
            arguments: [org, name])
    }

    static func userId(_ db: Database, org: String, username: String) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(sql: #"SELECT id FROM "user" WHERE org = ? AND username = ?"#),
            arguments: [org, username])
    }

    /// The Id of a named owner, or the error an admin would get for a name the org lacks.
    static func ownerId(_ db: Database, org: SimulatedOrg, owner: SettingOwner) throws -> String {
        switch owner {
        case .org:
            return org.orgId
        case .profile(let name):
            guard let id = try profileId(db, org: org.name, name: name) else {
                throw SimulatorError.unknownProfile(org: org.name, name: name)
            }
            return id
        case .user(let username):
            guard let id = try userId(db, org: org.name, username: username) else {
                throw SimulatorError.unknownUser(org: org.name, username: username)
            }
            return id
        }
    }

    /// Whether any settings record of the org carries `clientId`: the condition for Secrets
    /// Management to list it.
    static func keyInUse(_ db: Database, org: String, clientId: String) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM setting WHERE org = ? AND clientId = ? LIMIT 1"),
            arguments: [org, clientId]) ?? false
    }

    /// The Secrets Management list of an org: one entry per distinct key in use, by key, with
    /// locations in record-Id order. Reads only the covering index and the (small) secret table.
    static func secrets(_ db: Database, org: String, onlyClientId: String? = nil, locations: Bool = true) throws -> [SecretEntry] {
        let stored = Set(try String.fetchAll(
            db.cachedStatement(sql: "SELECT clientId FROM secret WHERE org = ?"), arguments: [org]))
        guard locations else {
            let keys = try String.fetchAll(db.cachedStatement(sql: """
                SELECT DISTINCT clientId FROM setting WHERE org = ? AND clientId IS NOT NULL ORDER BY clientId
                """), arguments: [org])
            return keys.filter { onlyClientId == nil || $0 == onlyClientId }
                .map { SecretEntry(clientId: $0, locations: [], tokenSet: stored.contains($0)) }
        }
        var sql = "SELECT clientId, ownerId FROM setting WHERE org = ? AND clientId IS NOT NULL"
        var arguments: StatementArguments = [org]
        if let onlyClientId {
            sql += " AND clientId = ?"
            arguments += [onlyClientId]
        }
        sql += " ORDER BY clientId, id"
        var entries: [SecretEntry] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try rows.next() {
            let clientId = try row.decode(String.self, atIndex: 0)
            let ownerId = try row.decode(String.self, atIndex: 1)
            if let last = entries.indices.last, entries[last].clientId == clientId {
                entries[last].locations.append(ownerId)
            } else {
                entries.append(SecretEntry(clientId: clientId, locations: [ownerId], tokenSet: stored.contains(clientId)))
            }
        }
        return entries
    }

    /// Whether one pass over the org's rows of `table` is cheaper than `lookups` single-row
    /// lookups. A lookup through GRDB costs about as much as stepping over sixteen rows, and
    /// counting is capped at that many rows per lookup, so the answer itself stays cheap.
    static func scanIsCheaper(_ db: Database, table: String, org: String, lookups: Int) throws -> Bool {
        let rowsPerLookup = 16
        guard lookups > rowsPerLookup else { return false }
        let limit = lookups * rowsPerLookup
        let rows = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM (SELECT 1 FROM \(table) WHERE org = ? LIMIT ?)", arguments: [org, limit]) ?? 0
        return rows < limit
    }

    /// A name is usable when it has a non-whitespace character.
    static func requireName(_ value: String, what: String) throws {
        guard value.contains(where: { !$0.isWhitespace }) else {
            throw SimulatorError.invalidName(what: what, value: value)
        }
    }
}
