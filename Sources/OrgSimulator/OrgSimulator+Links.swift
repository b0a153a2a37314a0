import GRDB

/// The VCC side: the Salesforce link of each VCC account. Not metered: these are VCC's own
/// calls, not Salesforce API calls of the org.
extension OrgSimulator {
    /// The link of a VCC account; `.unlinked` for an account with no link history.
    /// - Throws: `.invalidAccountKey` for an empty key or one with whitespace.
    public func linkStatus(key: String) throws -> VCCLink {
        try Self.requireKey(key)
        return try read { db in try VCCAccountRow.fetch(db, key: key).link }
    }

    /// The link status of each of `keys`, in one read (a plan asks for every declared account).
    /// - Throws: `.invalidAccountKey`.
    public func linkStatuses(keys: [String]) throws -> [VCCLink] {
        for key in keys { try Self.requireKey(key) }
        return try read { db in try keys.map { try VCCAccountRow.fetch(db, key: $0).link } }
    }

    /// Every VCC account with a link record, by key.
    public func links() throws -> [VCCLink] {
        try read { db in try VCCAccountRow.all(db) }
    }

    /// Starts a link or relink to `org` for the API user `username`: the account waits for that
    /// user's consent. A link already in force stays in force until the consent replaces it.
    /// - Throws: `.unknownOrg`, `.invalidAccountKey`.
    @discardableResult
    public func startLink(key: String, org: String, username: String) throws -> VCCLink {
        try Self.requireKey(key)
        try Tables.requireName(username, what: "username")
        return try write { db in
            _ = try Tables.requireOrg(db, named: org)
            var (link, before) = try VCCAccountRow.fetch(db, key: key)
            if link.status != .pending { before = link.status }
            link.status = .pending
            link.pendingOrg = org
            link.pendingUsername = username
            link.pendingSince = now
            try VCCAccountRow.save(db, link, statusBeforePending: before)
            return link
        }
    }

    /// The consent step: `username` logs in to the pending link's org and presses Allow.
    ///
    /// The consenting user must exist there and be active, and may carry at most five links:
    /// the sixth fails. Consenting as another user than the one the link was started for (an
    /// admin through "log in as", say) is accepted, as Salesforce would, but recorded in
    /// `linkedAsUsername`, so a plan can report it. VCC logs in as the consenting user, so the
    /// five-links rule counts by that user.
    /// - Throws: `.noPendingLink`, `.consentUserUnknown`, `.consentUserInactive`, `.linkLimitReached`.
    @discardableResult
    public func giveConsent(key: String, as username: String) throws -> VCCLink {
        try Self.requireKey(key)
        return try write { db in
            var (link, _) = try VCCAccountRow.fetch(db, key: key)
            guard link.status == .pending, let org = link.pendingOrg else {
                throw SimulatorError.noPendingLink(key: key)
            }
            let simulatedOrg = try Tables.requireOrg(db, named: org)
            guard let isActive = try Bool.fetchOne(
                db, sql: #"SELECT isActive FROM "user" WHERE org = ? AND username = ?"#, arguments: [org, username])
            else {
                throw SimulatorError.consentUserUnknown(org: org, username: username)
            }
            guard isActive else { throw SimulatorError.consentUserInactive(org: org, username: username) }
            let others = try String.fetchAll(
                db,
                sql: "SELECT key FROM vcc_account WHERE linkedOrg = ? AND linkedAsUsername = ? AND key <> ? ORDER BY key",
                arguments: [org, username, key])
            guard others.count < Self.linksPerApiUser else {
                throw SimulatorError.linkLimitReached(org: org, username: username, linkedKeys: others)
            }
            link.status = .linked
            link.linkedOrg = org
            link.linkedEnvironment = simulatedOrg.environment
            link.linkedUsername = link.pendingUsername ?? username
            link.linkedAsUsername = username
            link.linkedAt = now
            link.clearPending()
            try VCCAccountRow.save(db, link, statusBeforePending: nil)
            return link
        }
    }

    /// Drops a pending link or relink; the account returns to the status it had before.
    /// Nothing happens when no link is pending.
    @discardableResult
    public func cancelPending(key: String) throws -> VCCLink {
        try Self.requireKey(key)
        return try write { db in
            var (link, before) = try VCCAccountRow.fetch(db, key: key)
            guard link.status == .pending else { return link }
            link.status = before ?? (link.linkedOrg == nil ? .unlinked : .linked)
            link.clearPending()
            try VCCAccountRow.save(db, link, statusBeforePending: nil)
            return link
        }
    }

    /// Unlinks the account: calls stop at once; a pending link is dropped too. Idempotent.
    @discardableResult
    public func unlink(key: String) throws -> VCCLink {
        try Self.requireKey(key)
        return try write { db in
            let link = VCCLink(key: key, status: .unlinked)
            try VCCAccountRow.save(db, link, statusBeforePending: nil)
            return link
        }
    }

    /// Marks a link in force as linked by an older method (simulator only).
    /// - Throws: `.notLinked` when no link is in force.
    @discardableResult
    public func markLegacy(key: String) throws -> VCCLink {
        try Self.requireKey(key)
        return try write { db in
            var (link, before) = try VCCAccountRow.fetch(db, key: key)
            guard link.linkedOrg != nil else { throw SimulatorError.notLinked(key: key) }
            if link.status == .pending {
                // The link in force turns Legacy; the pending relink still waits.
                before = .legacy
            } else {
                link.status = .legacy
            }
            try VCCAccountRow.save(db, link, statusBeforePending: link.status == .pending ? before : nil)
            return link
        }
    }

    /// One API user serves at most this many VCC accounts.
    public static let linksPerApiUser = 5

    /// An account key is opaque but non-empty and without whitespace.
    static func requireKey(_ key: String) throws {
        guard !key.isEmpty, !key.contains(where: \.isWhitespace) else {
            throw SimulatorError.invalidAccountKey(key)
        }
    }
}
