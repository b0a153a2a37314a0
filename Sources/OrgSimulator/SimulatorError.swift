import Foundation

/// A request the simulated org or VCC refuses, with a Salesforce-like status code and a message
/// that tells a person what to do.
public enum SimulatorError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    case invalidName(what: String, value: String)
    case unknownOrg(String)
    case duplicateOrg(String)
    case unknownProfile(org: String, name: String)
    case duplicateProfile(org: String, name: String)
    case unknownUser(org: String, username: String)
    case duplicateUser(org: String, username: String)
    case settingNotFound(org: String, owner: SettingOwner)
    /// A settings write the sim's own admin actions make was refused like a REST record would be.
    case recordRejected(RecordError)
    case invalidAccountKey(String)
    case keyNotInUse(org: String, clientId: String)
    case emptyToken
    case noPendingLink(key: String)
    case notLinked(key: String)
    case consentUserUnknown(org: String, username: String)
    case consentUserInactive(org: String, username: String)
    /// The API user already carries five links: the sixth consent fails.
    case linkLimitReached(org: String, username: String, linkedKeys: [String])
    /// The consent logged in to one environment (a production login at login.salesforce.com, a
    /// sandbox login at test.salesforce.com) while the pending link's org is of the other: such
    /// a login cannot reach that org's users.
    case environmentMismatch(key: String, org: String, orgEnvironment: SalesforceEnvironment, loginEnvironment: SalesforceEnvironment)
    /// No consent page has this id (the id itself is never repeated: it is a capability).
    case consentUnknown
    /// The consent page belonged to a link that was started again, consented, denied or
    /// dropped since: it no longer opens.
    case consentClosed(key: String)
    /// The database file could not be opened, read or written.
    case storage(String)
    /// The file is a SQLite database, but not an embedded org (it has tables of its own).
    case notAnOrgFile(path: String)
    /// The file holds schema changes of a newer vccctl.
    case newerOrgFile(path: String)
    /// The file holds no org (zero bytes, or no tables), where a command needs one.
    case emptyOrgFile(path: String)
    /// The file is not a SQLite database, or its pages are damaged.
    case damagedOrgFile(path: String, detail: String)
    /// SQLite could not open the file (permissions, a directory in the way, ...).
    case cannotOpenOrgFile(path: String, reason: String)

    /// A Salesforce-like status code.
    public var statusCode: String {
        switch self {
        case .invalidName: "REQUIRED_FIELD_MISSING"
        case .unknownOrg, .settingNotFound, .keyNotInUse: "NOT_FOUND"
        case .duplicateOrg, .duplicateProfile, .duplicateUser: "DUPLICATE_VALUE"
        case .unknownProfile, .unknownUser: "INVALID_CROSS_REFERENCE_KEY"
        case .recordRejected(let error): error.statusCode
        case .invalidAccountKey: "INVALID_ACCOUNT_KEY"
        case .emptyToken: "REQUIRED_FIELD_MISSING"
        case .noPendingLink: "NO_PENDING_LINK"
        case .notLinked: "NOT_LINKED"
        case .consentUserUnknown: "INVALID_LOGIN"
        case .consentUserInactive: "INACTIVE_OWNER_OR_USER"
        case .linkLimitReached: "API_USER_LINK_LIMIT_EXCEEDED"
        case .environmentMismatch: "LOGIN_ENVIRONMENT_MISMATCH"
        case .consentUnknown: "CONSENT_NOT_FOUND"
        case .consentClosed: "CONSENT_CLOSED"
        case .storage, .notAnOrgFile, .newerOrgFile, .emptyOrgFile, .damagedOrgFile, .cannotOpenOrgFile: "STORAGE_ERROR"
        }
    }

    /// What went wrong and, where there is one, the way out.
    public var message: String {
        switch self {
        case .invalidName(let what, let value):
            "\(what) \"\(value)\" is not valid: it must be non-empty and not only whitespace"
        case .unknownOrg(let org):
            "no simulated org named \"\(org)\"; add it to the directory seed"
        case .duplicateOrg(let org):
            "a simulated org named \"\(org)\" already exists"
        case .unknownProfile(let org, let name):
            "org \"\(org)\" has no profile named \"\(name)\""
        case .duplicateProfile(let org, let name):
            "org \"\(org)\" already has a profile named \"\(name)\""
        case .unknownUser(let org, let username):
            "org \"\(org)\" has no user with username \"\(username)\""
        case .duplicateUser(let org, let username):
            "org \"\(org)\" already has a user with username \"\(username)\""
        case .settingNotFound(let org, let owner):
            "org \"\(org)\" has no custom-settings record for \(owner)"
        case .recordRejected(let error):
            error.message
        case .invalidAccountKey(let key):
            "\"\(key)\" is not an account key: it must be non-empty and contain no whitespace"
        case .keyNotInUse(let org, let clientId):
            "Secrets Management in org \"\(org)\" does not list Client ID \"\(clientId)\": "
                + "no custom-settings record carries it; set the key in custom settings first"
        case .emptyToken:
            "the API token is empty"
        case .noPendingLink(let key):
            "VCC account \(key) has no link waiting for consent; start the link first"
        case .notLinked(let key):
            "VCC account \(key) is not linked to Salesforce"
        case .consentUserUnknown(let org, let username):
            "login failed: org \"\(org)\" has no user \"\(username)\""
        case .consentUserInactive(let org, let username):
            "login failed: user \"\(username)\" of org \"\(org)\" is inactive"
        case .linkLimitReached(let org, let username, let linkedKeys):
            "API user \"\(username)\" of org \"\(org)\" is already linked to five VCC accounts ("
                + linkedKeys.joined(separator: ", ")
                + "); one API user serves at most five accounts: use another API user"
        case .environmentMismatch(let key, let org, let orgEnvironment, let loginEnvironment):
            "login failed: VCC account \(key) asked for a \(loginEnvironment.rawValue) login (\(loginEnvironment.loginHost)), "
                + "but org \"\(org)\" is a \(orgEnvironment.rawValue) org: start the link again with environment "
                + "\(orgEnvironment.rawValue)"
        case .consentUnknown:
            "no consent page has this address"
        case .consentClosed(let key):
            "this consent page of VCC account \(key) is no longer valid: the link was started again, "
                + "consented, denied or dropped since; open the newest consent URL"
        case .storage(let detail):
            "the simulated org's database failed: \(detail)"
        case .notAnOrgFile(let path):
            "\(path) is a SQLite database but not a vccctl embedded org; it was left untouched. Point VCCCTL_LOCAL_ORG "
                + "at an embedded org, or at a path that does not exist yet (`vccctl sim seed FILE` creates one there)"
        case .newerOrgFile(let path):
            "the embedded org \(path) was written by a newer vccctl (it holds schema changes this vccctl does not "
                + "know): upgrade vccctl to the version that wrote it (or newer); do not edit the file"
        case .emptyOrgFile(let path):
            "the embedded org \(path) holds no org (it is empty: a `vccctl sim seed` that was stopped, or a truncated "
                + "file); it was left untouched. Create the org with `vccctl sim seed FILE`, or restore the file from a backup"
        case .damagedOrgFile(let path, let detail):
            "the embedded org \(path) is damaged or not a SQLite database (\(detail)): move it aside and create "
                + "the org again with `vccctl sim seed FILE`, or restore it from a backup"
        case .cannotOpenOrgFile(let path, let reason):
            "cannot open the embedded org \(path): \(reason). Check its permissions (vccctl creates it with mode 0600 "
                + "for the user who runs it), or name another file with VCCCTL_LOCAL_ORG"
        }
    }

    public var description: String { "\(statusCode): \(message)" }
    public var errorDescription: String? { message }
}
