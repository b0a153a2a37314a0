import Foundation
import Testing
import OrgSimulator

@Suite struct SecretsTests {
    @Test func secretsAreDerivedFromKeys() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        #expect(try fixture.simulator.listSecrets(org: "prod").value.isEmpty, "no record, no secret")
        try fixture.simulator.setSetting(org: "prod", owner: .user("jane@acme.example"), clientId: nil)
        #expect(try fixture.simulator.listSecrets(org: "prod").value.isEmpty, "records without a key list nothing")

        let ids = try fixture.ids()
        try fixture.simulator.setSetting(org: "prod", owner: .org, clientId: "ACME-EU-01")
        try fixture.simulator.setSetting(org: "prod", owner: .profile("Sales"), clientId: "ACME-US-02")
        try fixture.simulator.setSetting(org: "prod", owner: .profile("Support Agent"), clientId: "ACME-EU-01")
        let listed = try fixture.simulator.listSecrets(org: "prod")
        #expect(listed.apiCalls == 1)
        #expect(listed.value == [
            SecretEntry(
                clientId: "ACME-EU-01",
                locations: [ids.org, try #require(ids.profiles["Support Agent"])], tokenSet: false),
            SecretEntry(clientId: "ACME-US-02", locations: [try #require(ids.profiles["Sales"])], tokenSet: false),
        ])
        #expect(try fixture.simulator.listSecrets(org: "uat").value.isEmpty, "secrets are per org")
    }

    @Test func tokenNeedsTheKeyInCustomSettingsFirst() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        #expect(throws: SimulatorError.keyNotInUse(org: "prod", clientId: "ACME-EU-01")) {
            try fixture.simulator.setToken(org: "prod", clientId: "ACME-EU-01", token: "secret-1")
        }
        try fixture.simulator.setSetting(org: "prod", owner: .org, clientId: "ACME-EU-01")
        let set = try fixture.simulator.setToken(org: "prod", clientId: "ACME-EU-01", token: "secret-1")
        #expect(set.apiCalls == 1)
        #expect(set.value.tokenSet)
        #expect(try fixture.simulator.listSecrets(org: "prod").value.map(\.tokenSet) == [true])
        #expect(throws: SimulatorError.emptyToken) {
            try fixture.simulator.setToken(org: "prod", clientId: "ACME-EU-01", token: "")
        }
        // The key in another org does not count.
        #expect(throws: SimulatorError.keyNotInUse(org: "uat", clientId: "ACME-EU-01")) {
            try fixture.simulator.setToken(org: "uat", clientId: "ACME-EU-01", token: "secret-1")
        }
    }

    @Test func tokenCanBeCheckedButNeverRevealed() throws {
        let fixture = try SimulatorFixture(seeded: false)
        defer { fixture.remove() }
        let canary = "CANARY-7f3c9e1d-token-\(UUID().uuidString)"
        do {
            // A simulator of its own, closed at the end of this block: closing checkpoints the
            // WAL into the main file, so both places are checked.
            let simulator = try fixture.reopen()
            try simulator.seed(SimulatorFixture.seed)
            try simulator.setSetting(org: "prod", owner: .org, clientId: "ACME-EU-01")
            try simulator.setToken(org: "prod", clientId: "ACME-EU-01", token: canary)

            #expect(try simulator.tokenMatches(org: "prod", clientId: "ACME-EU-01", token: canary))
            #expect(try !simulator.tokenMatches(org: "prod", clientId: "ACME-EU-01", token: canary + "x"))
            #expect(try !simulator.tokenMatches(org: "prod", clientId: "ACME-US-02", token: canary))
            let snapshot = String(decoding: try JSONEncoder().encode(try simulator.snapshot()), as: UTF8.self)
            #expect(!snapshot.contains(canary))
            #expect(!(try fixture.databaseBytes()).contains(bytes: Array(canary.utf8)), "WAL included")
        }
        #expect(!(try fixture.databaseBytes()).contains(bytes: Array(canary.utf8)), "after the checkpoint")
        #expect(try fixture.simulator.tokenMatches(org: "prod", clientId: "ACME-EU-01", token: canary))
        // The canary check itself works: a plaintext retired token is found.
        try fixture.simulator.setRetiredToken(org: "prod", owner: .org, token: canary)
        #expect((try fixture.databaseBytes()).contains(bytes: Array(canary.utf8)))
    }

    @Test func rotationReplacesTheToken() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        try fixture.simulator.setSetting(org: "prod", owner: .org, clientId: "K")
        try fixture.simulator.setToken(org: "prod", clientId: "K", token: "one")
        try fixture.simulator.setToken(org: "prod", clientId: "K", token: "two")
        #expect(try !fixture.simulator.tokenMatches(org: "prod", clientId: "K", token: "one"))
        #expect(try fixture.simulator.tokenMatches(org: "prod", clientId: "K", token: "two"))
    }

    @Test func clearedTokenShowsAsNotSet() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        try fixture.simulator.setSetting(org: "prod", owner: .org, clientId: "K")
        try fixture.simulator.setToken(org: "prod", clientId: "K", token: "t")
        try fixture.simulator.clearToken(org: "prod", clientId: "K")
        #expect(try fixture.simulator.listSecrets(org: "prod").value == [
            SecretEntry(clientId: "K", locations: [try fixture.ids().org], tokenSet: false),
        ])
        #expect(try !fixture.simulator.tokenMatches(org: "prod", clientId: "K", token: "t"))
        #expect(throws: SimulatorError.keyNotInUse(org: "prod", clientId: "other")) {
            try fixture.simulator.clearToken(org: "prod", clientId: "other")
        }
    }

    @Test func secretLeavesTheListWithItsLastRecordAndComesBackWithTheKey() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        try fixture.simulator.setSetting(org: "prod", owner: .org, clientId: "K")
        try fixture.simulator.setSetting(org: "prod", owner: .profile("Sales"), clientId: "K")
        try fixture.simulator.setToken(org: "prod", clientId: "K", token: "t")

        try fixture.simulator.deleteSetting(org: "prod", owner: .org)
        #expect(try fixture.simulator.listSecrets(org: "prod").value.map(\.locations.count) == [1])
        try fixture.simulator.setSetting(org: "prod", owner: .profile("Sales"), clientId: "OTHER")
        #expect(try fixture.simulator.listSecrets(org: "prod").value.map(\.clientId) == ["OTHER"])
        #expect(try !fixture.simulator.tokenMatches(org: "prod", clientId: "K", token: "t"), "a hidden token is not usable")

        // The stored hash was kept: the key's return shows its token as set again.
        try fixture.simulator.setSetting(org: "prod", owner: .org, clientId: "K")
        #expect(try fixture.simulator.listSecrets(org: "prod").value.first { $0.clientId == "K" }?.tokenSet == true)
        #expect(try fixture.simulator.tokenMatches(org: "prod", clientId: "K", token: "t"))
    }
}
