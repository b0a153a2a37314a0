import Foundation
import Testing
import OrgSimulator

@Suite struct SnapshotTests {
    @Test func snapshotShowsEverythingByNameAndRoundTrips() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        try fixture.simulator.setSetting(org: "prod", owner: .org, clientId: "ACME-EU-01")
        try fixture.simulator.setSetting(org: "prod", owner: .user("jane@acme.example"), clientId: "ACME-US-02")
        try fixture.simulator.setToken(org: "prod", clientId: "ACME-EU-01", token: "secret")
        try fixture.simulator.startLink(key: "ACME-EU-01", org: "prod", username: "vcc-api@acme.example")
        _ = try fixture.simulator.querySettings(org: "prod")

        let snapshot = try fixture.simulator.snapshot()
        #expect(snapshot.orgs.map(\.org.name) == ["prod", "uat"])
        let prod = snapshot.orgs[0]
        #expect(prod.profiles.map(\.name) == ["Sales", "Support Agent", "System Administrator", "VCC API"])
        #expect(prod.users.count == 4)
        #expect(prod.settings.map(\.owner) == [.org, .user("jane@acme.example")])
        #expect(prod.secrets.map(\.tokenSet) == [true, false])
        #expect(prod.apiCalls == 2)
        #expect(snapshot.accounts.map(\.status) == [.pending])

        let data = try JSONEncoder().encode(snapshot)
        #expect(try JSONDecoder().decode(SimulatorSnapshot.self, from: data) == snapshot)
        #expect(!String(decoding: data, as: UTF8.self).contains("secret\""))
    }

    @Test func errorsReadLikeSalesforce() {
        let error = SimulatorError.keyNotInUse(org: "prod", clientId: "K")
        #expect(error.statusCode == "NOT_FOUND")
        #expect(error.description.hasPrefix("NOT_FOUND: "))
        #expect(error.message.contains("set the key in custom settings first"))
    }
}
