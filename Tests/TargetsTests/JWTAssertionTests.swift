import Foundation
import JWTKit
import Testing
@testable import Targets

@Suite struct JWTAssertionTests {
    @Test func assertionCarriesTheClaimsSalesforceReads() async throws {
        let now = Date()
        let token = try await JWTAssertion.sign(org: "prod", consumerKey: "3MVG9-consumer", username: "deploy@acme.example",
                                                audience: "https://test.salesforce.com", privateKeyPEM: TestKey.privateKeyPEM, now: now)
        let keys = JWTKeyCollection()
        await keys.add(rsa: try Insecure.RSA.PrivateKey(pem: TestKey.privateKeyPEM).publicKey, digestAlgorithm: .sha256)
        let claims = try await keys.verify(token, as: JWTBearerClaims.self)
        #expect(claims.iss.value == "3MVG9-consumer")
        #expect(claims.sub.value == "deploy@acme.example")
        #expect(claims.aud.value == ["https://test.salesforce.com"])
        let lifetime = claims.exp.value.timeIntervalSince(now)
        #expect(lifetime > 0 && lifetime <= 180)
        // RS256 in the header; the audience as a single string, as Salesforce expects.
        let parts = token.split(separator: ".")
        #expect(parts.count == 3)
        let header = try #require(Self.base64URL(parts[0]))
        #expect(header.contains(#""alg":"RS256""#))
        #expect(try #require(Self.base64URL(parts[1])).contains(#""aud":"https:\/\/test.salesforce.com""#)
            || Self.base64URL(parts[1])!.contains(#""aud":"https://test.salesforce.com""#))
    }

    @Test func anUnreadableKeyIsReportedWithoutItsContent() async {
        let pem = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----"
        do {
            _ = try await JWTAssertion.sign(org: "prod", consumerKey: "ck", username: "u", audience: "a", privateKeyPEM: pem, now: Date())
            Issue.record("signed with a broken key")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("org 'prod'"))
            #expect(!text.contains("c2VjcmV0"))
        }
    }

    static func base64URL(_ part: Substring) -> String? {
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return Data(base64Encoded: text).map { String(decoding: $0, as: UTF8.self) }
    }
}
