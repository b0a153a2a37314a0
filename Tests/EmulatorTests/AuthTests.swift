import Emulator
import Foundation
import JWTKit
import OrgSimulator
import Testing

/// The claims a client sends in a JWT bearer assertion.
struct TestAssertion: JWTPayload {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim
    var exp: ExpirationClaim?

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

@Suite struct AuthTests {
    @Test func versionsListNeedsNoSessionAndIsNotCounted() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let reply = try await fixture.get("/services/data/", token: .some(nil))
        #expect(reply.status == 200)
        #expect(reply.headers["content-type"] == "application/json;charset=UTF-8")
        let versions = reply.array
        #expect(versions.count == 18)
        #expect(versions.last?["version"] as? String == "67.0")
        #expect(versions.last?["url"] as? String == "/services/data/v67.0")
        #expect(versions.last?["label"] as? String == "Summer '26")
        #expect(reply.headers["sforce-limit-info"] == nil)
        #expect(try fixture.simulator().apiUsageReport().first { $0.org == "prod" }?.used == 0)
    }

    @Test func dataRoutesNeedASession() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        for token: String? in [nil, "nonsense", fixture.token + "x"] {
            let reply = try await fixture.get("/services/data/v67.0/limits/", token: .some(token))
            #expect(reply.status == 401)
            #expect(reply.body == #"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#)
        }
        #expect(try await fixture.request("GET", "/services/data/v67.0/limits/", token: .some(nil),
                                          headers: [("Authorization", "OAuth \(fixture.token)")]).status == 200)
    }

    @Test func unknownVersionsAndPathsAre404Arrays() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        for path in ["/services/data/v49.0/limits", "/services/data/v68.0/limits", "/services/data/vx/limits", "/nowhere",
                     "/services/data/v67.0/nowhere"] {
            let reply = try await fixture.get(path)
            #expect(reply.status == 404, "\(path)")
            #expect(reply.errorCode == "NOT_FOUND")
        }
    }

    @Test func revokedSessionsAnswer401() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        #expect(try await fixture.get("/services/data/v67.0/limits").status == 200)
        #expect(try fixture.simulator().expireSessions() >= 1)
        let reply = try await fixture.get("/services/data/v67.0/limits")
        #expect(reply.status == 401)
        #expect(reply.errorCode == "INVALID_SESSION_ID")
    }

    @Test func clientCredentialsPickTheNamedOrOnlyOrg() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let good = try await fixture.token(["grant_type": "client_credentials", "client_id": fixture.ready.clientId,
                                            "client_secret": fixture.ready.clientSecret, "org": "uat"])
        #expect(good.status == 200)
        let token = try #require(good.object["access_token"] as? String)
        #expect(good.object["instance_url"] as? String == fixture.url)
        #expect(good.object["token_type"] as? String == "Bearer")
        #expect(good.object["expires_in"] == nil && good.object["refresh_token"] == nil)
        #expect(token.contains("!") && token.hasPrefix("00D"))
        #expect((good.object["id"] as? String)?.hasPrefix(fixture.url + "/id/00D") == true)
        #expect(Int(good.object["issued_at"] as? String ?? "") != nil)
        let organization = try await fixture.get("/services/data/v67.0/query/?q=SELECT+Name,IsSandbox+FROM+Organization",
                                                 token: .some(token))
        #expect(organization.body.contains(#""Name":"uat","IsSandbox":true"#))

        let ambiguous = try await fixture.token(["grant_type": "client_credentials", "client_id": fixture.ready.clientId,
                                                 "client_secret": fixture.ready.clientSecret])
        #expect(ambiguous.status == 400)
        #expect((ambiguous.object["error_description"] as? String)?.contains("prod, uat") == true)

        let wrongSecret = try await fixture.token(["grant_type": "client_credentials", "client_id": fixture.ready.clientId,
                                                   "client_secret": "nope", "org": "prod"])
        #expect(wrongSecret.object["error"] as? String == "invalid_client")
        let wrongClient = try await fixture.token(["grant_type": "client_credentials", "client_id": "nope", "client_secret": "x"])
        #expect(wrongClient.body == #"{"error":"invalid_client_id","error_description":"client identifier invalid"}"#)
        let grant = try await fixture.token(["grant_type": "password"])
        #expect(grant.object["error"] as? String == "unsupported_grant_type")
    }

    @Test func developmentCredentialsNeedAnOrg() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        var form = ["grant_type": "client_credentials", "client_id": EmulatorDevelopmentCredentials.clientId,
                    "client_secret": EmulatorDevelopmentCredentials.clientSecret]
        #expect(try await fixture.token(form).status == 400)
        form["org"] = "prod"
        let reply = try await fixture.token(form)
        #expect(reply.status == 200)
        #expect(fixture.ready.developmentClientId == EmulatorDevelopmentCredentials.clientId)
    }

    // MARK: JWT bearer

    private func assertion(_ fixture: EmulatorFixture, iss: String? = nil, sub: String = "vcc-api@acme.example",
                           aud: String = "https://login.salesforce.com", exp: Date? = Date().addingTimeInterval(120),
                           keyPEM: String? = nil) async throws -> String {
        let pem = try keyPEM ?? String(contentsOfFile: fixture.ready.privateKeyFile, encoding: .utf8)
        let keys = JWTKeyCollection()
        await keys.add(rsa: try Insecure.RSA.PrivateKey(pem: pem), digestAlgorithm: .sha256)
        return try await keys.sign(TestAssertion(
            iss: IssuerClaim(value: iss ?? fixture.ready.consumerKey), sub: SubjectClaim(value: sub),
            aud: AudienceClaim(value: [aud]), exp: exp.map { ExpirationClaim(value: $0) }))
    }

    private func jwtGrant(_ fixture: EmulatorFixture, _ assertion: String) async throws -> EmulatorFixture.Reply {
        try await fixture.token(["grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": assertion])
    }

    @Test func jwtBearerLogsInWithTheRegisteredKey() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let reply = try await jwtGrant(fixture, try await assertion(fixture))
        #expect(reply.status == 200, "\(reply.body)")
        let token = try #require(reply.object["access_token"] as? String)
        #expect(try await fixture.get("/services/data/v67.0/limits", token: .some(token)).status == 200)
        // The sandbox accepts test.salesforce.com and the emulator's own URL as audiences.
        for aud in ["https://test.salesforce.com", fixture.url] {
            let sandbox = try await jwtGrant(fixture, try await assertion(fixture, sub: "admin@acme.example.uat", aud: aud))
            #expect(sandbox.status == 200, "\(aud): \(sandbox.body)")
        }
    }

    @Test func jwtBearerRefusals() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let otherKey = try Insecure.RSA.PrivateKey(backing: .init(keySize: .bits2048)).pemRepresentation
        let cases: [(String, String, String)] = [
            ("wrong key", try await assertion(fixture, keyPEM: otherKey), "invalid assertion"),
            ("wrong aud", try await assertion(fixture, aud: "https://example.com"), "audience is invalid"),
            ("sandbox aud for production", try await assertion(fixture, aud: "https://test.salesforce.com"), "audience is invalid"),
            ("expired", try await assertion(fixture, exp: Date().addingTimeInterval(-60)), "expired access/refresh token"),
            ("exp too far", try await assertion(fixture, exp: Date().addingTimeInterval(3600)), "expired access/refresh token"),
            ("no exp", try await assertion(fixture, exp: nil), "expired access/refresh token"),
            ("unknown user", try await assertion(fixture, sub: "nobody@acme.example"), "user hasn't approved this consumer"),
            ("inactive user", try await assertion(fixture, sub: "former@acme.example"), "user hasn't approved this consumer"),
            ("garbage", "not.a.jwt", "invalid assertion"),
        ]
        for (name, token, description) in cases {
            let reply = try await jwtGrant(fixture, token)
            #expect(reply.status == 400, "\(name)")
            #expect(reply.object["error"] as? String == "invalid_grant", "\(name): \(reply.body)")
            #expect(reply.object["error_description"] as? String == description, "\(name): \(reply.body)")
        }
        let wrongIssuer = try await jwtGrant(fixture, try await assertion(fixture, iss: "3MVG9someoneelse"))
        #expect(wrongIssuer.body == #"{"error":"invalid_client_id","error_description":"client identifier invalid"}"#)
    }

    @Test func jwtBearerRefusesAUsernameTwoOrgsShare() async throws {
        let fixture = try await EmulatorFixture.start { simulator in
            try simulator.addUser(org: "uat", UserSeed(username: "jane@acme.example", profile: "System Administrator"))
        }
        defer { Task { await fixture.stop() } }
        let reply = try await jwtGrant(fixture, try await assertion(fixture, sub: "jane@acme.example"))
        #expect(reply.object["error"] as? String == "invalid_grant")
    }
}
