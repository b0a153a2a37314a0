import VCCModel

/// What `GET sobjects/<object>/describe` says about the custom setting: whether the user may
/// query and write it, and the type of each field.
struct SObjectDescription: Sendable, Equatable {
    var queryable: Bool
    var createable: Bool
    var updateable: Bool
    var deletable: Bool
    /// Field API name → Salesforce field type ("string", "textarea", ...).
    var fieldTypes: [String: String]

    /// Types a key or token can be stored in.
    static let textTypes: Set<String> = ["string", "textarea", "encryptedstring", "url", "email", "phone", "combobox"]

    init(queryable: Bool, createable: Bool, updateable: Bool, deletable: Bool, fieldTypes: [String: String]) {
        self.queryable = queryable
        self.createable = createable
        self.updateable = updateable
        self.deletable = deletable
        self.fieldTypes = fieldTypes
    }

    init(_ json: SalesforceJSON) {
        queryable = json["queryable"]?.bool ?? false
        createable = json["createable"]?.bool ?? false
        updateable = json["updateable"]?.bool ?? false
        deletable = json["deletable"]?.bool ?? false
        var types: [String: String] = [:]
        for field in json["fields"]?.array ?? [] {
            if let name = field["name"]?.string { types[name] = field["type"]?.string ?? "" }
        }
        fieldTypes = types
    }

    /// Throws naming the first thing that makes the object unusable for reading.
    func checkReadable(_ names: CustomSettingNames, org: String) throws(SalesforceError) {
        guard queryable else { throw SalesforceError.notReadable(org: org, object: names.object) }
        for field in ["SetupOwnerId", names.keyField, names.retiredTokenField] {
            // Salesforce API names are case-insensitive.
            guard let type = fieldTypes.first(where: { $0.key.lowercased() == field.lowercased() })?.value else {
                throw SalesforceError.fieldMissing(org: org, object: names.object, field: field)
            }
            if field != "SetupOwnerId", !Self.textTypes.contains(type) {
                throw SalesforceError.fieldType(org: org, object: names.object, field: field, type: type)
            }
        }
    }

    /// Throws when the user may not perform `operation` ("create", "update", "delete").
    func checkWritable(_ operations: Set<String>, object: String, org: String) throws(SalesforceError) {
        for operation in operations.sorted() {
            let allowed = switch operation {
            case "create": createable
            case "update": updateable
            default: deletable
            }
            guard allowed else { throw SalesforceError.notWritable(org: org, object: object, operation: operation) }
        }
    }
}
