import GRDB

extension OrgSimulator {
    /// Every settings record of `org` with its owner named, handed to `body` one by one in no
    /// particular order, after `totalSize` learns how many there are (a query's first page says
    /// so). One query, metered like `querySettings`: a plan reads the whole setting this way
    /// instead of resolving every declared name. Returns the API calls it cost.
    /// - Throws: `.unknownOrg`.
    @discardableResult
    public func forEachNamedSetting(org: String, totalSize: (Int) -> Void = { _ in },
                                    _ body: (NamedSettingRecord) throws -> Void) throws -> Int {
        try write { db in
            let simulated = try Tables.requireOrg(db, named: org)
            totalSize(try Int.fetchOne(db, sql: "SELECT count(*) FROM setting WHERE org = ?", arguments: [org]) ?? 0)
            // Profiles are few: their names come from memory. Users are many: each record finds
            // its owner in `user_by_id`, which holds all that is read of a user (the unique index
            // on id would cost a second lookup per record). Records come from `setting_by_owner`
            // in owner-Id order, so those lookups walk the index forward instead of jumping
            // around it. No sort by name: the caller's sort of plain keys is cheaper.
            let profileNames = try DirectoryUserRow.profileNames(db, org: org)
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT s.id, s.ownerId, s.clientId, coalesce(s.retiredToken, '') <> '', u.username, u.isActive, u.profileId
                FROM setting s INDEXED BY setting_by_owner
                LEFT JOIN "user" u INDEXED BY user_by_id ON u.id = s.ownerId AND u.org = s.org
                WHERE s.org = ?
                """), arguments: [org])
            var count = 0
            while let row = try rows.next() {
                let ownerId = try row.decode(String.self, atIndex: 1)
                var record = NamedSettingRecord(
                    id: try row.decode(String.self, atIndex: 0), ownerId: ownerId, owner: nil,
                    clientId: try row.decode(String?.self, atIndex: 2), hasRetiredToken: try row.decode(Bool.self, atIndex: 3))
                if let username = try row.decode(String?.self, atIndex: 4) {
                    record.owner = .user(username)
                    record.ownerIsActive = try row.decode(Bool.self, atIndex: 5)
                    record.ownerProfileName = profileNames[try row.decode(String.self, atIndex: 6)]
                } else if ownerId == simulated.orgId {
                    record.owner = .org
                } else if let profile = profileNames[ownerId] {
                    record.owner = .profile(profile)
                }
                try body(record)
                count += 1
            }
            let calls = max(1, SalesforceLimits.calls(for: count, pageSize: SalesforceLimits.queryPageSize))
            try Tables.meter(db, org: org, calls: calls)
            return calls
        }
    }
}
