import GRDB

/// Reading and writing one `vcc_account` row as a `VCCLink` plus the status to return to when a
/// pending link is cancelled.
enum VCCAccountRow {
    static let select = """
        SELECT key, status, linkedOrg, linkedEnvironment, linkedUsername, linkedAsUsername, linkedAt,
               pendingOrg, pendingUsername, pendingSince, statusBeforePending
        FROM vcc_account
        """

    /// The account's link, or an unlinked one when VCC has no record of a link action.
    static func fetch(_ db: Database, key: String) throws -> (link: VCCLink, statusBeforePending: LinkStatus?) {
        guard let row = try Row.fetchOne(db, sql: select + " WHERE key = ?", arguments: [key]) else {
            return (VCCLink(key: key, status: .unlinked), nil)
        }
        return (try decode(row), try status(row, 10))
    }

    static func all(_ db: Database) throws -> [VCCLink] {
        try Row.fetchAll(db, sql: select + " ORDER BY key").map(decode)
    }

    static func decode(_ row: Row) throws -> VCCLink {
        VCCLink(
            key: try row.decode(String.self, atIndex: 0),
            status: try status(row, 1) ?? .unlinked,
            linkedOrg: try row.decode(String?.self, atIndex: 2),
            linkedEnvironment: try row.decode(String?.self, atIndex: 3).flatMap(SalesforceEnvironment.init(rawValue:)),
            linkedUsername: try row.decode(String?.self, atIndex: 4),
            linkedAsUsername: try row.decode(String?.self, atIndex: 5),
            linkedAt: try row.decode(Int64?.self, atIndex: 6).map(Timestamp.date),
            pendingOrg: try row.decode(String?.self, atIndex: 7),
            pendingUsername: try row.decode(String?.self, atIndex: 8),
            pendingSince: try row.decode(Int64?.self, atIndex: 9).map(Timestamp.date))
    }

    static func save(_ db: Database, _ link: VCCLink, statusBeforePending: LinkStatus?) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO vcc_account
                    (key, status, linkedOrg, linkedEnvironment, linkedUsername, linkedAsUsername, linkedAt,
                     pendingOrg, pendingUsername, pendingSince, statusBeforePending)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                link.key, link.status.rawValue, link.linkedOrg, link.linkedEnvironment?.rawValue,
                link.linkedUsername, link.linkedAsUsername, link.linkedAt.map(Timestamp.milliseconds),
                link.pendingOrg, link.pendingUsername, link.pendingSince.map(Timestamp.milliseconds),
                statusBeforePending?.rawValue,
            ])
    }

    private static func status(_ row: Row, _ index: Int) throws -> LinkStatus? {
        guard let text = try row.decode(String?.self, atIndex: index) else { return nil }
        guard let status = LinkStatus(rawValue: text) else {
            throw SimulatorError.storage("unknown link status \"\(text)\"")
        }
        return status
    }
}
