import Foundation
import Reconciler
import Testing
@testable import Targets

@Suite struct SalesforceSessionTests {
    static let tokenReply = HTTPReply(status: 200, json: #"{"access_token":"SESSION-1","instance_url":"https://acme.my.salesforce.com","id":"x","token_type":"Bearer","issued_at":"1","signature":"s"}"#)
    static let ok = HTTPReply(status: 200, headers: [("Sforce-Limit-Info", "api-usage=5/15000")], json: #"{"totalSize":0,"done":true,"records":[]}"#)
    static let expired = HTTPReply(status: 401, json: #"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#)

    func session(_ transport: ScriptedTransport, auth: SalesforceCredentials = .clientCredentials(clientId: "id", clientSecret: "SECRET-VALUE"),
                 sleeps: RecordedSleeps = RecordedSleeps(), maxAttempts: Int = 5) -> SalesforceSession {
        SalesforceSession(endpoint: SalesforceOrgEndpoint(orgName: "prod", auth: auth, tokenURL: "https://acme.my.salesforce.com/services/oauth2/token"),
                          transport: transport, options: SalesforceTargetOptions(maxAttempts: maxAttempts, baseDelay: 1, maxDelay: 8, clientName: "vccctl/9.9"),
                          environment: sleeps.environment(unitRandom: 0.5))
    }

    static let get = APIRequest(method: .get, path: "/services/data/v67.0/query?q=SELECT%20Id%20FROM%20Profile")

    @Test func everyCallCarriesTheClientNameAndBearer() async throws {
        let transport = ScriptedTransport { exchange, _ in
            exchange.url.hasSuffix("/oauth2/token") ? .success(Self.tokenReply) : .success(Self.ok)
        }
        let tally = CallTally()
        _ = try await session(transport).send(Self.get, tally: tally, idempotent: true)
        let sent = transport.sent
        #expect(sent.count == 2)
        #expect(sent[0].bodyText == "grant_type=client_credentials&client_id=id&client_secret=SECRET-VALUE")
        #expect(sent[1].url == "https://acme.my.salesforce.com/services/data/v67.0/query?q=SELECT%20Id%20FROM%20Profile")
        #expect(sent[1].header("Authorization") == "Bearer SESSION-1")
        #expect(sent[1].header("Sforce-Call-Options") == "client=vccctl/9.9")
        #expect(sent[1].header("Accept") == "application/json")
        // The token endpoint is not metered; the query is.
        #expect(tally.calls == 1)
        #expect(tally.usage == APIUsage(used: 5, max: 15000))
    }

    @Test func anExpiredSessionLogsInAgainOnce() async throws {
        let transport = ScriptedTransport { exchange, index in
            if exchange.url.hasSuffix("/oauth2/token") { return .success(Self.tokenReply) }
            return .success(index == 1 ? Self.expired : Self.ok)
        }
        _ = try await session(transport).send(Self.get, tally: CallTally(), idempotent: true)
        #expect(transport.sent.filter { $0.url.hasSuffix("/oauth2/token") }.count == 2)
    }

    @Test func aSecond401IsAnError() async throws {
        let transport = ScriptedTransport { exchange, _ in
            exchange.url.hasSuffix("/oauth2/token") ? .success(Self.tokenReply) : .success(Self.expired)
        }
        await #expect(throws: SalesforceError.self) { try await session(transport).send(Self.get, tally: CallTally(), idempotent: true) }
        #expect(transport.sent.count == 4)
    }

    @Test func aReadyTokenCannotBeRenewed() async throws {
        let transport = ScriptedTransport { _, _ in .success(Self.expired) }
        let auth = SalesforceCredentials.accessToken(token: "READY-TOKEN", instanceURL: "https://acme.my.salesforce.com/")
        do {
            _ = try await session(transport, auth: auth).send(Self.get, tally: CallTally(), idempotent: true)
            Issue.record("no error")
        } catch let error as SalesforceError {
            guard case .accessTokenExpired = error else { Issue.record("\(error)"); return }
            #expect(!error.description.contains("READY-TOKEN"))
        }
        #expect(transport.sent.count == 1)
        #expect(transport.sent[0].url.hasPrefix("https://acme.my.salesforce.com/services/"))
    }

    @Test func backoffHonoursRetryAfterThenJitters() async throws {
        let sleeps = RecordedSleeps()
        let transport = ScriptedTransport { exchange, index in
            if exchange.url.hasSuffix("/oauth2/token") { return .success(Self.tokenReply) }
            switch index {
            case 1: return .success(HTTPReply(status: 503, headers: [("Retry-After", "7")]))
            case 2: return .success(HTTPReply(status: 500))
            case 3: return .failure(.noAnswer("connection reset by peer"))
            default: return .success(Self.ok)
            }
        }
        let tally = CallTally()
        _ = try await session(transport, sleeps: sleeps).send(Self.get, tally: tally, idempotent: true)
        // Retry-After 7 s; then half (the draw) of the ceilings 2 s and 4 s.
        #expect(sleeps.values == [7, 1, 2])
        #expect(tally.calls == 4)
    }

    @Test func attemptsRunOutAsUnreachable() async throws {
        let sleeps = RecordedSleeps()
        let transport = ScriptedTransport { exchange, _ in
            exchange.url.hasSuffix("/oauth2/token") ? .success(Self.tokenReply) : .success(HTTPReply(status: 502))
        }
        await #expect(throws: SalesforceError.self) {
            try await session(transport, sleeps: sleeps, maxAttempts: 3).send(Self.get, tally: CallTally(), idempotent: true)
        }
        #expect(sleeps.values.count == 2)
        #expect(transport.sent.count == 4)
    }

    @Test func aWriteThatMayHaveLandedIsNotRetriedBlindly() async throws {
        let transport = ScriptedTransport { exchange, _ in
            exchange.url.hasSuffix("/oauth2/token") ? .success(Self.tokenReply) : .failure(.noAnswer("reset"))
        }
        let post = APIRequest(method: .post, path: "/services/data/v67.0/composite", body: .object([:]))
        await #expect(throws: RequestFateUnknown.self) { try await session(transport).send(post, tally: CallTally(), idempotent: false) }
        #expect(transport.sent.count == 2)
    }

    @Test func theDailyLimitStops() async throws {
        let transport = ScriptedTransport { exchange, _ in
            if exchange.url.hasSuffix("/oauth2/token") { return .success(Self.tokenReply) }
            return .success(HTTPReply(status: 403, headers: [("Sforce-Limit-Info", "api-usage=15000/15000")],
                                      json: #"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#))
        }
        do {
            _ = try await session(transport).send(Self.get, tally: CallTally(), idempotent: true)
            Issue.record("no error")
        } catch let SalesforceError.dailyLimitReached(org, usage) {
            #expect(org == "prod")
            #expect(usage == APIUsage(used: 15000, max: 15000))
        }
        #expect(transport.sent.count == 2)
    }

    @Test func loginErrorsSayWhatToCheckWithoutTheAssertion() async throws {
        let transport = ScriptedTransport { _, _ in
            .success(HTTPReply(status: 400, json: #"{"error":"invalid_grant","error_description":"audience is invalid"}"#))
        }
        let auth = SalesforceCredentials.jwt(consumerKey: "CK", username: "deploy@acme.example", privateKeyPEM: TestKey.privateKeyPEM)
        do {
            _ = try await session(transport, auth: auth).send(Self.get, tally: CallTally(), idempotent: true)
            Issue.record("no error")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("audience setting"))
            let assertion = try #require(transport.sent.first?.bodyText.components(separatedBy: "assertion=").last)
            #expect(assertion.count > 100)
            #expect(!text.contains(assertion))
            #expect(!text.contains("PRIVATE KEY"))
        }
        #expect(transport.sent.first?.bodyText.hasPrefix("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=") == true)
    }

    @Test func theEmulatorLoginIsTheFixedDevelopmentClient() throws {
        let endpoint = SalesforceOrgEndpoint(orgName: "uat", instanceURL: "https://127.0.0.1:8443/", auth: .emulatorDevelopment)
        let exchange = try #require(try TokenExchange.request(endpoint, assertion: nil))
        #expect(exchange.url == "https://127.0.0.1:8443/services/oauth2/token")
        #expect(exchange.bodyText == "grant_type=client_credentials&client_id=vccctl-emulator-development&client_secret=vccctl-emulator-development&org=uat")
    }
}
