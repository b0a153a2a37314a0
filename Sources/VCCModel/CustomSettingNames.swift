/// API names of the managed package's hierarchy custom setting. Configurable because packaging
/// and field names have changed across package versions.
public struct CustomSettingNames: Sendable, Hashable, Codable {
    public var object: String
    public var keyField: String
    public var retiredTokenField: String

    public init(
        object: String = "NVMContactWorld__Settings__c",
        keyField: String = "NVMContactWorld__clientId__c",
        retiredTokenField: String = "NVMContactWorld__clientSecret__c"
    ) {
        self.object = object
        self.keyField = keyField
        self.retiredTokenField = retiredTokenField
    }

    public static let standard = CustomSettingNames()
}
