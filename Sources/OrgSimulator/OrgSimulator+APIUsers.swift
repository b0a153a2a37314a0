import GRDB

/// The API users a plan checks: what the Salesforce target reads with two SOQL queries (the users
/// with their profile's permissions, and their permission set assignments).
extension OrgSimulator {
    /// Most similar usernames returned per name that was not found.
    public static let similarUsernameLimit = 20

    /// The users of `org` named `usernames` with their flags, and the usernames sharing the part
    /// before `@` with a name the org lacks. Not metered: the embedded target reads its own
    /// directory (the REST target spends its calls on the queries).
    /// - Throws: `.unknownOrg`.
    public func apiUsers(org: String, usernames: [String]) throws -> APIUserLookup {
        try read { db in
            _ = try Tables.requireOrg(db, named: org)
            let profileNames = try DirectoryUserRow.profileNames(db, org: org)
            let byName = try db.cachedStatement(sql: DirectoryUserRow.select + " WHERE org = ? AND username = ?")
            var users: [String: DirectoryUser] = [:]
            var missing: [String] = []
            for username in Set(usernames).sorted() {
                if let row = try Row.fetchOne(byName, arguments: [org, username]) {
                    users[username] = try DirectoryUserRow.decode(row, profileNames: profileNames)
                } else {
                    missing.append(username)
                }
            }
            var similar = Set<String>()
            let like = try db.cachedStatement(sql: #"SELECT username FROM "user" WHERE org = ? AND username LIKE ? ESCAPE '\' LIMIT ?"#)
            for username in missing {
                guard let at = username.firstIndex(of: "@") else { continue }
                similar.formUnion(try String.fetchAll(like, arguments: [org, Self.likePrefix(username[...at]),
                                                                        Self.similarUsernameLimit]))
            }
            return APIUserLookup(users: users, similarUsernames: similar.sorted())
        }
    }

    /// `prefix%`, with LIKE's wildcards in `prefix` escaped.
    static func likePrefix(_ prefix: Substring) -> String {
        var pattern = ""
        for character in prefix {
            if character == "%" || character == "_" || character == "\\" { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern + "%"
    }
}
