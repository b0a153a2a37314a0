import OrgSimulator
import SOQL

/// Builds the SOQL rows of one object type from the org, inside the request's transaction.
/// Nothing is cached between requests: another process (`vccctl sim`) may change the org.
struct RowSource {
    let access: OrgAccess
    let org: SimulatedOrg

    func rows(of object: String, needsOwners: Bool) throws -> [SOQLRow] {
        switch object {
        case "Organization": return [organizationRow()]
        case "Profile": return try profileRows().map(\.value)
        case "User": return try userRows()
        case "PermissionSet": return SyntheticPermissionSet.allCases.map { $0.row(org: org) }
        case "PermissionSetAssignment": return try assignmentRows()
        case ObjectCatalog.settingsObject: return try settingRows(owners: needsOwners)
        default: return []
        }
    }

    func organizationRow() -> SOQLRow {
        SOQLRow(type: "Organization", fields: [
            "Id": .string(org.orgId), "Name": .string(org.name), "IsSandbox": .boolean(org.environment == .sandbox),
            "InstanceName": .string(org.environment == .sandbox ? "CS1" : "NA1"),
            "OrganizationType": .string("Enterprise Edition"),
        ])
    }

    /// Profiles by Id. The simulator keeps permissions per user; a profile reports a permission
    /// when every user of it has it (API Only: when it has users and all are API only).
    /// The users' permissions come from one aggregate: no user is loaded.
    func profileRows() throws -> [(key: String, value: SOQLRow)] {
        let memberships = try access.profileMemberships(org: org.name)
        return try access.profiles(org: org.name).map { profile in
            let members = memberships[profile.id] ?? ProfileMembership()
            return (profile.id, SOQLRow(type: "Profile", fields: [
                "Id": .string(profile.id), "Name": .string(profile.name),
                "PermissionsApiUserOnly": .boolean(members.users > 0 && members.allApiOnly),
                // MFA comes with a permission set (`SyntheticPermissionSet.mfa`), per user.
                "PermissionsForceTwoFactor": .boolean(false),
                "PermissionsCustomizeApplication": .boolean(members.allCustomizeApplication),
                "PermissionsViewAllCustomSettings": .boolean(members.allViewAllCustomSettings),
            ]))
        }
    }

    func userRows() throws -> [SOQLRow] {
        let profiles = Dictionary(try profileRows(), uniquingKeysWith: { first, _ in first })
        return try access.users(org: org.name).map { userRow($0, profile: profiles[$0.profileId]) }
    }

    func userRow(_ user: OrgUser, profile: SOQLRow?) -> SOQLRow {
        SOQLRow(type: "User", fields: [
            "Id": .string(user.id), "Username": .string(user.username), "Name": .string(user.username),
            "IsActive": .boolean(user.isActive), "ProfileId": .string(user.profileId),
            "Profile": profile.map { .record($0) } ?? .null, "UserType": .string("Standard"),
        ])
    }

    /// The assignments of the synthetic permission sets: one per user and flag it holds.
    func assignmentRows() throws -> [SOQLRow] {
        let sets = SyntheticPermissionSet.allCases.map { ($0, $0.row(org: org)) }
        let profiles = Dictionary(try profileRows(), uniquingKeysWith: { first, _ in first })
        var rows: [SOQLRow] = []
        for user in try access.users(org: org.name) {
            for (set, row) in sets where set.isAssigned(to: user) {
                rows.append(SOQLRow(type: "PermissionSetAssignment", fields: [
                    "Id": .string(set.id(keyPrefix: "0Pa", of: user.id)),
                    "AssigneeId": .string(user.id), "Assignee": .record(userRow(user, profile: profiles[user.profileId])),
                    "PermissionSetId": row.fields["Id"] ?? .null, "PermissionSet": .record(row),
                ]))
            }
        }
        return rows
    }

    /// Straight from the database cursor into rows; owners only when the query reaches them.
    func settingRows(owners: Bool) throws -> [SOQLRow] {
        var rows: [SOQLRow] = []
        let organization = owners ? organizationRow() : nil
        let profiles = owners ? Dictionary(try profileRows(), uniquingKeysWith: { first, _ in first }) : [:]
        try access.forEachSetting(org: org.name, owners: owners) { setting in
            rows.append(settingRow(setting, organization: organization, profiles: profiles))
        }
        return rows
    }

    /// The fields of a settings row, then `SetupOwner` when the query reaches owners.
    static let settingFields = [
        "Id", "Name", "SetupOwnerId", "NVMContactWorld__clientId__c", "NVMContactWorld__clientSecret__c",
        "NVMContactWorld__baseURL__c", "NVMContactWorld__Flags__c", "CreatedDate", "LastModifiedDate", "SystemModstamp",
        "IsDeleted",
    ]
    static let settingLayout = SOQLRowLayout(settingFields)
    static let settingWithOwnerLayout = SOQLRowLayout(settingFields + ["SetupOwner"])
    static let ownerUserLayout = SOQLRowLayout(["Id", "Username", "Name", "IsActive", "ProfileId", "Profile", "UserType"])

    /// Laid out rows: a query of 100k records builds no dictionary per record.
    func settingRow(_ setting: SettingRow, organization: SOQLRow?, profiles: [String: SOQLRow]) -> SOQLRow {
        let stamp = SOQLFieldValue.dateTime(SalesforceDateTime.format(milliseconds: setting.lastModifiedMilliseconds))
        var values: [SOQLFieldValue] = [
            .string(setting.id), .string(Self.settingName(ownerId: setting.ownerId)), .string(setting.ownerId),
            setting.clientId.map { .string($0) } ?? .null, setting.retiredToken.map { .string($0) } ?? .null,
            setting.baseURL.map { .string($0) } ?? .null, setting.flags.map { .string($0) } ?? .null,
            stamp, stamp, stamp, .boolean(false),
        ]
        guard organization != nil || setting.owner != nil else {
            return SOQLRow(type: ObjectCatalog.settingsObject, layout: Self.settingLayout, values: values)
        }
        var owner = SOQLFieldValue.null
        if let row = setting.owner {
            switch row.kind {
            case .org:
                owner = organization.map { .record($0) } ?? .null
            case .profile:
                owner = profiles[setting.ownerId].map { .record($0) } ?? .null
            case .user:
                owner = .record(SOQLRow(type: "User", layout: Self.ownerUserLayout, values: [
                    .string(setting.ownerId), .string(row.name), .string(row.name), .boolean(row.isActive),
                    row.profileId.map { .string($0) } ?? .null,
                    row.profileId.flatMap { profiles[$0] }.map { .record($0) } ?? .null, .string("Standard"),
                ]))
            }
        }
        values.append(owner)
        return SOQLRow(type: ObjectCatalog.settingsObject, layout: Self.settingWithOwnerLayout, values: values)
    }

    /// Hierarchy custom-setting records are named after their location's kind.
    static func settingName(ownerId: String) -> String {
        switch ownerId.prefix(3) {
        case "00D": "ContactWorld Settings (Organization)"
        case "00e": "ContactWorld Settings (Profile)"
        default: "ContactWorld Settings (User)"
        }
    }
}
