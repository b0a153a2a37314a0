import Foundation
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
    /// - Parameter environment: the login the consent goes through (Production or Sandbox);
    ///   nil: the org's own environment.
    /// - Throws: `.unknownOrg`, `.invalidAccountKey`.
    @discardableResult
    public func startLink(
        key: String, org: String, username: String, environment: SalesforceEnvironment? = nil
    ) throws -> VCCLink {
        try startLinkWithConsent(key: key, org: org, username: username, environment: environment).link
    }

    /// `startLink`, also returning the id of the new consent page: the only way to learn it
    /// besides `pendingConsentId(key:)`. Starting again replaces a pending link, and its consent
    /// page stops opening (`consentRequest(id:)` reports it closed).
    /// - Throws: `.unknownOrg`, `.invalidAccountKey`.
    public func startLinkWithConsent(
        key: String, org: String, username: String, environment: SalesforceEnvironment? = nil
    ) throws -> LinkConsent {
        try Self.requireKey(key)
        try Tables.requireName(username, what: "username")
        let consentId = ConsentId.make()
        return try write { db in
            let simulatedOrg = try Tables.requireOrg(db, named: org)
            var stored = try VCCAccountRow.fetch(db, key: key)
            if stored.link.status != .pending { stored.statusBeforePending = stored.link.status }
            stored.link.status = .pending
            stored.link.pendingOrg = org
            stored.link.pendingUsername = username
            stored.link.pendingSince = now
            stored.link.pendingEnvironment = environment ?? simulatedOrg.environment
            stored.consentId = consentId
            try VCCAccountRow.save(db, stored)
            try db.execute(
                sql: "INSERT INTO vcc_consent (idHash, key, createdAt) VALUES (?, ?, ?)",
                arguments: [ConsentId.hash(consentId), key, nowMilliseconds])
            return LinkConsent(link: stored.link, consentId: consentId)
        }
    }

    /// The consent step: `username` logs in to the pending link's org and presses Allow.
    ///
    /// The login goes to the environment the link was started with, and must be the org's: a
    /// production login cannot reach a sandbox user, nor the reverse. The consenting user must
    /// exist there and be active, and may carry at most five links: the sixth fails.
    /// Consenting as another user than the one the link was started for (an admin through "log
    /// in as", say) is accepted, as Salesforce would, but recorded in `linkedAsUsername`, so a
    /// plan can report it. VCC logs in as the consenting user, so the five-links rule counts by
    /// that user.
    /// - Throws: `.noPendingLink`, `.environmentMismatch`, `.consentUserUnknown`,
    ///   `.consentUserInactive`, `.linkLimitReached`.
    @discardableResult
    public func giveConsent(key: String, as username: String) throws -> VCCLink {
        try Self.requireKey(key)
        return try write { db in
            try Self.consent(db, stored: try VCCAccountRow.fetch(db, key: key), as: username, now: now)
        }
    }

    /// What the consent page with this id asks for; nil when no page ever had this id.
    public func consentRequest(id: String) throws -> ConsentRequest? {
        try read { db in try Self.consentRequest(db, id: id) }
    }

    /// The consent page `id`: `username` logs in and presses Allow (see `giveConsent(key:as:)`).
    /// - Throws: `.consentUnknown`, `.consentClosed` (the page was superseded or its link
    ///   finished), and what `giveConsent(key:as:)` throws.
    @discardableResult
    public func giveConsent(consentId: String, as username: String) throws -> VCCLink {
        try write { db in
            let stored = try Self.openConsent(db, id: consentId)
            return try Self.consent(db, stored: stored, as: username, now: now)
        }
    }

    /// The consent page `id`: the person presses Deny. The pending link is dropped (as
    /// `cancelPending` does) and the page closes.
    /// - Throws: `.consentUnknown`, `.consentClosed`.
    @discardableResult
    public func denyConsent(consentId: String) throws -> VCCLink {
        try write { db in
            let stored = try Self.openConsent(db, id: consentId)
            return try Self.dropPending(db, stored)
        }
    }

    /// The id of the consent page of the account's pending link; nil when none is pending.
    public func pendingConsentId(key: String) throws -> String? {
        try Self.requireKey(key)
        return try read { db in try VCCAccountRow.fetch(db, key: key).consentId }
    }

    private static func consentRequest(_ db: Database, id: String) throws -> ConsentRequest? {
        guard let key = try String.fetchOne(
            db, sql: "SELECT key FROM vcc_consent WHERE idHash = ?", arguments: [ConsentId.hash(id)])
        else { return nil }
        let stored = try VCCAccountRow.fetch(db, key: key)
        let isOpen = stored.link.status == .pending && stored.consentId.map { ConsentId.equal($0, id) } == true
        return ConsentRequest(accountKey: key, isOpen: isOpen, link: stored.link)
    }

    private static func openConsent(_ db: Database, id: String) throws -> VCCAccountRow.Stored {
        guard let request = try consentRequest(db, id: id) else { throw SimulatorError.consentUnknown }
        guard request.isOpen else { throw SimulatorError.consentClosed(key: request.accountKey) }
        return try VCCAccountRow.fetch(db, key: request.accountKey)
    }

    private static func consent(_ db: Database, stored: VCCAccountRow.Stored, as username: String, now: Date) throws -> VCCLink {
        var link = stored.link
        let key = link.key
        guard link.status == .pending, let org = link.pendingOrg else {
            throw SimulatorError.noPendingLink(key: key)
        }
        let simulatedOrg = try Tables.requireOrg(db, named: org)
        let loginEnvironment = link.pendingEnvironment ?? simulatedOrg.environment
        guard loginEnvironment == simulatedOrg.environment else {
            throw SimulatorError.environmentMismatch(
                key: key, org: org, orgEnvironment: simulatedOrg.environment, loginEnvironment: loginEnvironment)
        }
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
        try VCCAccountRow.save(db, VCCAccountRow.Stored(link: link))
        return link
    }

    /// The account returns to the status it had before its link was started.
    private static func dropPending(_ db: Database, _ stored: VCCAccountRow.Stored) throws -> VCCLink {
        var link = stored.link
        guard link.status == .pending else { return link }
        link.status = stored.statusBeforePending ?? (link.linkedOrg == nil ? .unlinked : .linked)
        link.clearPending()
        try VCCAccountRow.save(db, VCCAccountRow.Stored(link: link))
        return link
    }

    /// Drops a pending link or relink; the account returns to the status it had before, and the
    /// pending link's consent page closes. Nothing happens when no link is pending.
    @discardableResult
    public func cancelPending(key: String) throws -> VCCLink {
        try Self.requireKey(key)
        return try write { db in try Self.dropPending(db, try VCCAccountRow.fetch(db, key: key)) }
    }

    /// Unlinks the account: calls stop at once; a pending link is dropped too. Idempotent.
    @discardableResult
    public func unlink(key: String) throws -> VCCLink {
        try Self.requireKey(key)
        return try write { db in
            let link = VCCLink(key: key, status: .unlinked)
            try VCCAccountRow.save(db, VCCAccountRow.Stored(link: link))
            return link
        }
    }

    /// Marks a link in force as linked by an older method (simulator only).
    /// - Throws: `.notLinked` when no link is in force.
    @discardableResult
    public func markLegacy(key: String) throws -> VCCLink {
        try Self.requireKey(key)
        return try write { db in
            var stored = try VCCAccountRow.fetch(db, key: key)
            guard stored.link.linkedOrg != nil else { throw SimulatorError.notLinked(key: key) }
            if stored.link.status == .pending {
                // The link in force turns Legacy; the pending relink (and its consent page) still waits.
                stored.statusBeforePending = .legacy
            } else {
                stored.link.status = .legacy
                stored.statusBeforePending = nil
            }
            try VCCAccountRow.save(db, stored)
            return stored.link
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
