extension ReadDigest {
    /// Adds what a refresh found about the API users requested for `org`, the same way on every
    /// target: each user's facts, each absence (a user created since the plan is a change), and
    /// the similar usernames read.
    public mutating func addAPIUsers(org: String, requested: [String], found: [String: APIUserFacts], similar: [String]) {
        for username in requested {
            guard let facts = found[username] else {
                add("api-user-missing", org, username)
                continue
            }
            add("api-user", org, username, facts.userId, facts.isActive ? "1" : "0", facts.isApiOnly ? "1" : "0",
                facts.hasAPIUserPermissionSet ? "1" : "0", facts.needsMFA ? "1" : "0")
        }
        for username in similar { add("similar-username", org, username) }
    }
}
