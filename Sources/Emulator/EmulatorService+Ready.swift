import OrgSimulator

extension EmulatorService {
    /// Sessions for every org (as its first active user, with all permissions, like a
    /// client-credentials login) and the credentials a client needs.
    func readyInformation(caFile: String?) throws -> EmulatorReady {
        var tokens: [String: String] = [:]
        var first: String?
        for org in try simulator.orgs() {
            guard let user = try simulator.reading({ try $0.users(org: org.name) }).first(where: \.isActive) else { continue }
            let (token, _) = try newSession(org: org, userId: user.id, allPermissions: true)
            tokens[org.name] = token
            if first == nil { first = token }
        }
        return EmulatorReady(
            url: baseURL, caFile: caFile, accessToken: first, orgs: tokens, consumerKey: app.consumerKey,
            clientId: app.consumerKey, clientSecret: app.clientSecret, privateKeyFile: app.privateKeyPath,
            developmentClientId: EmulatorDevelopmentCredentials.clientId,
            vccAdminURL: baseURL, vccAdminToken: adminToken.value)
    }
}
