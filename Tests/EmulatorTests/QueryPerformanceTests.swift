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
        let query = "SELECT Id, SetupOwnerId, NVMContactWorld__clientId__c, SystemModstamp, TYPEOF SetupOwner WHEN User THEN Username, IsActive, ProfileId WHEN Profile THEN Name WHEN Organization THEN Name END FROM NVMContactWorld__Settings__c"
        let first = "/services/data/v67.0/query?q=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        // Twice: the second run shows the steady state. The client only finds `nextRecordsUrl`
        // and counts records, so the figures are the emulator's, not a JSON parser's.
        for run in 1...2 {
            var seen = 0
            let embedded = try clock.measure {
                try simulator.forEachNamedSetting(org: "prod") { _ in seen += 1 }
            }
            var path = first
            var records = 0
            var bytes = 0
            var firstPage: Duration?
            let overHTTP = try await clock.measure {
                while true {
                    let start = clock.now
                    let reply = try await fixture.get(path)
                    if firstPage == nil { firstPage = clock.now - start }
                    bytes += reply.body.utf8.count
                    records += Self.occurrences(of: "{\"attributes\":{\"type\":\"NVMContactWorld__Settings__c\"", in: reply.body)
                    guard let range = reply.body.range(of: "\"nextRecordsUrl\":\"") else { break }
                    let rest = reply.body[range.upperBound...]
                    path = String(rest[..<rest.firstIndex(of: "\"")!])
                }
            }
            #expect(seen >= count && records >= count)
            let ratio = overHTTP / embedded
            print("emulator query run \(run) of \(records) records (\(bytes) bytes): \(overHTTP) over HTTP vs \(embedded) embedded forEachNamedSetting (ratio \(ratio)); first page \(firstPage ?? .zero)")
        }
    }

    /// How many times `needle` occurs in `text`, by bytes.
    static func occurrences(of needle: String, in text: String) -> Int {
        let pattern = Array(needle.utf8), bytes = Array(text.utf8)
        guard let first = pattern.first, bytes.count >= pattern.count else { return 0 }
        var count = 0, i = 0
        while i <= bytes.count - pattern.count {
            if bytes[i] == first, bytes[i..<(i + pattern.count)].elementsEqual(pattern) {
                count += 1
                i += pattern.count
            } else {
                i += 1
            }
        }
        return count
    }
}
