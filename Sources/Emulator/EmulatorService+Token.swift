import Crypto
import Foundation
import JWTKit
import OrgSimulator
import SOQL

/// `POST /services/oauth2/token`: JWT bearer and client credentials (including the emulator's
/// development credentials). Sessions are stored by hash; no refresh token, no `expires_in`.
extension EmulatorService {
    /// Salesforce accepts an `exp` up to three minutes ahead; a little more for clock skew.
    static let maximumAssertionLifetime: TimeInterval = 3 * 60 + 30

    func token(form: FormBody) async -> EmulatorReply {
        do {
            switch form["grant_type"] {
            case "urn:ietf:params:oauth:grant-type:jwt-bearer":
                return try await jwtBearer(assertion: form["assertion"] ?? "")
            case "client_credentials":
                return try clientCredentials(form: form)
            default:
                return OAuthFailure.unsupportedGrantType.reply
            }
        } catch let failure as OAuthFailure {
            return failure.reply
        } catch {
            return OAuthFailure(status: .internalServerError, error: "server_error", description: "the emulator failed: \(error)").reply
        }
    }

    private func jwtBearer(assertion: String) async throws -> EmulatorReply {
        guard !assertion.isEmpty, let unverified = try? await jwtKeys.unverified(assertion, as: AssertionClaims.self) else {
            throw OAuthFailure.invalidGrant("invalid assertion")
        }
        guard unverified.iss?.value == app.consumerKey else { throw OAuthFailure.invalidClientId }
        let claims: AssertionClaims
        do {
            claims = try await jwtKeys.verify(assertion, as: AssertionClaims.self)
        } catch {
            throw OAuthFailure.invalidGrant("invalid assertion")
        }
        guard let subject = claims.sub?.value, !subject.isEmpty else { throw OAuthFailure.invalidGrant("invalid assertion") }
        let audiences = claims.aud?.value ?? []
        let candidates = try simulator.reading { access in try access.users(username: subject) }
        // Which org the audience allows decides nothing yet: the username names the org.
        guard candidates.count == 1, let user = candidates.first, user.isActive,
              let org = try simulator.org(named: user.org) else {
            try checkAudience(audiences, environment: nil)
            try checkExpiry(claims.exp)
            throw OAuthFailure.invalidGrant("user hasn't approved this consumer")
        }
        try checkAudience(audiences, environment: org.environment)
        try checkExpiry(claims.exp)
        return try issueSession(org: org, userId: user.id, allPermissions: false, secret: app.clientSecret)
    }

    private func checkAudience(_ audiences: [String], environment: SalesforceEnvironment?) throws {
        let base = baseURL
        let accepted = audiences.contains { audience in
            let trimmed = audience.hasSuffix("/") ? String(audience.dropLast()) : audience
            switch trimmed {
            case base: return true
            case "https://login.salesforce.com": return environment != .sandbox
            case "https://test.salesforce.com": return environment != .production
            default: return false
            }
        }
        guard accepted else { throw OAuthFailure.invalidGrant("audience is invalid") }
    }

    private func checkExpiry(_ claim: ExpirationClaim?) throws {
        guard let expiry = claim?.value else { throw OAuthFailure.invalidGrant("expired access/refresh token") }
        let now = Date()
        guard expiry > now, expiry.timeIntervalSince(now) <= Self.maximumAssertionLifetime else {
            throw OAuthFailure.invalidGrant("expired access/refresh token")
        }
    }

    private func clientCredentials(form: FormBody) throws -> EmulatorReply {
        let clientId = form["client_id"] ?? ""
        let secret = form["client_secret"] ?? ""
        let isDevelopment = clientId == EmulatorDevelopmentCredentials.clientId
        guard isDevelopment || clientId == app.consumerKey else { throw OAuthFailure.invalidClientId }
        let expectedSecret = isDevelopment ? EmulatorDevelopmentCredentials.clientSecret : app.clientSecret
        guard Self.constantTimeEquals(secret, expectedSecret) else { throw OAuthFailure.invalidClient }
        let orgs = try simulator.orgs()
        let org: SimulatedOrg
        if let name = form["org"], !name.isEmpty {
            guard let named = orgs.first(where: { $0.name == name }) else {
                throw OAuthFailure.invalidGrant("no org named \"\(name)\" in the emulator (orgs: \(Self.list(orgs)))")
            }
            org = named
        } else if isDevelopment {
            throw OAuthFailure(error: "invalid_request", description: "the development credentials need the form field org (orgs: \(Self.list(orgs)))")
        } else if orgs.count == 1, let only = orgs.first {
            org = only
        } else {
            throw OAuthFailure(error: "invalid_request",
                               description: orgs.isEmpty ? "the emulator has no org: seed one with vccctl sim seed --data DIR"
                                   : "several orgs: name one with the form field org (orgs: \(Self.list(orgs)))")
        }
        // The org's first active user (by Id), as Salesforce runs a client-credentials flow as
        // the connected app's configured "Run As" user.
        guard let user = try simulator.reading({ access in try access.users(org: org.name) }).first(where: \.isActive) else {
            throw OAuthFailure.invalidGrant("org \"\(org.name)\" has no active user to run as")
        }
        return try issueSession(org: org, userId: user.id, allPermissions: true, secret: expectedSecret)
    }

    /// Creates a session and answers as Salesforce's token endpoint does.
    func issueSession(org: SimulatedOrg, userId: String, allPermissions: Bool, secret: String) throws -> EmulatorReply {
        let (token, issued) = try newSession(org: org, userId: userId, allPermissions: allPermissions)
        let base = baseURL
        let id = "\(base)/id/\(org.orgId)/\(userId)"
        let issuedAt = String(Int64((issued.timeIntervalSince1970 * 1000).rounded()))
        // Salesforce signs id + issued_at with the client secret so a client can check the response.
        let signature = Data(HMAC<SHA256>.authenticationCode(
            for: Data((id + issuedAt).utf8), using: SymmetricKey(data: Data(secret.utf8)))).base64EncodedString()
        return EmulatorReply(status: .ok, json: .object([
            ("access_token", .string(token)), ("signature", .string(signature)), ("scope", .string("api")),
            ("instance_url", .string(base)), ("id", .string(id)), ("token_type", .string("Bearer")),
            ("issued_at", .string(issuedAt)),
        ]))
    }

    /// A new session's token (never stored, never logged) and when it was issued.
    func newSession(org: SimulatedOrg, userId: String, allPermissions: Bool) throws -> (String, Date) {
        let token = SessionToken.make(orgId: org.orgId)
        let issued = try simulator.createSession(
            tokenHash: SessionToken.hash(token), org: org.name, userId: userId, allPermissions: allPermissions)
        return (token, issued)
    }

    private static func list(_ orgs: [SimulatedOrg]) -> String {
        orgs.isEmpty ? "none" : orgs.map(\.name).joined(separator: ", ")
    }

    private static func constantTimeEquals(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
