import GRDB

/// Adds orgs, profiles and users inside one write transaction, allocating their Ids.
/// Call `finish` before the transaction ends so the Id counters are kept.
struct DirectoryWriter {
    private let db: Database
    private let now: Int64
    private var orgIds: IdAllocator
    private var profileIds: IdAllocator
    private var userIds: IdAllocator
    /// Orgs known to exist, and their profiles by name: a seed of many users asks for the same
    /// few of them over and over.
    private var profilesByOrg: [String: [String: String]] = [:]

    init(_ db: Database, now: Int64) throws {
        self.db = db
        self.now = now
        orgIds = try IdAllocator(db, prefix: .org)
        profileIds = try IdAllocator(db, prefix: .profile)
        userIds = try IdAllocator(db, prefix: .user)
    }

    /// Adds the org unless one of that name exists; true when added.
    mutating func addOrgIfMissing(name: String, environment: SalesforceEnvironment) throws -> Bool {
        try Tables.requireName(name, what: "org name")
        guard try Tables.org(db, named: name) == nil else { return false }
        try db.execute(
            sql: "INSERT INTO org (name, orgId, environment, createdAt) VALUES (?, ?, ?, ?)",
            arguments: [name, orgIds.allocate(), environment.rawValue, now])
        try db.execute(sql: "INSERT INTO api_usage (org, calls) VALUES (?, 0)", arguments: [name])
        profilesByOrg[name] = [:]
        return true
    }

    /// Adds the profile unless the org has one of that name; true when added.
    mutating func addProfileIfMissing(org: String, name: String) throws -> Bool {
        var profiles = try self.profiles(of: org)
        try Tables.requireName(name, what: "profile name")
        guard profiles[name] == nil else { return false }
        let id = profileIds.allocate()
        try db.cachedStatement(sql: "INSERT INTO profile (org, name, id) VALUES (?, ?, ?)")
            .execute(arguments: [org, name, id])
        profiles[name] = id
        profilesByOrg[org] = profiles
        return true
    }

    /// Adds the user unless the org has that username; true when added.
    mutating func addUserIfMissing(org: String, _ user: UserSeed) throws -> Bool {
        let profiles = try self.profiles(of: org)
        try Tables.requireName(user.username, what: "username")
        guard try Tables.userId(db, org: org, username: user.username) == nil else { return false }
        guard let profileId = profiles[user.profile] else {
            throw SimulatorError.unknownProfile(org: org, name: user.profile)
        }
        try db.cachedStatement(sql: """
            INSERT INTO "user" (org, username, id, profileId, isActive, isApiOnly, hasApiUserPermissionSet, mfaRequired,
                                customizeApplication, viewAllCustomSettings)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                org, user.username, userIds.allocate(), profileId, user.isActive, user.isApiOnly,
                user.hasApiUserPermissionSet, user.mfaRequired, user.customizeApplication, user.viewAllCustomSettings,
            ])
        return true
    }

    func finish() throws {
        try orgIds.save(db)
        try profileIds.save(db)
        try userIds.save(db)
    }

    /// The org's profiles by name, loaded once per writer. - Throws: `.unknownOrg`.
    private mutating func profiles(of org: String) throws -> [String: String] {
        if let known = profilesByOrg[org] { return known }
        _ = try Tables.requireOrg(db, named: org)
        var profiles: [String: String] = [:]
        for (id, name) in try DirectoryUserRow.profileNames(db, org: org) {
            profiles[name] = id
        }
        profilesByOrg[org] = profiles
        return profiles
    }
}
