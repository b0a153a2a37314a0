import OrgSimulator
import SOQL

/// The permission sets the emulator derives from the simulator's per-user flags (the simulator
/// keeps permissions per user, not as sets): the ContactWorld API user set for
/// `hasApiUserPermissionSet`, one granting "API Only User" for `isApiOnly`, and one requiring
/// MFA for UI logins for `mfaRequired`. Each user holding a flag gets an assignment of its set.
enum SyntheticPermissionSet: Int64, CaseIterable {
    case apiUser = 0, apiOnly, mfa

    var name: String {
        switch self {
        case .apiUser: ObjectCatalog.apiUserPermissionSet
        case .apiOnly: "VCC_API_Only_User"
        case .mfa: "MFA_For_UI_Logins"
        }
    }

    var label: String {
        switch self {
        case .apiUser: "ContactWorld API user"
        case .apiOnly: "API Only User"
        case .mfa: "Multi-Factor Authentication for User Interface Logins"
        }
    }

    func isAssigned(to user: OrgUser) -> Bool {
        switch self {
        case .apiUser: user.hasApiUserPermissionSet
        case .apiOnly: user.isApiOnly
        case .mfa: user.mfaRequired
        }
    }

    /// A stable Id per set and org, or per assignment and user: the record's counter times the
    /// number of sets, plus the set.
    func id(keyPrefix: String, of record: String) -> String {
        SalesforceIdentifiers.make(keyPrefix: keyPrefix,
                                   counter: IdCounter.decode(record) &* Int64(Self.allCases.count) &+ rawValue)
    }

    func row(org: SimulatedOrg) -> SOQLRow {
        SOQLRow(type: "PermissionSet", fields: [
            "Id": .string(id(keyPrefix: "0PS", of: org.orgId)), "Name": .string(name), "Label": .string(label),
            "NamespacePrefix": .null,
            "PermissionsApiUserOnly": .boolean(self == .apiOnly),
            "PermissionsForceTwoFactor": .boolean(self == .mfa),
        ])
    }
}
