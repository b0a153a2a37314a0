import GRDB

/// Reading and writing one `vcc_account` row as a `VCCLink`, the status to return to when a
/// pending link is cancelled, and the id of the pending link's consent page.
enum VCCAccountRow {
    /// One row as stored.
    struct Stored {
        var link: VCCLink
        var statusBeforePending: LinkStatus?
        /// The id of the consent page of the pending link; nil when none is pending.
        var consentId: String?
    }

    static let select = """
        SELECT key, status, linkedOrg, linkedEnvironment, linkedUsername, linkedAsUsername, linkedAt,
               pendingOrg, pendingUsername, pendingSince, statusBeforePending, pendingEnvironment, pendingConsentId
        FROM vcc_account
        """

    /// The account's link, or an unlinked one when VCC has no record of a link action.
    static func fetch(_ db: Database, key: String) throws -> Stored {
        guard let row = try Row.fetchOne(db, sql: select + " WHERE key = ?", arguments: [key]) else {
            return Stored(link: VCCLink(key: key, status: .unlinked))
        }
        return try stored(row)
    }

    /// The row whose pending link's consent page has this id, if any.
    static func fetch(_ db: Database, consentId: String) throws -> Stored? {
        guard let row = try Row.fetchOne(db, sql: select + " WHERE pendingConsentId = ?", arguments: [consentId]) else {
            return nil
        }
        return try stored(row)
    }

    static func all(_ db: Database) throws -> [VCCLink] {
        try Row.fetchAll(db, sql: select + " ORDER BY key").map { try stored($0).link }
    }

    private static func stored(_ row: Row) throws -> Stored {
        Stored(
            link: VCCLink(
                key: try row.decode(String.self, atIndex: 0),
                status: try status(row, 1) ?? .unlinked,
                linkedOrg: try row.decode(String?.self, atIndex: 2),
                linkedEnvironment: try row.decode(String?.self, atIndex: 3).flatMap(SalesforceEnvironment.init(rawValue:)),
                linkedUsername: try row.decode(String?.self, atIndex: 4),
                linkedAsUsername: try row.decode(String?.self, atIndex: 5),
                linkedAt: try row.decode(Int64?.self, atIndex: 6).map(Timestamp.date),
                pendingOrg: try row.decode(String?.self, atIndex: 7),
                pendingUsername: try row.decode(String?.self, atIndex: 8),
                pendingSince: try row.decode(Int64?.self, atIndex: 9).map(Timestamp.date),
                pendingEnvironment: try environment(row, 11)),
            statusBeforePending: try status(row, 10),
            consentId: try row.decode(String?.self, atIndex: 12))
    }

    static func save(_ db: Database, _ stored: Stored) throws {
        let link = stored.link
        // Only a pending link has a consent page.
        let consentId = link.status == .pending ? stored.consentId : nil
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO vcc_account
                    (key, status, linkedOrg, linkedEnvironment, linkedUsername, linkedAsUsername, linkedAt,
                     pendingOrg, pendingUsername, pendingSince, statusBeforePending, pendingEnvironment, pendingConsentId)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                link.key, link.status.rawValue, link.linkedOrg, link.linkedEnvironment?.rawValue,
                link.linkedUsername, link.linkedAsUsername, link.linkedAt.map(Timestamp.milliseconds),
                link.pendingOrg, link.pendingUsername, link.pendingSince.map(Timestamp.milliseconds),
                stored.statusBeforePending?.rawValue, link.pendingEnvironment?.rawValue, consentId,
            ])
    }

    private static func status(_ row: Row, _ index: Int) throws -> LinkStatus? {
        guard let text = try row.decode(String?.self, atIndex: index) else { return nil }
        guard let status = LinkStatus(rawValue: text) else {
            throw SimulatorError.storage("unknown link status \"\(text)\"")
        }
        return status
    }

    private static func environment(_ row: Row, _ index: Int) throws -> SalesforceEnvironment? {
        guard let text = try row.decode(String?.self, atIndex: index) else { return nil }
        guard let environment = SalesforceEnvironment(rawValue: text) else {
            throw SimulatorError.storage("unknown environment \"\(text)\"")
        }
        return environment
    }
}
