import Foundation
import OrgSimulator
import Reconciler
import Targets
import VCCModel

/// Builds the remote ports the connection settings name: the embedded org (`local`), the
/// emulator, or real orgs over REST. Credentials are read from the environment here and handed
/// to the target; no message ever repeats one.
enum RemoteFactory {
    static func make(_ connection: ConnectionSettings, orgs: [OrgDeclaration], environment: [String: String],
                     simulator: () throws -> OrgSimulator) throws -> RemoteSystems {
        switch connection.target {
        case .local:
            let simulator = try simulator()
            return RemoteSystems(target: LocalTarget(simulator: simulator), vcc: LocalVCC(simulator: simulator))
        case .emulator:
            guard let emulator = connection.emulator else {
                throw CommandFailure(message: "target 'emulator' needs 'emulator: {url: …}' in the connection settings")
            }
            let base = emulator.url.hasSuffix("/") ? String(emulator.url.dropLast()) : emulator.url
            let endpoints = orgs.map { org in
                SalesforceOrgEndpoint(orgName: org.name, instanceURL: base, auth: .emulatorDevelopment,
                                      apiVersion: OrgConnection.defaultAPIVersion,
                                      tokenURL: base + "/services/oauth2/token", audience: base, names: org.customSetting)
            }
            // The emulator serves the VCC admin contract too, to the development token, unless
            // the settings name another endpoint.
            let vcc = try connection.vcc.map { try adminClient($0, environment: environment) }
                ?? adminClient(url: base, token: EmulatorDevelopmentCredentials.vccAdminToken, caFile: emulator.caFile)
            return try httpRemote(endpoints, caFile: emulator.caFile, vcc: vcc)
        case .salesforce:
            var endpoints: [SalesforceOrgEndpoint] = []
            var caFile: String?
            for org in orgs {
                guard let settings = connection.orgs[org.name] else {
                    throw CommandFailure(message: "org '\(org.name)' has no entry under 'orgs' in the connection settings",
                                         notes: ["add 'orgs: {\(org.name): {instanceUrl: https://…, auth: {…}}}' to the connection file"])
                }
                endpoints.append(try endpoint(org, settings, environment: environment))
                caFile = caFile ?? settings.caFile
            }
            // Without an admin endpoint (a real org today) secrets and links are steps a person
            // follows and confirms.
            let vcc: any VCCPort = try connection.vcc.map { try adminClient($0, environment: environment) } ?? ManualVCC()
            return try httpRemote(endpoints, caFile: caFile, vcc: vcc)
        }
    }

    private static func httpRemote(_ endpoints: [SalesforceOrgEndpoint], caFile: String?, vcc: any VCCPort) throws
        -> RemoteSystems
    {
        let target = try SalesforceTarget(endpoints: endpoints,
                                          options: SalesforceTargetOptions(caFile: caFile, clientName: "vccctl/\(VCCCTL.version)"))
        OpenTargets.register { try await target.shutdown() }
        return RemoteSystems(target: target, vcc: vcc)
    }

    private static func adminClient(_ settings: VCCAdminConnection, environment: [String: String]) throws -> VCCAdminClient {
        let raw = environment[settings.token.name]
        guard let token = raw, !token.isEmpty else {
            throw CommandFailure(message: "environment variable \(settings.token.name) (the token of the VCC admin endpoint) \(VariableState.unusable(raw))",
                                 notes: ["export it where vccctl runs; its value is never printed"])
        }
        return try adminClient(url: settings.url, token: token, caFile: settings.caFile)
    }

    private static func adminClient(url: String, token: String, caFile: String?) throws -> VCCAdminClient {
        let client = try VCCAdminClient(url: url, bearerToken: token, caFile: caFile)
        OpenTargets.register { try await client.shutdown() }
        return client
    }

    private static func endpoint(_ org: OrgDeclaration, _ settings: OrgConnection,
                                 environment: [String: String]) throws -> SalesforceOrgEndpoint {
        func value(_ reference: EnvironmentReference) throws -> String {
            let raw = environment[reference.name]
            guard let value = raw, !value.isEmpty else {
                throw CommandFailure(message: "environment variable \(reference.name) (a credential of org '\(org.name)') \(VariableState.unusable(raw))",
                                     notes: ["export it where vccctl runs; its value is never printed"])
            }
            return value
        }
        let instance = settings.instanceUrl.hasSuffix("/") ? String(settings.instanceUrl.dropLast()) : settings.instanceUrl
        let loginHost = org.environment == .sandbox ? "https://test.salesforce.com" : "https://login.salesforce.com"
        let credentials: SalesforceCredentials
        var tokenURL = settings.tokenUrl ?? loginHost + "/services/oauth2/token"
        switch settings.auth {
        case .accessToken(let token):
            credentials = .accessToken(token: try value(token), instanceURL: instance)
        case .jwt(let consumerKey, let username, let privateKey):
            credentials = .jwt(consumerKey: try value(consumerKey), username: username, privateKeyPEM: try value(privateKey))
        case .clientCredentials(let clientId, let clientSecret):
            // Salesforce runs the client credentials flow on the org's My Domain only.
            tokenURL = settings.tokenUrl ?? instance + "/services/oauth2/token"
            if let host = URL(string: tokenURL)?.host?.lowercased(), ["login.salesforce.com", "test.salesforce.com"].contains(host) {
                throw CommandFailure(message: "org '\(org.name)' uses clientCredentials, which Salesforce accepts only on the org's My Domain, not on \(host)",
                                     notes: ["set instanceUrl (and tokenUrl, if you set one) to the My Domain URL, such as https://acme.my.salesforce.com"])
            }
            credentials = .clientCredentials(clientId: try value(clientId), clientSecret: try value(clientSecret))
        }
        return SalesforceOrgEndpoint(orgName: org.name, instanceURL: instance, auth: credentials,
                                     apiVersion: settings.apiVersion ?? OrgConnection.defaultAPIVersion,
                                     tokenURL: tokenURL, audience: settings.audience ?? loginHost, names: org.customSetting)
    }
}
