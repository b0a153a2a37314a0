import Emulator
import Foundation
import OrgSimulator
import Testing

@Suite struct LimitsAndFaultsTests {
    @Test func oversizedURIsAndHeadersAreAnswered() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let longURI = try await fixture.get("/services/data/v67.0/query?q=" + String(repeating: "a", count: 17_000))
        #expect(longURI.status == 414)
        let bigHeader = try await fixture.get("/services/data/v67.0/limits", headers: [("X-Padding", String(repeating: "b", count: 17_000))])
        #expect(bigHeader.status == 431)
        #expect(try await fixture.get("/services/data/v67.0/limits").status == 200)
    }

    @Test func limitInfoAndTheDailyLimit() async throws {
        let fixture = try await EmulatorFixture.start(dailyAPILimit: 3)
        defer { Task { await fixture.stop() } }
        let first = try await fixture.get("/services/data/v67.0/limits/")
        #expect(first.headers["sforce-limit-info"] == "api-usage=1/3")
        #expect(((first.object["DailyApiRequests"] as? [String: Any])?["Max"] as? Int) == 3)
        #expect(((first.object["DailyApiRequests"] as? [String: Any])?["Remaining"] as? Int) == 2)
        _ = try await fixture.get("/services/data/v67.0/limits/")
        _ = try await fixture.get("/services/data/v67.0/limits/")
        let refused = try await fixture.get("/services/data/v67.0/limits/")
        #expect(refused.status == 403)
        #expect(refused.body == #"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#)
        #expect(refused.headers["sforce-limit-info"] == "api-usage=3/3")
        // Another org has its own count; an admin's reset gives the day back.
        #expect(try await fixture.get("/services/data/v67.0/limits/", token: .some(fixture.ready.orgs["uat"])).status == 200)
        try fixture.simulator().resetAPIUsage(org: "prod")
        #expect(try await fixture.get("/services/data/v67.0/limits/").status == 200)
    }

    /// The statuses of `count` requests under a fault plan.
    static func statuses(faults: String, seed: UInt64, count: Int) async throws -> [Int] {
        let fixture = try await EmulatorFixture.start(faults: [try FaultSpec.parse(faults)], seed: seed)
        defer { Task { await fixture.stop() } }
        var statuses: [Int] = []
        for _ in 0..<count {
            do {
                statuses.append(try await fixture.get("/services/data/v67.0/limits").status)
            } catch {
                statuses.append(-1)  // reset: the connection closed without a response
            }
        }
        return statuses
    }

    @Test func faultsAreDeterministicForASeed() async throws {
        let spec = "error=0.2,throttle=0.2,concurrent=0.1,reset=0.1"
        let first = try await Self.statuses(faults: spec, seed: 42, count: 40)
        let second = try await Self.statuses(faults: spec, seed: 42, count: 40)
        #expect(first == second)
        #expect(first.contains(500) && first.contains(429) && first.contains(200))
        let other = try await Self.statuses(faults: spec, seed: 7, count: 40)
        #expect(other != first)
    }

    @Test func faultRoutesNarrowTheSpec() async throws {
        let fixture = try await EmulatorFixture.start(faults: [try FaultSpec.parse("error=1,route=/services/data/*/composite*")])
        defer { Task { await fixture.stop() } }
        #expect(try await fixture.get("/services/data/v67.0/limits").status == 200)
        let composite = try await fixture.request("POST", "/services/data/v67.0/composite", body: #"{"compositeRequest":[]}"#)
        #expect(composite.status == 500)
        #expect(composite.errorCode == "UNKNOWN_EXCEPTION")
        // The token endpoint is not faulted unless a route names it.
        #expect(try await fixture.token(["grant_type": "client_credentials", "client_id": fixture.ready.clientId,
                                         "client_secret": fixture.ready.clientSecret, "org": "prod"]).status == 200)
    }

    @Test func errorAfterLandsTheWrite() async throws {
        let fixture = try await EmulatorFixture.start(faults: [try FaultSpec.parse("error-after=1,route=/services/data/*/sobjects/*")])
        defer { Task { await fixture.stop() } }
        let jane = try WriteTests.ids(try fixture.simulator(), ["jane@acme.example"])[0]
        let reply = try await fixture.request("POST", "/services/data/v67.0/sobjects/NVMContactWorld__Settings__c",
                                              body: #"{"SetupOwnerId":"\#(jane)","NVMContactWorld__clientId__c":"LANDED"}"#)
        #expect(reply.status == 500)
        #expect(try fixture.simulator().snapshot().orgs.first { $0.org.name == "prod" }?.settings.count == 1)
    }

    @Test func faultSpecGrammar() throws {
        let spec = try FaultSpec.parse("error=0.1,throttle=0.05,reset=0.02,concurrent=0.05,error-after=0.1,latency=20ms,route=/services/data/*")
        #expect(spec.probabilities[.throttle] == 0.05)
        #expect(spec.latencyMilliseconds == 20)
        #expect(spec.route == "/services/data/*")
        for bad in ["error", "error=2", "bogus=0.1", "latency=fast", "route=nope", ""] {
            #expect(throws: FaultSpec.ParseError.self, "\(bad)") { try FaultSpec.parse(bad) }
        }
    }
}
