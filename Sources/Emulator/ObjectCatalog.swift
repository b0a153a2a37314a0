import SOQL

/// The objects the emulator serves (the subset vccctl and its users read and write), their
/// describe metadata and the SOQL schema built from it, so the two never disagree.
enum ObjectCatalog {
    static let settingsObject = "NVMContactWorld__Settings__c"
    static let apiUserPermissionSet = "NVMContactWorld__API_user"

    static let objects: [ObjectDescription] = [
        ObjectDescription(
            name: "Organization", label: "Organization", labelPlural: "Organizations", keyPrefix: "00D",
            fields: [
                FieldDescription(name: "Id", label: "Organization ID", kind: .id, length: 18),
                FieldDescription(name: "Name", label: "Name", kind: .string, length: 80),
                FieldDescription(name: "IsSandbox", label: "Is Sandbox", kind: .boolean),
                FieldDescription(name: "InstanceName", label: "Instance Name", kind: .string, length: 5, nillable: true),
                FieldDescription(name: "OrganizationType", label: "Edition", kind: .string, length: 40, nillable: true),
            ], writable: false, customSetting: false),
        ObjectDescription(
            name: "Profile", label: "Profile", labelPlural: "Profiles", keyPrefix: "00e",
            fields: [
                FieldDescription(name: "Id", label: "Profile ID", kind: .id, length: 18),
                FieldDescription(name: "Name", label: "Name", kind: .string, length: 255),
                FieldDescription(name: "PermissionsApiUserOnly", label: "API Only User", kind: .boolean),
                FieldDescription(name: "PermissionsForceTwoFactor", label: "Multi-Factor Authentication for User Interface Logins",
                                 kind: .boolean),
                FieldDescription(name: "PermissionsCustomizeApplication", label: "Customize Application", kind: .boolean),
                FieldDescription(name: "PermissionsViewAllCustomSettings", label: "View All Custom Settings", kind: .boolean),
            ], writable: false, customSetting: false),
        ObjectDescription(
            name: "User", label: "User", labelPlural: "Users", keyPrefix: "005",
            fields: [
                FieldDescription(name: "Id", label: "User ID", kind: .id, length: 18),
                FieldDescription(name: "Username", label: "Username", kind: .string, length: 80),
                FieldDescription(name: "Name", label: "Full Name", kind: .string, length: 121),
                FieldDescription(name: "IsActive", label: "Active", kind: .boolean),
                FieldDescription(name: "ProfileId", label: "Profile ID", kind: .reference, length: 18,
                                 referenceTo: ["Profile"], relationshipName: "Profile"),
                FieldDescription(name: "UserType", label: "User Type", kind: .string, length: 40, nillable: true),
            ], writable: false, customSetting: false),
        ObjectDescription(
            name: "PermissionSet", label: "Permission Set", labelPlural: "Permission Sets", keyPrefix: "0PS",
            fields: [
                FieldDescription(name: "Id", label: "Permission Set ID", kind: .id, length: 18),
                FieldDescription(name: "Name", label: "Name", kind: .string, length: 80),
                FieldDescription(name: "Label", label: "Label", kind: .string, length: 80),
                FieldDescription(name: "NamespacePrefix", label: "Namespace Prefix", kind: .string, length: 15, nillable: true),
                FieldDescription(name: "PermissionsApiUserOnly", label: "API Only User", kind: .boolean),
                FieldDescription(name: "PermissionsForceTwoFactor", label: "Multi-Factor Authentication for User Interface Logins",
                                 kind: .boolean),
            ], writable: false, customSetting: false),
        ObjectDescription(
            name: "PermissionSetAssignment", label: "Permission Set Assignment",
            labelPlural: "Permission Set Assignments", keyPrefix: "0Pa",
            fields: [
                FieldDescription(name: "Id", label: "Permission Set Assignment ID", kind: .id, length: 18),
                FieldDescription(name: "AssigneeId", label: "Assignee ID", kind: .reference, length: 18,
                                 referenceTo: ["User"], relationshipName: "Assignee"),
                FieldDescription(name: "PermissionSetId", label: "Permission Set ID", kind: .reference, length: 18,
                                 referenceTo: ["PermissionSet"], relationshipName: "PermissionSet"),
            ], writable: false, customSetting: false),
        ObjectDescription(
            name: settingsObject, label: "ContactWorld Settings", labelPlural: "ContactWorld Settings", keyPrefix: "a0X",
            fields: [
                FieldDescription(name: "Id", label: "Record ID", kind: .id, length: 18),
                FieldDescription(name: "Name", label: "Name", kind: .string, length: 80, nillable: true, createable: true, updateable: true),
                FieldDescription(name: "SetupOwnerId", label: "Location", kind: .reference, length: 18, createable: true,
                                 referenceTo: ["Organization", "Profile", "User"], relationshipName: "SetupOwner"),
                FieldDescription(name: "NVMContactWorld__clientId__c", label: "ContactWorld Account Key", kind: .string,
                                 length: 255, nillable: true, createable: true, updateable: true),
                FieldDescription(name: "NVMContactWorld__clientSecret__c", label: "ContactWorld API Token (retired)",
                                 kind: .string, length: 255, nillable: true, createable: true, updateable: true),
                FieldDescription(name: "NVMContactWorld__baseURL__c", label: "Base URL", kind: .string, length: 255,
                                 nillable: true, createable: true, updateable: true),
                FieldDescription(name: "NVMContactWorld__Flags__c", label: "Flags", kind: .string, length: 255,
                                 nillable: true, createable: true, updateable: true),
                FieldDescription(name: "CreatedDate", label: "Created Date", kind: .datetime),
                FieldDescription(name: "LastModifiedDate", label: "Last Modified Date", kind: .datetime),
                FieldDescription(name: "SystemModstamp", label: "System Modstamp", kind: .datetime),
                FieldDescription(name: "IsDeleted", label: "Deleted", kind: .boolean),
            ], writable: true, customSetting: true),
    ]

    static func object(named name: String) -> ObjectDescription? {
        let lowered = name.lowercased()
        return objects.first { $0.name.lowercased() == lowered }
    }

    static let schema = SOQLSchema(objects: objects.map { object in
        var relationships: [String: [String]] = [:]
        for field in object.fields {
            if let relationship = field.relationshipName { relationships[relationship] = field.referenceTo }
        }
        return SOQLSchema.Object(name: object.name, fields: object.fields.map(\.name), relationships: relationships)
    })
}
