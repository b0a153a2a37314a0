/// The kind of Salesforce org: it decides the login host and how VCC links to it.
public enum SalesforceEnvironment: String, Codable, Sendable, Hashable, CaseIterable {
    case production
    case sandbox
}
