import Foundation
import Testing
import OrgSimulator

/// The consent step as the VCC admin contract's consent page drives it: consent ids, the
/// environment a consent logs in to, and pages that close.
@Suite struct ConsentTests {
    @Test func startingALinkIssuesAnUnguessableConsentIdThatFindsTheAccount() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let simulator = fixture.simulator
        let started = try simulator.startLinkWithConsent(key: "ACME-EU-01", org: "prod", username: "vcc-api@acme.example",
                                                         environment: .production)
        #expect(started.link.status == .pending)
        #expect(started.link.pendingEnvironment == .production)
        #expect(started.consentId.count >= 32)
        #expect(started.consentId.unicodeScalars.allSatisfy {
            CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_").contains($0)
        })
        let other = try simulator.startLinkWithConsent(key: "ACME-US-01", org: "prod", username: "vcc-api@acme.example")
        #expect(other.consentId != started.consentId)

        let request = try #require(try simulator.consentRequest(id: started.consentId))
        #expect(request.accountKey == "ACME-EU-01")
        #expect(request.isOpen)
        #expect(request.link == started.link)
        #expect(try simulator.pendingConsentId(key: "ACME-EU-01") == started.consentId)
        #expect(try simulator.consentRequest(id: "not-a-consent-id-0000000000000000000000") == nil)
        #expect(throws: SimulatorError.consentUnknown) {
            try simulator.giveConsent(consentId: "not-a-consent-id-0000000000000000000000", as: "vcc-api@acme.example")
        }

        // The page works for a later process (the emulator restarted) too.
        let linked = try fixture.reopen().giveConsent(consentId: started.consentId, as: "vcc-api@acme.example")
        #expect(linked.status == .linked)
        #expect(linked.linkedEnvironment == .production)
        #expect(try simulator.pendingConsentId(key: "ACME-EU-01") == nil)
        #expect(try simulator.consentRequest(id: started.consentId)?.isOpen == false, "a finished consent closes its page")
        #expect(throws: SimulatorError.consentClosed(key: "ACME-EU-01")) {
            try simulator.giveConsent(consentId: started.consentId, as: "vcc-api@acme.example")
        }
    }

    @Test func aConsentLogsInToTheEnvironmentTheLinkWasStartedWith() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let simulator = fixture.simulator
        // A production login cannot reach a sandbox user.
        try simulator.startLink(key: "K", org: "uat", username: "vcc-api@acme.example.uat", environment: .production)
        #expect(try simulator.linkStatus(key: "K").pendingEnvironment == .production)
        let error = #expect(throws: SimulatorError.self) {
            try simulator.giveConsent(key: "K", as: "vcc-api@acme.example.uat")
        }
        #expect(error == .environmentMismatch(key: "K", org: "uat", orgEnvironment: .sandbox, loginEnvironment: .production))
        #expect(error?.statusCode == "LOGIN_ENVIRONMENT_MISMATCH")
        #expect(error?.message.contains("test.salesforce.com") == false)
        #expect(error?.message.contains("login.salesforce.com") == true)
        #expect(try simulator.linkStatus(key: "K").status == .pending, "a refused consent leaves the link pending")

        // Nor a sandbox login a production user.
        let sandboxLogin = try simulator.startLinkWithConsent(key: "P", org: "prod", username: "vcc-api@acme.example",
                                                              environment: .sandbox)
        #expect(throws: SimulatorError.environmentMismatch(key: "P", org: "prod", orgEnvironment: .production,
                                                           loginEnvironment: .sandbox)) {
            try simulator.giveConsent(consentId: sandboxLogin.consentId, as: "vcc-api@acme.example")
        }

        // Started again in the right environment, it goes through; without an environment the
        // org's own is taken (what the embedded target does).
        try simulator.startLink(key: "K", org: "uat", username: "vcc-api@acme.example.uat", environment: .sandbox)
        #expect(try simulator.giveConsent(key: "K", as: "vcc-api@acme.example.uat").linkedEnvironment == .sandbox)
        #expect(try simulator.startLink(key: "P", org: "prod", username: "vcc-api@acme.example").pendingEnvironment == .production)
        #expect(try simulator.giveConsent(key: "P", as: "vcc-api@acme.example").status == .linked)
    }

    @Test func startingAgainClosesTheEarlierConsentPage() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let simulator = fixture.simulator
        let first = try simulator.startLinkWithConsent(key: "K", org: "prod", username: "jane@acme.example")
        let second = try simulator.startLinkWithConsent(key: "K", org: "prod", username: "vcc-api@acme.example")
        #expect(try simulator.consentRequest(id: first.consentId) == ConsentRequest(accountKey: "K", isOpen: false, link: second.link))
        #expect(throws: SimulatorError.consentClosed(key: "K")) {
            try simulator.giveConsent(consentId: first.consentId, as: "jane@acme.example")
        }
        #expect(throws: SimulatorError.consentClosed(key: "K")) { try simulator.denyConsent(consentId: first.consentId) }
        let linked = try simulator.giveConsent(consentId: second.consentId, as: "vcc-api@acme.example")
        #expect(linked.linkedUsername == "vcc-api@acme.example")
    }

    @Test func denyDropsThePendingLinkAndKeepsTheLinkInForce() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let simulator = fixture.simulator
        try simulator.startLink(key: "K", org: "prod", username: "vcc-api@acme.example")
        let inForce = try simulator.giveConsent(key: "K", as: "vcc-api@acme.example")
        let relink = try simulator.startLinkWithConsent(key: "K", org: "uat", username: "vcc-api@acme.example.uat")
        let denied = try simulator.denyConsent(consentId: relink.consentId)
        #expect(denied == inForce, "the production link stays in force")
        #expect(try simulator.consentRequest(id: relink.consentId)?.isOpen == false)

        let fresh = try simulator.startLinkWithConsent(key: "N", org: "prod", username: "vcc-api@acme.example")
        #expect(try simulator.denyConsent(consentId: fresh.consentId) == VCCLink(key: "N", status: .unlinked))
    }

    @Test func cancelUnlinkAndLegacyLeaveTheConsentPageAsTheyShould() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let simulator = fixture.simulator
        let cancelled = try simulator.startLinkWithConsent(key: "K", org: "prod", username: "vcc-api@acme.example")
        try simulator.cancelPending(key: "K")
        #expect(try simulator.consentRequest(id: cancelled.consentId)?.isOpen == false)
        let unlinked = try simulator.startLinkWithConsent(key: "K", org: "prod", username: "vcc-api@acme.example")
        try simulator.unlink(key: "K")
        #expect(try simulator.consentRequest(id: unlinked.consentId)?.isOpen == false)

        // Marking the link in force Legacy leaves a pending relink (and its page) waiting.
        try simulator.startLink(key: "K", org: "prod", username: "vcc-api@acme.example")
        try simulator.giveConsent(key: "K", as: "vcc-api@acme.example")
        let relink = try simulator.startLinkWithConsent(key: "K", org: "prod", username: "admin@acme.example")
        try simulator.markLegacy(key: "K")
        #expect(try simulator.consentRequest(id: relink.consentId)?.isOpen == true)
        #expect(try simulator.giveConsent(consentId: relink.consentId, as: "admin@acme.example").status == .linked)
    }

    @Test func consentByIdKeepsTheFiveAccountRuleAndRecordsAnotherUser() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let simulator = fixture.simulator
        for index in 1...5 {
            let started = try simulator.startLinkWithConsent(key: "ACME-\(index)", org: "prod", username: "vcc-api@acme.example")
            try simulator.giveConsent(consentId: started.consentId, as: "vcc-api@acme.example")
        }
        let sixth = try simulator.startLinkWithConsent(key: "ACME-6", org: "prod", username: "vcc-api@acme.example")
        #expect(throws: SimulatorError.linkLimitReached(org: "prod", username: "vcc-api@acme.example",
                                                        linkedKeys: (1...5).map { "ACME-\($0)" })) {
            try simulator.giveConsent(consentId: sixth.consentId, as: "vcc-api@acme.example")
        }
        #expect(try simulator.consentRequest(id: sixth.consentId)?.isOpen == true, "a refused consent can be retried")
        let asAdmin = try simulator.giveConsent(consentId: sixth.consentId, as: "admin@acme.example")
        #expect(asAdmin.linkedUsername == "vcc-api@acme.example")
        #expect(asAdmin.linkedAsUsername == "admin@acme.example")
        #expect(asAdmin.consentedAsAnotherUser)
    }

    @Test func orgsAreFoundByTheirOrganizationId() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let simulator = fixture.simulator
        let prod = try #require(try simulator.org(named: "prod"))
        #expect(try simulator.org(id: prod.orgId) == prod)
        #expect(try simulator.org(id: String(prod.orgId.prefix(15))) == prod, "the 15-character form")
        #expect(try simulator.org(id: String(prod.orgId.prefix(15)) + prod.orgId.suffix(3).lowercased()) == prod,
                "the checksum is read case-insensitively")
        #expect(try simulator.org(id: "00D000000000000AAA") == nil)
        #expect(try simulator.org(id: "not an id") == nil)
        // A profile's Id is well formed but not an org's.
        let profile = try #require(try fixture.ids().profiles["Support Agent"])
        #expect(try simulator.org(id: profile) == nil)
    }

    @Test func theEmulatorsSecretsAccessIsUnmetered() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let simulator = fixture.simulator
        try simulator.setSetting(org: "prod", owner: .org, clientId: "ACME-EU-01")
        let before = try simulator.apiUsage(org: "prod")
        let entry = try simulator.writing { access in try access.setToken(org: "prod", clientId: "ACME-EU-01", token: "t-1") }
        #expect(entry.tokenSet)
        #expect(try simulator.reading { access in try access.secrets(org: "prod", locations: false) }
            == [SecretEntry(clientId: "ACME-EU-01", locations: [], tokenSet: true)])
        #expect(throws: SimulatorError.keyNotInUse(org: "prod", clientId: "OTHER")) {
            try simulator.writing { access in try access.setToken(org: "prod", clientId: "OTHER", token: "t-1") }
        }
        #expect(try simulator.tokenMatches(org: "prod", clientId: "ACME-EU-01", token: "t-1"))
        #expect(try simulator.apiUsage(org: "prod") == before, "VCC's calls are not the org's API calls")
    }
}
