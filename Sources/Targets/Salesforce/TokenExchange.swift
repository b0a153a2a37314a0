/// The OAuth 2.0 token request of each login method, and the reading of its answer.
enum TokenExchange {
    /// The emulator's development client: a fixed, public pair that only the loopback emulator accepts.
    static let emulatorClient = "vccctl-emulator-development"

    /// The request for `credentials`; `assertion` is the signed JWT for the JWT bearer flow.
    /// Nil for a ready access token (no login).
    static func request(_ endpoint: SalesforceOrgEndpoint, assertion: String?) throws(SalesforceError) -> HTTPExchange? {
        let fields: [(String, String)]
        var url = endpoint.tokenURL
        switch endpoint.auth {
        case .accessToken:
            return nil
        case .jwt:
            fields = [("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion ?? "")]
        case .clientCredentials(let clientId, let clientSecret):
            fields = [("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", clientSecret)]
        case .emulatorDevelopment:
            guard let instance = endpoint.instanceURL else { throw SalesforceError.missingInstanceURL(org: endpoint.orgName) }
            url = Self.trimmingSlash(instance) + "/services/oauth2/token"
            fields = [("grant_type", "client_credentials"), ("client_id", emulatorClient), ("client_secret", emulatorClient),
                      ("org", endpoint.orgName)]
        }
        return HTTPExchange(method: .post, url: url,
                            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
                            body: Array(PercentEncoding.form(fields).utf8))
    }

    /// The session of a successful answer, or the error Salesforce gave (`{error, error_description}`).
    static func session(from reply: HTTPReply, endpoint: SalesforceOrgEndpoint) throws(SalesforceError) -> SalesforceSessionToken {
        let org = endpoint.orgName
        let json = try? SalesforceJSON.decode(reply.body)
        guard (200..<300).contains(reply.status) else {
            let error = json?["error"]?.string ?? "HTTP \(reply.status)"
            let description = json?["error_description"]?.string ?? ""
            throw SalesforceError.authenticationFailed(org: org, error: error, description: description)
        }
        guard let token = json?["access_token"]?.string, !token.isEmpty else {
            throw SalesforceError.malformedResponse(org: org, detail: "the token response carries no access_token")
        }
        // Salesforce names the instance to call; the configured one is the fallback.
        guard let instance = json?["instance_url"]?.string ?? endpoint.instanceURL else {
            throw SalesforceError.missingInstanceURL(org: org)
        }
        return SalesforceSessionToken(accessToken: token, instanceURL: trimmingSlash(instance))
    }

    static func trimmingSlash(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
