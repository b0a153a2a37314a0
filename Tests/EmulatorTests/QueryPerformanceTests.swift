import Emulator
import Foundation
import OrgSimulator
import Testing

/// Measures (never asserts timings): all pages of a 100k-record settings query over HTTP against
/// the embedded `forEachNamedSetting`. Runs with VCCCTL_EMULATOR_BENCH=1.
@Suite struct QueryPerformanceTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["VCCCTL_EMULATOR_BENCH"] == "1"))
    func hundredThousandRecords() async throws {
        let count = 100_000
        let fixture = try await EmulatorFixture.start { simulator in
            let users = (0..<count).map { UserSeed(username: "bulk\($0)@acme.example", profile: "Support Agent") }
            try simulator.seed(DirectorySeed(orgs: [OrgSeed(name: "prod", environment: .production, users: users)]))
            let ids = try simulator.reading { access in try access.users(org: "prod").map(\.id) }
            _ = try simulator.createSettings(org: "prod", ids.prefix(count).map { NewSetting(ownerId: $0, clientId: "KEY-\($0.suffix(5))") })
        }
        defer { Task { await fixture.stop() } }
        let simulator = try fixture.simulator()
        let clock = ContinuousClock()
        var seen = 0
        let embedded = try clock.measure {
            try simulator.forEachNamedSetting(org: "prod") { _ in seen += 1 }
        }
        let query = "SELECT Id, SetupOwnerId, TYPEOF SetupOwner WHEN User THEN Username, IsActive, Profile.Name WHEN Profile THEN Name END, NVMContactWorld__clientId__c FROM NVMContactWorld__Settings__c"
        var path = "/services/data/v67.0/query?q=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        var records = 0
        var first: Duration?
        let overHTTP = try await clock.measure {
            while true {
                let start = clock.now
                let reply = try await fixture.get(path)
                if first == nil { first = clock.now - start }
                records += (reply.object["records"] as? [Any])?.count ?? 0
                guard let next = reply.object["nextRecordsUrl"] as? String else { break }
                path = next
            }
        }
        #expect(seen >= count && records >= count)
        print("emulator query of \(records) records: \(overHTTP) over HTTP (client JSON parsing included) vs \(embedded) embedded; first page \(first ?? .zero)")
    }
}
