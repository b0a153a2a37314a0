import Foundation
import GRDB

/// Secrets Management: one secret per distinct account key in use, with a write-only token.
///
/// Tokens are kept only as a salted SHA-256, so the simulated org can check a token but never
/// reveal one. The list is derived from the settings records: when the last record carrying a
/// key goes, its secret leaves the list, but a stored token hash is kept (hidden) and shows as
/// set again if the key comes back, as a separate token store joined to the settings would.
extension OrgSimulator {
    /// The Secrets Management list: one entry per distinct key found in the org's settings
    /// records, ordered by key; empty when no record has a key. Metered one call. Without
    /// `locations` the entries leave them empty: a plan needs only "token set?", and listing every
    /// record of a large org would cost more than the rest of its refresh.
    public func listSecrets(org: String, locations: Bool = true) throws -> Metered<[SecretEntry]> {
        try write { db in
            _ = try Tables.requireOrg(db, named: org)
            let entries = try Tables.secrets(db, org: org, locations: locations)
            try Tables.meter(db, org: org, calls: 1)
            return Metered(value: entries, apiCalls: 1)
        }
    }

    /// "Update Token": stores the API token of a Client ID, replacing any earlier one. Metered one call.
    /// - Throws: `.keyNotInUse` when no settings record carries the key (the list would not show
    ///   it: keys must be set in custom settings first), `.emptyToken`.
    @discardableResult
    public func setToken(org: String, clientId: String, token: String) throws -> Metered<SecretEntry> {
        try write { db in
            let entry = try Self.storeToken(db, org: org, clientId: clientId, token: token, now: nowMilliseconds)
            try Tables.meter(db, org: org, calls: 1)
            return Metered(value: entry, apiCalls: 1)
        }
    }

    /// Stores a salted hash of `token` for a listed Client ID, inside the caller's transaction.
    static func storeToken(_ db: Database, org: String, clientId: String, token: String, now: Int64) throws -> SecretEntry {
        guard !token.isEmpty else { throw SimulatorError.emptyToken }
        _ = try Tables.requireOrg(db, named: org)
        guard try Tables.keyInUse(db, org: org, clientId: clientId) else {
            throw SimulatorError.keyNotInUse(org: org, clientId: clientId)
        }
        let salt = TokenHasher.makeSalt()
        let hash = TokenHasher.hash(token, salt: salt)
        try db.execute(
            sql: """
                INSERT INTO secret (org, clientId, salt, tokenHash, updatedAt) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (org, clientId) DO UPDATE
                SET salt = excluded.salt, tokenHash = excluded.tokenHash, updatedAt = excluded.updatedAt
                """,
            arguments: [org, clientId, salt, hash, now])
        guard let entry = try Tables.secrets(db, org: org, onlyClientId: clientId).first else {
            throw SimulatorError.keyNotInUse(org: org, clientId: clientId)
        }
        return entry
    }

    /// Forgets the stored token of a Client ID (an admin action out of band): it then shows as not set.
    /// - Throws: `.keyNotInUse` when the list does not show the key.
    public func clearToken(org: String, clientId: String) throws {
        try write { db in
            _ = try Tables.requireOrg(db, named: org)
            guard try Tables.keyInUse(db, org: org, clientId: clientId) else {
                throw SimulatorError.keyNotInUse(org: org, clientId: clientId)
            }
            try db.execute(sql: "DELETE FROM secret WHERE org = ? AND clientId = ?", arguments: [org, clientId])
        }
    }

    /// Whether `token` is the stored token of a listed Client ID; false when none is set or the
    /// key is not in use. The check compares hashes: the stored token is never read back.
    public func tokenMatches(org: String, clientId: String, token: String) throws -> Bool {
        try read { db in
            _ = try Tables.requireOrg(db, named: org)
            guard try Tables.keyInUse(db, org: org, clientId: clientId),
                let row = try Row.fetchOne(
                    db, sql: "SELECT salt, tokenHash FROM secret WHERE org = ? AND clientId = ?",
                    arguments: [org, clientId])
            else { return false }
            return TokenHasher.matches(
                token, salt: try row.decode(Data.self, atIndex: 0), hash: try row.decode(Data.self, atIndex: 1))
        }
    }
}
