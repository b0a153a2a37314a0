import GRDB

/// The directory: orgs, profiles and users, which settings owners and API users must exist in.
extension OrgSimulator {
    /// Adds the orgs, profiles and users of `seed` that are missing, in one transaction.
    /// Idempotent: what exists already (by org name, profile name, username) is left unchanged.
    /// - Throws: `SimulatorError.unknownProfile` for a user whose profile is neither seeded nor
    ///   present, `.invalidName` for an empty name; nothing is added then.
    @discardableResult
    public func seed(_ seed: DirectorySeed) throws -> SeedSummary {
        try write { db in
            var writer = try DirectoryWriter(db, now: nowMilliseconds)
            var summary = SeedSummary()
            for orgSeed in seed.orgs {
                if try writer.addOrgIfMissing(name: orgSeed.name, environment: orgSeed.environment) {
                    summary.orgsAdded += 1
                }
                for profile in orgSeed.profiles {
                    if try writer.addProfileIfMissing(org: orgSeed.name, name: profile) {
                        summary.profilesAdded += 1
                    }
                }
                for user in orgSeed.users {
                    if try writer.addUserIfMissing(org: orgSeed.name, user) {
                        summary.usersAdded += 1
                    }
                }
            }
            try writer.finish()
            return summary
        }
    }

    /// Adds an org (an admin action). - Throws: `.duplicateOrg` when the name is taken.
    @discardableResult
    public func addOrg(name: String, environment: SalesforceEnvironment) throws -> SimulatedOrg {
        try write { db in
            var writer = try DirectoryWriter(db, now: nowMilliseconds)
            guard try writer.addOrgIfMissing(name: name, environment: environment) else {
                throw SimulatorError.duplicateOrg(name)
            }
            try writer.finish()
            return try Tables.requireOrg(db, named: name)
        }
    }

    /// Adds a profile (an admin action) and returns its Id.
    /// - Throws: `.duplicateProfile` when the org has one of that name.
    @discardableResult
    public func addProfile(org: String, name: String) throws -> String {
        try write { db in
            var writer = try DirectoryWriter(db, now: nowMilliseconds)
            guard try writer.addProfileIfMissing(org: org, name: name),
                let id = try Tables.profileId(db, org: org, name: name)
            else {
                throw SimulatorError.duplicateProfile(org: org, name: name)
            }
            try writer.finish()
            return id
        }
    }

    /// Adds a user (an admin action) and returns its Id.
    /// - Throws: `.duplicateUser` when the username is taken, `.unknownProfile`.
    @discardableResult
    public func addUser(org: String, _ user: UserSeed) throws -> String {
        try write { db in
            var writer = try DirectoryWriter(db, now: nowMilliseconds)
            guard try writer.addUserIfMissing(org: org, user),
                let id = try Tables.userId(db, org: org, username: user.username)
            else {
                throw SimulatorError.duplicateUser(org: org, username: user.username)
            }
            try writer.finish()
            return id
        }
    }

    /// All simulated orgs, by name.
    public func orgs() throws -> [SimulatedOrg] {
        try read { db in try Tables.allOrgs(db) }
    }

    /// The org of that name, or nil.
    public func org(named name: String) throws -> SimulatedOrg? {
        try read { db in try Tables.org(db, named: name) }
    }

    /// The org with this Organization Id (`00D…`, 15 or 18 characters, the checksum read as
    /// Salesforce reads it); nil when the Id is malformed or no org has it.
    public func org(id: String) throws -> SimulatedOrg? {
        try read { db in try Tables.org(db, id: id) }
    }

