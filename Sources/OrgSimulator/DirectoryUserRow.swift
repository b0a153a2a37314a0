import GRDB

/// The one way users are read. The profile name comes from a map of the org's profiles rather
/// than a join: an org has few profiles, and a join would cost one index lookup per user.
enum DirectoryUserRow {
    static let select = """
        SELECT username, id, profileId, isActive, isApiOnly, hasApiUserPermissionSet, mfaRequired FROM "user"
        """

    /// `Profile.Id` → `Profile.Name` for every profile of the org.
    static func profileNames(_ db: Database, org: String) throws -> [String: String] {
        var names: [String: String] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT id, name FROM profile WHERE org = ?"), arguments: [org])
        while let row = try rows.next() {
            names[try row.decode(String.self, atIndex: 0)] = try row.decode(String.self, atIndex: 1)
        }
        return names
    }

    static func decode(_ row: Row, profileNames: [String: String]) throws -> DirectoryUser {
        let profileId = try row.decode(String.self, atIndex: 2)
        return DirectoryUser(
            id: try row.decode(String.self, atIndex: 1),
            username: try row.decode(String.self, atIndex: 0),
            profileId: profileId,
            profileName: profileNames[profileId] ?? "",
            isActive: try row.decode(Bool.self, atIndex: 3),
            isApiOnly: try row.decode(Bool.self, atIndex: 4),
            hasApiUserPermissionSet: try row.decode(Bool.self, atIndex: 5),
            mfaRequired: try row.decode(Bool.self, atIndex: 6))
    }
}
