import Reconciler
import SOQL

/// Reads the declared API users of one org: the users by name with their profile's permissions,
/// then their permission set assignments (a user is API Only, or must pass MFA, through its
/// profile or any permission set it holds), and only when a name is missing, the usernames that
/// share its part before `@`. Two calls when every user exists (IN lists kept under 2,000 URI
/// characters, several packed in one Composite request), none when no link is declared.
struct APIUserQuery: Sendable {
    let usernames: [String]

    static let users = InListQuery(
        head: "SELECT Id, Username, IsActive, Profile.PermissionsApiUserOnly, Profile.PermissionsForceTwoFactor "
            + "FROM User WHERE Username IN (")
    static let assignments = InListQuery(
        head: "SELECT AssigneeId, PermissionSet.Name, PermissionSet.NamespacePrefix, PermissionSet.PermissionsApiUserOnly, "
            + "PermissionSet.PermissionsForceTwoFactor FROM PermissionSetAssignment WHERE AssigneeId IN (")
    /// Similar usernames returned per missing name.
    static let similarLimit = 20

    /// The ContactWorld API user permission set: its API name with the package's namespace, as
    /// some orgs report it, or its name within the namespace.
    static let permissionSetNamespace = "NVMContactWorld"
    static let permissionSetName = "API_user"

    /// A username query for the names missing from `found`: those sharing the part before `@`.
    static func similar(to username: String) -> String? {
        guard let at = username.firstIndex(of: "@") else { return nil }
        return "SELECT Username FROM User WHERE Username LIKE \(SOQLLiteral.likePrefix(String(username[...at]))) LIMIT \(similarLimit)"
    }

    /// The facts of the requested users found in `users` (`User` records) and `assignments`
    /// (`PermissionSetAssignment` records), by the name as requested (usernames compare ignoring
    /// case, as Salesforce compares them).
    func facts(users: [SalesforceJSON], assignments: [SalesforceJSON]) -> [String: APIUserFacts] {
        struct Grants {
            var apiOnly = false
            var mfa = false
            var apiUserPermissionSet = false
        }
        var grants: [String: Grants] = [:]
        for assignment in assignments {
            guard let userId = assignment["AssigneeId"]?.string, let set = assignment["PermissionSet"] else { continue }
            var grant = grants[userId] ?? Grants()
            grant.apiOnly = grant.apiOnly || set["PermissionsApiUserOnly"]?.bool == true
            grant.mfa = grant.mfa || set["PermissionsForceTwoFactor"]?.bool == true
            grant.apiUserPermissionSet = grant.apiUserPermissionSet || Self.isAPIUserPermissionSet(set)
            grants[userId] = grant
        }
        var wanted: [String: [String]] = [:]
        for name in usernames { wanted[name.lowercased(), default: []].append(name) }
        var found: [String: APIUserFacts] = [:]
        for user in users {
            guard let id = user["Id"]?.string, let username = user["Username"]?.string,
                  let requested = wanted[username.lowercased()] else { continue }
            let grant = grants[id] ?? Grants()
            let profile = user["Profile"]
            let facts = APIUserFacts(
                userId: id, isActive: user["IsActive"]?.bool ?? true,
                isApiOnly: profile?["PermissionsApiUserOnly"]?.bool == true || grant.apiOnly,
                hasAPIUserPermissionSet: grant.apiUserPermissionSet,
                needsMFA: profile?["PermissionsForceTwoFactor"]?.bool == true || grant.mfa)
            for name in requested { found[name] = facts }
        }
        return found
    }

    static func isAPIUserPermissionSet(_ set: SalesforceJSON) -> Bool {
        guard let name = set["Name"]?.string else { return false }
        if name.lowercased() == (permissionSetNamespace + "__" + permissionSetName).lowercased() { return true }
        return name.lowercased() == permissionSetName.lowercased()
            && set["NamespacePrefix"]?.string?.lowercased() == permissionSetNamespace.lowercased()
    }
}
