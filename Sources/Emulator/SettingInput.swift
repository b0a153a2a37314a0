import OrgSimulator
import SOQL

/// Turns the JSON of one settings record (a create or an update) into the simulator's write,
/// or the per-record error Salesforce would give for it.
enum SettingInput {
    static let clientId = "NVMContactWorld__clientId__c"
    static let retiredToken = "NVMContactWorld__clientSecret__c"
    static let baseURL = "NVMContactWorld__baseURL__c"
    static let flags = "NVMContactWorld__Flags__c"

    /// A create, plus a retired token to set right after (NewSetting has no such field: only an
    /// old package wrote it, and the emulator lets a test set that situation up over HTTP).
    static func create(_ record: JSONValue) -> Result<(NewSetting, retiredToken: String?), RecordFailure> {
        guard case .object(let pairs) = record else { return .failure(.notAnObject) }
        var setting = NewSetting(ownerId: "")
        var retired: String?
        for (name, value) in pairs {
            switch name.lowercased() {
            case "attributes", "name": continue
            case "setupownerid":
                guard case .string(let id) = value else { return .failure(.badValue(name)) }
                setting.ownerId = id
            case clientId.lowercased(): guard case .success(let text) = string(value, name) else { return .failure(.badValue(name)) }; setting.clientId = text
            case baseURL.lowercased(): guard case .success(let text) = string(value, name) else { return .failure(.badValue(name)) }; setting.baseURL = text
            case flags.lowercased(): guard case .success(let text) = string(value, name) else { return .failure(.badValue(name)) }; setting.flags = text
            case retiredToken.lowercased(): guard case .success(let text) = string(value, name) else { return .failure(.badValue(name)) }; retired = text
            default:
                return .failure(field(name, create: true))
            }
        }
        guard !setting.ownerId.isEmpty else {
            return .failure(RecordFailure(statusCode: "REQUIRED_FIELD_MISSING", message: "Required fields are missing: [SetupOwnerId]",
                                          fields: ["SetupOwnerId"]))
        }
        return .success((setting, retired))
    }

    /// An update of the record `id` (from the URL or the record's `id`).
    static func update(_ record: JSONValue, id: String) -> Result<SettingUpdate, RecordFailure> {
        guard case .object(let pairs) = record else { return .failure(.notAnObject) }
        var update = SettingUpdate(id: id)
        for (name, value) in pairs {
            let change: FieldUpdate
            switch name.lowercased() {
            case "attributes", "id", "name": continue
            case "setupownerid":
                return .failure(RecordFailure(statusCode: "INVALID_FIELD_FOR_INSERT_UPDATE",
                                              message: "Unable to create/update fields: SetupOwnerId. Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                                              fields: ["SetupOwnerId"]))
            default:
                switch value {
                case .null: change = .clear
                case .string(let text): change = .set(text)
                default: return .failure(.badValue(name))
                }
            }
            switch name.lowercased() {
            case clientId.lowercased(): update.clientId = change
            case baseURL.lowercased(): update.baseURL = change
            case flags.lowercased(): update.flags = change
            case retiredToken.lowercased(): update.retiredToken = change
            default: return .failure(field(name, create: false))
            }
        }
        return .success(update)
    }

    private static func string(_ value: JSONValue, _ name: String) -> Result<String?, RecordFailure> {
        switch value {
        case .null: .success(nil)
        case .string(let text): .success(text)
        default: .failure(.badValue(name))
        }
    }

    /// A known but read-only field, or an unknown one.
    private static func field(_ name: String, create: Bool) -> RecordFailure {
        let known = ObjectCatalog.object(named: ObjectCatalog.settingsObject)?.fields.contains { $0.name.lowercased() == name.lowercased() } ?? false
        if known {
            return RecordFailure(statusCode: "INVALID_FIELD_FOR_INSERT_UPDATE",
                                 message: "Unable to create/update fields: \(name). Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                                 fields: [name])
        }
        return RecordFailure(statusCode: "INVALID_FIELD",
                             message: "No such column '\(name)' on sobject of type \(ObjectCatalog.settingsObject)", fields: [name])
    }
}