    /// Resolves profile names and usernames to Ids (and users' flags), as a plan does before
    /// writing settings records. Names the org lacks are absent from the result.
    ///
    /// Metered like one SOQL query per kind with `IN` lists of up to 2000 distinct names:
    /// ceil(n / 2000) calls per kind that has names. The org Id is free: the login response
    /// already carries it.
    public func resolveOwners(org: String, profileNames: [String], usernames: [String]) throws
        -> Metered<ResolvedOwners>
    {
        try write { db in
            let simulatedOrg = try Tables.requireOrg(db, named: org)
            let profileNamesById = try DirectoryUserRow.profileNames(db, org: org)
            let wantedProfiles = Set(profileNames)
            var profiles: [String: String] = [:]
            for (id, name) in profileNamesById where wantedProfiles.contains(name) {
                profiles[name] = id
            }
            let wantedUsers = Set(usernames)
            var users: [String: DirectoryUser] = [:]
            users.reserveCapacity(wantedUsers.count)
            if try Tables.scanIsCheaper(db, table: #""user""#, org: org, lookups: wantedUsers.count) {
                // Many names: one pass over the org's users, decoding only those asked for.
                let rows = try Row.fetchCursor(
                    db.cachedStatement(sql: DirectoryUserRow.select + " WHERE org = ?"), arguments: [org])
                while let row = try rows.next() {
                    let username = try row.decode(String.self, atIndex: 0)
                    if wantedUsers.contains(username) {
                        users[username] = try DirectoryUserRow.decode(row, profileNames: profileNamesById)
                    }
                }
            } else {
                // Few names: one primary-key lookup each.
                let statement = try db.cachedStatement(sql: DirectoryUserRow.select + " WHERE org = ? AND username = ?")
                for username in wantedUsers {
                    let rows = try Row.fetchCursor(statement, arguments: [org, username])
                    if let row = try rows.next() {
                        users[username] = try DirectoryUserRow.decode(row, profileNames: profileNamesById)
                    }
                }
            }
            let calls = SalesforceLimits.calls(for: wantedProfiles.count, pageSize: SalesforceLimits.queryPageSize)
                + SalesforceLimits.calls(for: wantedUsers.count, pageSize: SalesforceLimits.queryPageSize)
            try Tables.meter(db, org: org, calls: calls)
            return Metered(
                value: ResolvedOwners(orgId: simulatedOrg.orgId, profiles: profiles, users: users),
                apiCalls: calls)
        }
    }

    /// The names behind owner Ids (15 or 18 characters), so a plan can show records nobody
    /// declared by name. Ids that name nothing in the org are absent; keys are 18-character Ids.
    /// Metered like `resolveOwners`: ceil(n / 2000) calls per kind that has Ids.
    public func describeOwners(org: String, ids: [String]) throws -> Metered<[String: OwnerDescription]> {
        // Reserved up front: growing sets of 100k Ids rehashes them several times.
        var wanted: [OwnerKind: Set<String>] = [
            .org: [], .profile: Set(minimumCapacity: ids.count), .user: Set(minimumCapacity: ids.count),
        ]
        for id in ids {
            guard let normalized = SalesforceId.normalize(id), let kind = OwnerKind(ownerId: normalized) else { continue }
            wanted[kind, default: []].insert(normalized)
        }
        return try write { db in
            let simulatedOrg = try Tables.requireOrg(db, named: org)
            var found: [String: OwnerDescription] = [:]
            if wanted[.org]?.contains(simulatedOrg.orgId) == true {
                found[simulatedOrg.orgId] = OwnerDescription(id: simulatedOrg.orgId, kind: .org, name: simulatedOrg.name)
            }
            let lookups: [(kind: OwnerKind, table: String, nameColumn: String)] = [
                (.profile, "profile", "name"), (.user, #""user""#, "username"),
            ]
            var calls = 0
            for lookup in lookups {
                let ids = wanted[lookup.kind] ?? []
                found.reserveCapacity(found.count + ids.count)
                if try Tables.scanIsCheaper(db, table: lookup.table, org: org, lookups: ids.count) {
                    let rows = try Row.fetchCursor(
                        db.cachedStatement(sql: "SELECT id, \(lookup.nameColumn) FROM \(lookup.table) WHERE org = ?"),
                        arguments: [org])
                    while let row = try rows.next() {
                        let id = try row.decode(String.self, atIndex: 0)
                        if ids.contains(id) {
                            found[id] = OwnerDescription(id: id, kind: lookup.kind, name: try row.decode(String.self, atIndex: 1))
                        }
                    }
                } else {
                    let statement = try db.cachedStatement(
                        sql: "SELECT \(lookup.nameColumn) FROM \(lookup.table) WHERE id = ? AND org = ?")
                    for id in ids {
                        if let name = try String.fetchOne(statement, arguments: [id, org]) {
                            found[id] = OwnerDescription(id: id, kind: lookup.kind, name: name)
                        }
                    }
                }
                calls += SalesforceLimits.calls(for: ids.count, pageSize: SalesforceLimits.queryPageSize)
            }
            try Tables.meter(db, org: org, calls: calls)
            return Metered(value: found, apiCalls: calls)
        }
    }

    static func chunks<Element>(_ values: [Element], of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: values.count, by: size).map { values[$0..<min($0 + size, values.count)] }
    }
}
