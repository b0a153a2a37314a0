/// The kind of Salesforce org: it decides the login host and how VCC links to it.
public enum SalesforceEnvironment: String, Codable, Sendable, Hashable, CaseIterable {
    case production
    case sandbox

    /// The host a person logs in at for this kind of org.
    public var loginHost: String {
        switch self {
        case .production: "login.salesforce.com"
        case .sandbox: "test.salesforce.com"
        }
    }
}
