import Testing
import OrgSimulator

@Suite struct LinkTests {
    @Test func linkLifecycleWithConsent() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let simulator = fixture.simulator
        #expect(try simulator.linkStatus(key: "ACME-EU-01") == VCCLink(key: "ACME-EU-01", status: .unlinked))

        let pending = try simulator.startLink(key: "ACME-EU-01", org: "prod", username: "vcc-api@acme.example")
        #expect(pending.status == .pending)
        #expect(pending.pendingOrg == "prod")
        #expect(pending.pendingUsername == "vcc-api@acme.example")
        #expect(pending.pendingSince != nil)
        #expect(try simulator.linkStatus(key: "ACME-EU-01") == pending)

        let linked = try simulator.giveConsent(key: "ACME-EU-01", as: "vcc-api@acme.example")
        #expect(linked.status == .linked)
        #expect(linked.linkedOrg == "prod")
        #expect(linked.linkedEnvironment == .production)
        #expect(linked.linkedUsername == "vcc-api@acme.example")
        #expect(linked.linkedAsUsername == "vcc-api@acme.example")
        #expect(!linked.consentedAsAnotherUser)
        #expect(linked.pendingOrg == nil)

        // Relink to the sandbox: the production link stays in force until the consent.
        let relinking = try simulator.startLink(key: "ACME-EU-01", org: "uat", username: "vcc-api@acme.example.uat")
        #expect(relinking.status == .pending)
        #expect(relinking.linkedOrg == "prod")
        let relinked = try simulator.giveConsent(key: "ACME-EU-01", as: "vcc-api@acme.example.uat")
        #expect(relinked.linkedOrg == "uat")
        #expect(relinked.linkedEnvironment == .sandbox)

        let unlinked = try simulator.unlink(key: "ACME-EU-01")
        #expect(unlinked == VCCLink(key: "ACME-EU-01", status: .unlinked))
        #expect(try simulator.linkStatus(key: "ACME-EU-01") == unlinked)
        #expect(try simulator.apiUsage(org: "prod") == 0, "link actions are VCC's, not org API calls")
    }

    @Test func consentNeedsAPendingLinkAndAnActiveUserOfThatOrg() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let simulator = fixture.simulator
        #expect(throws: SimulatorError.noPendingLink(key: "K")) {
            try simulator.giveConsent(key: "K", as: "vcc-api@acme.example")
        }
        #expect(throws: SimulatorError.unknownOrg("nope")) {
            try simulator.startLink(key: "K", org: "nope", username: "vcc-api@acme.example")
        }
        #expect(throws: SimulatorError.invalidAccountKey("A B")) {
            try simulator.startLink(key: "A B", org: "prod", username: "vcc-api@acme.example")
        }
        try simulator.startLink(key: "K", org: "prod", username: "vcc-api@acme.example")
        #expect(throws: SimulatorError.consentUserUnknown(org: "prod", username: "vcc-api@acme.example.uat")) {
            try simulator.giveConsent(key: "K", as: "vcc-api@acme.example.uat")
        }
        #expect(throws: SimulatorError.consentUserInactive(org: "prod", username: "former@acme.example")) {
            try simulator.giveConsent(key: "K", as: "former@acme.example")
        }
        #expect(try simulator.linkStatus(key: "K").status == .pending, "a failed consent leaves it pending")
    }

    @Test func oneApiUserServesAtMostFiveAccounts() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let simulator = fixture.simulator
        let keys = (1...6).map { "ACME-\($0)" }
        for key in keys.prefix(5) {
            try simulator.startLink(key: key, org: "prod", username: "vcc-api@acme.example")
            try simulator.giveConsent(key: key, as: "vcc-api@acme.example")
        }
        try simulator.startLink(key: "ACME-6", org: "prod", username: "vcc-api@acme.example")
        let error = #expect(throws: SimulatorError.self) {
            try simulator.giveConsent(key: "ACME-6", as: "vcc-api@acme.example")
        }
        #expect(error == .linkLimitReached(org: "prod", username: "vcc-api@acme.example", linkedKeys: Array(keys.prefix(5))))
        #expect(error?.statusCode == "API_USER_LINK_LIMIT_EXCEEDED")
        #expect(error?.message.contains("use another API user") == true)

        // Relinking one of the five to the same user is not a sixth link.
        try simulator.startLink(key: "ACME-1", org: "prod", username: "vcc-api@acme.example")
        #expect(try simulator.giveConsent(key: "ACME-1", as: "vcc-api@acme.example").status == .linked)

        // After an unlink the sixth fits.
        try simulator.unlink(key: "ACME-2")
        #expect(try simulator.giveConsent(key: "ACME-6", as: "vcc-api@acme.example").status == .linked)
        // Another API user has its own five.
        try simulator.startLink(key: "ACME-7", org: "prod", username: "jane@acme.example")
        #expect(try simulator.giveConsent(key: "ACME-7", as: "jane@acme.example").status == .linked)
    }

    @Test func consentAsAnotherUserIsRecorded() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        try fixture.simulator.startLink(key: "K", org: "prod", username: "vcc-api@acme.example")
        let linked = try fixture.simulator.giveConsent(key: "K", as: "admin@acme.example")
        #expect(linked.status == .linked)
        #expect(linked.linkedUsername == "vcc-api@acme.example")
        #expect(linked.linkedAsUsername == "admin@acme.example")
        #expect(linked.consentedAsAnotherUser)
        #expect(try fixture.reopen().linkStatus(key: "K") == linked)
    }

    @Test func legacyAndCancel() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let simulator = fixture.simulator
        #expect(throws: SimulatorError.notLinked(key: "K")) { try simulator.markLegacy(key: "K") }
        try simulator.startLink(key: "K", org: "prod", username: "vcc-api@acme.example")
        #expect(throws: SimulatorError.notLinked(key: "K")) { try simulator.markLegacy(key: "K") }
        #expect(try simulator.cancelPending(key: "K").status == .unlinked)

        try simulator.startLink(key: "K", org: "prod", username: "vcc-api@acme.example")
        try simulator.giveConsent(key: "K", as: "vcc-api@acme.example")
        let legacy = try simulator.markLegacy(key: "K")
        #expect(legacy.status == .legacy)
        #expect(legacy.linkedOrg == "prod", "a legacy link is still a link")

        // A relink started from Legacy and cancelled goes back to Legacy.
        #expect(try simulator.startLink(key: "K", org: "prod", username: "vcc-api@acme.example").status == .pending)
        #expect(try simulator.cancelPending(key: "K").status == .legacy)
        // Relinking replaces Legacy.
        try simulator.startLink(key: "K", org: "prod", username: "vcc-api@acme.example")
        #expect(try simulator.giveConsent(key: "K", as: "vcc-api@acme.example").status == .linked)
        #expect(try simulator.cancelPending(key: "K").status == .linked, "nothing pending: no change")
        #expect(try simulator.links().map(\.key) == ["K"])
    }
}
