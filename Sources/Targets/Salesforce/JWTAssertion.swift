import Foundation
import JWTKit

/// Signs the RS256 assertion of the OAuth 2.0 JWT bearer flow. Salesforce accepts an `exp` at
/// most three minutes ahead; 170 s leaves room for a slow clock on the way.
enum JWTAssertion {
    static let lifetime: TimeInterval = 170

    static func claims(consumerKey: String, username: String, audience: String, now: Date) -> JWTBearerClaims {
        JWTBearerClaims(iss: IssuerClaim(value: consumerKey), sub: SubjectClaim(value: username),
                        aud: AudienceClaim(value: audience), exp: ExpirationClaim(value: now.addingTimeInterval(lifetime)))
    }

    /// The signed assertion. A key that cannot be parsed is reported without any of its content.
    static func sign(org: String, consumerKey: String, username: String, audience: String, privateKeyPEM: String,
                     now: Date) async throws -> String {
        let key: Insecure.RSA.PrivateKey
        do {
            key = try Insecure.RSA.PrivateKey(pem: privateKeyPEM)
        } catch {
            // jwt-kit's errors may quote the input: report only what kind of thing is wrong.
            throw SalesforceError.invalidPrivateKey(org: org, detail: "not a readable RSA private key of 2048 bits or more")
        }
        let keys = JWTKeyCollection()
        await keys.add(rsa: key, digestAlgorithm: .sha256)
        return try await keys.sign(claims(consumerKey: consumerKey, username: username, audience: audience, now: now))
    }
}
