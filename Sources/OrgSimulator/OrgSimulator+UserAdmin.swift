import GRDB

/// What an admin does to an existing user in Setup: change the username, deactivate or
/// reactivate, change what an API user depends on (API Only, the ContactWorld API user
/// permission set, MFA). These are the out-of-band changes behind the `owner-changed` and
/// `inactive-user` drift classes and the plan's API-user checks. Not metered: Setup clicks are
/// no API calls.
extension OrgSimulator {
    /// Changes a user's username, as an admin editing the user record does. The Id stays, so
    /// every settings record the user owns stays theirs and shows up under the new name.
    ///
    /// Links in force through the user follow the rename: VCC holds the consent of the user, not
    /// of a name, and the five-accounts-per-API-user rule must keep counting that user's links.
    /// Renaming a user to its own name changes nothing.
    /// - Returns: the user's Id.
    /// - Throws: `.unknownOrg`, `.unknownUser` for `from`, `.duplicateUser` when `to` is taken,
    ///   `.invalidName` for an empty `to`; nothing changes then.
    @discardableResult
    public func renameUser(org: String, from: String, to: String) throws -> String {
        try write { db in
            let id = try Self.requireUser(db, org: org, username: from)
            guard from != to else { return id }
            try Tables.requireName(to, what: "username")
            guard try Tables.userId(db, org: org, username: to) == nil else {
                throw SimulatorError.duplicateUser(org: org, username: to)
            }
            try db.execute(sql: #"UPDATE "user" SET username = ? WHERE org = ? AND username = ?"#,
                           arguments: [to, org, from])
            try db.execute(sql: "UPDATE vcc_account SET linkedUsername = ? WHERE linkedOrg = ? AND linkedUsername = ?",
                           arguments: [to, org, from])
            try db.execute(sql: "UPDATE vcc_account SET linkedAsUsername = ? WHERE linkedOrg = ? AND linkedAsUsername = ?",
                           arguments: [to, org, from])
            return id
        }
    }

    /// Deactivates (`active` false) or reactivates a user. An inactive user keeps their records
    /// and their name; they can no longer log in, so they cannot consent to a link.
    /// - Returns: whether the user was active before, so a caller can tell a no-op apart.
    /// - Throws: `.unknownOrg`, `.unknownUser`.
    @discardableResult
    public func setUserActive(org: String, username: String, active: Bool) throws -> Bool {
        try write { db in
            _ = try Self.requireUser(db, org: org, username: username)
            let wasActive = try Bool.fetchOne(
                db, sql: #"SELECT isActive FROM "user" WHERE org = ? AND username = ?"#, arguments: [org, username]) ?? false
            try db.execute(sql: #"UPDATE "user" SET isActive = ? WHERE org = ? AND username = ?"#,
                           arguments: [active, org, username])
            return wasActive
        }
    }

    /// Changes the flags an API user depends on, as an admin editing the user (its profile, its
    /// permission set assignments, its MFA requirement) does; nil leaves a flag as it is.
    /// - Returns: the user after the change.
    /// - Throws: `.unknownOrg`, `.unknownUser`; nothing changes then.
    @discardableResult
    public func setUserFlags(org: String, username: String, isActive: Bool? = nil, isApiOnly: Bool? = nil,
                             hasApiUserPermissionSet: Bool? = nil, mfaRequired: Bool? = nil) throws -> DirectoryUser {
        try write { db in
            _ = try Self.requireUser(db, org: org, username: username)
            let columns: [(String, Bool?)] = [("isActive", isActive), ("isApiOnly", isApiOnly),
                                              ("hasApiUserPermissionSet", hasApiUserPermissionSet), ("mfaRequired", mfaRequired)]
            for case let (column, value?) in columns {
                try db.execute(sql: #"UPDATE "user" SET "# + column + #" = ? WHERE org = ? AND username = ?"#,
                               arguments: [value, org, username])
            }
            let profileNames = try DirectoryUserRow.profileNames(db, org: org)
            guard let row = try Row.fetchOne(db, sql: DirectoryUserRow.select + " WHERE org = ? AND username = ?",
                                             arguments: [org, username]) else {
                throw SimulatorError.unknownUser(org: org, username: username)
            }
            return try DirectoryUserRow.decode(row, profileNames: profileNames)
        }
    }

    /// The Id of an existing user. - Throws: `.unknownOrg` before `.unknownUser`, so a typo in
    /// the org is not reported as a missing user.
    private static func requireUser(_ db: Database, org: String, username: String) throws -> String {
        _ = try Tables.requireOrg(db, named: org)
        guard let id = try Tables.userId(db, org: org, username: username) else {
            throw SimulatorError.unknownUser(org: org, username: username)
        }
        return id
    }
}
