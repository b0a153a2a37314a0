public import VCCModel

/// Where and how `SalesforceTarget` reaches one org of the configuration.
public struct SalesforceOrgEndpoint: Sendable {
    /// The org's short name in the configuration (addresses, `OrgDeclaration.name`).
    public var orgName: String
    /// The org's My Domain or instance URL (`https://` origin). Optional for JWT and client
    /// credentials, whose token response names the instance; required for the emulator login.
    public var instanceURL: String?
    public var auth: SalesforceCredentials
    /// REST API version without the `v` ("67.0").
    public var apiVersion: String
    /// The OAuth 2.0 token endpoint (JWT bearer and client credentials).
    public var tokenURL: String
    /// The JWT `aud` claim: usually the login or test host, apart from the token URL on purpose.
    public var audience: String
    /// API names of the custom setting, its key field and the retired token field.
    public var names: CustomSettingNames

    public init(orgName: String, instanceURL: String? = nil, auth: SalesforceCredentials, apiVersion: String = "67.0",
                tokenURL: String = "https://login.salesforce.com/services/oauth2/token",
                audience: String = "https://login.salesforce.com", names: CustomSettingNames = .standard) {
        self.orgName = orgName
        self.instanceURL = instanceURL
        self.auth = auth
        self.apiVersion = apiVersion
        self.tokenURL = tokenURL
        self.audience = audience
        self.names = names
    }
}
