/// The API names errors cite, as Salesforce names fields in `errors[].fields` (package defaults).
enum SettingFields {
    static let ownerId = "SetupOwnerId"
    static let clientId = "NVMContactWorld__clientId__c"
    static let retiredToken = "NVMContactWorld__clientSecret__c"
    static let baseURL = "NVMContactWorld__baseURL__c"
    static let flags = "NVMContactWorld__Flags__c"
}
