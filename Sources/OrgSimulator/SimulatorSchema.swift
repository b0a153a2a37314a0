import Foundation
import GRDB

/// The database schema, as GRDB migrations. Never edit a shipped migration: add a new one.
enum SimulatorSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                -- Counters behind the generated Salesforce Ids, one per key prefix.
                CREATE TABLE id_sequence (
                    prefix TEXT PRIMARY KEY NOT NULL,
                    next INTEGER NOT NULL
                );
                CREATE TABLE org (
                    name TEXT PRIMARY KEY NOT NULL,
                    orgId TEXT NOT NULL UNIQUE,
                    environment TEXT NOT NULL CHECK (environment IN ('production', 'sandbox')),
                    createdAt INTEGER NOT NULL
                );
                -- Directory tables are clustered by org and name: resolving names is a direct
                -- lookup and reading an org's users one range scan. Ids are unique across orgs.
                CREATE TABLE profile (
                    org TEXT NOT NULL REFERENCES org(name) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    id TEXT NOT NULL UNIQUE,
                    PRIMARY KEY (org, name)
                ) WITHOUT ROWID;
                CREATE TABLE "user" (
                    org TEXT NOT NULL REFERENCES org(name) ON DELETE CASCADE,
                    username TEXT NOT NULL,
                    id TEXT NOT NULL UNIQUE,
                    profileId TEXT NOT NULL REFERENCES profile(id),
                    isActive BOOLEAN NOT NULL,
                    isApiOnly BOOLEAN NOT NULL,
                    hasApiUserPermissionSet BOOLEAN NOT NULL,
                    mfaRequired BOOLEAN NOT NULL,
                    PRIMARY KEY (org, username)
                ) WITHOUT ROWID;
                -- The hierarchy custom setting. Clustered on (org, id) so that querying an org's
                -- records is one range scan in Id order; at most one record per owner.
                CREATE TABLE setting (
                    org TEXT NOT NULL REFERENCES org(name) ON DELETE CASCADE,
                    id TEXT NOT NULL,
                    ownerId TEXT NOT NULL,
                    clientId TEXT,
                    retiredToken TEXT,
                    baseURL TEXT,
                    flags TEXT,
                    lastModified INTEGER NOT NULL,
                    PRIMARY KEY (org, id)
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX setting_owner ON setting (org, ownerId);
                -- Secrets Management groups records by key; only records with a key matter. The
                -- index covers the listing (key, record Id, owner Id) so it never reads the table.
                CREATE INDEX setting_clientId ON setting (org, clientId, id, ownerId) WHERE clientId IS NOT NULL;
                -- Ids of deleted records, so a later write says ENTITY_IS_DELETED as Salesforce does.
                CREATE TABLE deleted_setting (
                    org TEXT NOT NULL REFERENCES org(name) ON DELETE CASCADE,
                    id TEXT NOT NULL,
                    PRIMARY KEY (org, id)
                ) WITHOUT ROWID;
                -- Stored API tokens: a salted SHA-256 only. A row outlives the records carrying its
                -- key (Secrets Management lists only keys in use, so it is hidden meanwhile).
                CREATE TABLE secret (
                    org TEXT NOT NULL REFERENCES org(name) ON DELETE CASCADE,
                    clientId TEXT NOT NULL,
                    salt BLOB NOT NULL,
                    tokenHash BLOB NOT NULL,
                    updatedAt INTEGER NOT NULL,
                    PRIMARY KEY (org, clientId)
                ) WITHOUT ROWID;
                -- The VCC side: one row per account that ever had a link action.
                CREATE TABLE vcc_account (
                    key TEXT PRIMARY KEY NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('unlinked', 'linked', 'legacy', 'pending')),
                    statusBeforePending TEXT CHECK (statusBeforePending IN ('unlinked', 'linked', 'legacy')),
                    linkedOrg TEXT,
                    linkedEnvironment TEXT,
                    linkedUsername TEXT,
                    linkedAsUsername TEXT,
                    linkedAt INTEGER,
                    pendingOrg TEXT,
                    pendingUsername TEXT,
                    pendingSince INTEGER
                );
                -- The five-accounts-per-API-user rule counts links by the consenting user.
                CREATE INDEX vcc_account_linkedAs ON vcc_account (linkedOrg, linkedAsUsername);
                CREATE TABLE api_usage (
                    org TEXT PRIMARY KEY NOT NULL REFERENCES org(name) ON DELETE CASCADE,
                    calls INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2-user-by-id") { db in
            // A plan reads every settings record with its owner's name: one lookup per record in
            // an index that holds all it reads of a user.
            try db.execute(sql: """
                CREATE INDEX user_by_id ON "user" (id, org, username, isActive, profileId);
                """)
        }
        migrator.registerMigration("v3-setting-by-owner") { db in
            // The refresh reads every record in owner order from this index alone, so that each
            // record's owner lookup in `user_by_id` lands next to the previous one: at 1M records
            // that is a third of the time of lookups in record-Id order, which miss the cache.
            try db.execute(sql: """
                CREATE INDEX setting_by_owner ON setting (org, ownerId, id, clientId, retiredToken);
                """)
        }
        migrator.registerMigration("v4-emulator") { db in
            // The HTTP emulator: the two permissions that decide what a session may read and
            // write (true unless a seed switches them off), sessions by token hash (so `vccctl
            // sim expire-sessions` can end them from another process), and each org's daily
            // API allowance beside its count.
            try db.execute(sql: """
                ALTER TABLE "user" ADD COLUMN customizeApplication BOOLEAN NOT NULL DEFAULT 1;
                ALTER TABLE "user" ADD COLUMN viewAllCustomSettings BOOLEAN NOT NULL DEFAULT 1;
                ALTER TABLE api_usage ADD COLUMN dailyLimit INTEGER NOT NULL DEFAULT 15000;
                CREATE TABLE session (
                    tokenHash BLOB PRIMARY KEY NOT NULL,
                    org TEXT NOT NULL REFERENCES org(name) ON DELETE CASCADE,
                    userId TEXT NOT NULL,
                    issuedAt INTEGER NOT NULL,
                    -- Client credentials run as a user "with all permissions".
                    allPermissions BOOLEAN NOT NULL DEFAULT 0,
                    revoked BOOLEAN NOT NULL DEFAULT 0
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v5-link-consent") { db in
            // The VCC admin contract: a pending link remembers the environment its consent logs
            // in to (Production or Sandbox, chosen when the link is started) and the id of its
            // consent page, so the page still works after the emulator restarts. The id is
            // kept in clear because the contract hands the consent URL back on every read of a
            // pending link. Every id ever issued is kept by its SHA-256 only, so a superseded
            // or finished consent page answers "gone" (410) rather than "unknown" (404).
            try db.execute(sql: """
                ALTER TABLE vcc_account ADD COLUMN pendingEnvironment TEXT
                    CHECK (pendingEnvironment IN ('production', 'sandbox'));
                ALTER TABLE vcc_account ADD COLUMN pendingConsentId TEXT;
                CREATE TABLE vcc_consent (
                    idHash BLOB PRIMARY KEY NOT NULL,
                    key TEXT NOT NULL,
                    createdAt INTEGER NOT NULL
                ) WITHOUT ROWID;
                -- The consent page of a pending link is found through its id.
                CREATE UNIQUE INDEX vcc_account_consent ON vcc_account (pendingConsentId)
                    WHERE pendingConsentId IS NOT NULL;
                """)
            // Links pending from before this migration get a consent page too, in the
            // environment of their org (what they were started for).
            let pending = try Row.fetchAll(db, sql: """
                SELECT a.key, o.environment FROM vcc_account a LEFT JOIN org o ON o.name = a.pendingOrg
                WHERE a.status = 'pending'
                """)
            for row in pending {
                let key = try row.decode(String.self, atIndex: 0)
                let environment = try row.decode(String?.self, atIndex: 1)
                let consentId = ConsentId.make()
                try db.execute(
                    sql: "UPDATE vcc_account SET pendingEnvironment = ?, pendingConsentId = ? WHERE key = ?",
                    arguments: [environment, consentId, key])
                try db.execute(
                    sql: "INSERT INTO vcc_consent (idHash, key, createdAt) VALUES (?, ?, ?)",
                    arguments: [ConsentId.hash(consentId), key, Timestamp.milliseconds(Date())])
            }
        }
        return migrator
    }
}
