import GRDB

/// Reading everything at once, and the API-call meter.
extension OrgSimulator {
    /// Everything the simulator holds, in one consistent read, without any token.
    public func snapshot() throws -> SimulatorSnapshot {
        try read { db in
            var orgs: [OrgSnapshot] = []
            for org in try Tables.allOrgs(db) {
                let profiles = try Row.fetchAll(
                    db, sql: "SELECT id, name FROM profile WHERE org = ? ORDER BY name", arguments: [org.name]
                ).map { DirectoryProfile(id: try $0.decode(String.self, atIndex: 0), name: try $0.decode(String.self, atIndex: 1)) }
                let profileNames = try DirectoryUserRow.profileNames(db, org: org.name)
                let users = try Row.fetchAll(
                    db, sql: DirectoryUserRow.select + " WHERE org = ? ORDER BY username", arguments: [org.name]
                ).map { try DirectoryUserRow.decode($0, profileNames: profileNames) }
                orgs.append(OrgSnapshot(
                    org: org, profiles: profiles, users: users, settings: try settings(db, org: org),
                    secrets: try Tables.secrets(db, org: org.name), apiCalls: try Tables.apiCalls(db, org: org.name)))
            }
            return SimulatorSnapshot(orgs: orgs, accounts: try VCCAccountRow.all(db))
        }
    }

    /// Salesforce API calls counted against `org` so far.
    public func apiUsage(org: String) throws -> Int {
        try read { db in
            _ = try Tables.requireOrg(db, named: org)
            return try Tables.apiCalls(db, org: org)
        }
    }

    private func settings(_ db: Database, org: SimulatedOrg) throws -> [SettingSnapshot] {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT s.id, s.ownerId, p.name, u.username, s.clientId, s.baseURL, s.flags,
                       s.retiredToken IS NOT NULL, s.lastModified
                FROM setting s
                LEFT JOIN profile p ON p.id = s.ownerId AND p.org = s.org
                LEFT JOIN "user" u ON u.id = s.ownerId AND u.org = s.org
                WHERE s.org = ? ORDER BY s.id
                """,
            arguments: [org.name])
        var settings: [SettingSnapshot] = []
        while let row = try rows.next() {
            let ownerId = try row.decode(String.self, atIndex: 1)
            let owner: SettingOwner?
            if ownerId == org.orgId {
                owner = .org
            } else if let profile = try row.decode(String?.self, atIndex: 2) {
                owner = .profile(profile)
            } else if let username = try row.decode(String?.self, atIndex: 3) {
                owner = .user(username)
            } else {
                owner = nil
            }
            settings.append(SettingSnapshot(
                id: try row.decode(String.self, atIndex: 0), ownerId: ownerId, owner: owner,
                clientId: try row.decode(String?.self, atIndex: 4), baseURL: try row.decode(String?.self, atIndex: 5),
                flags: try row.decode(String?.self, atIndex: 6), retiredTokenPresent: try row.decode(Bool.self, atIndex: 7),
                lastModified: Timestamp.date(try row.decode(Int64.self, atIndex: 8))))
        }
        return settings
    }
}
