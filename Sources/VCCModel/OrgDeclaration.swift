/// A Salesforce org the configuration manages, known by a short name used in addresses.
public struct OrgDeclaration: Sendable, Hashable, Codable {
    public var name: String
    public var environment: OrgEnvironment
    public var customSetting: CustomSettingNames
    public var origin: SourceOrigin

    public init(name: String, environment: OrgEnvironment, customSetting: CustomSettingNames = .standard,
                origin: SourceOrigin = .none) {
        self.name = name
        self.environment = environment
        self.customSetting = customSetting
        self.origin = origin
    }
}
