import Foundation
import OrgSimulator
import Reconciler
import Targets
import Testing
import TestSupport

/// vccctl's VCC admin client, against the emulator's admin endpoint over TLS (trusting only its
/// CA), passes the contract every readable VCC port passes; the consents go through the
/// emulator's consent page as a person's browser would send them.
@Suite struct VCCAdminClientContractTests {
    @Test(arguments: VCCPortContract.checks)
    func contract(_ check: VCCPortContract.Check) async throws {
        try await Self.withClient { fixture, client in
            let simulator = try fixture.simulator()
            let org = try #require(try simulator.org(named: "prod"))
            try await check.run(VCCPortContract.Subject(
                port: client, org: VCCOrg(name: "prod", orgId: org.orgId), environment: .production,
                apiUser: "vcc-api@acme.example", otherUser: "admin@acme.example",
                useKey: { key in _ = try simulator.setSetting(org: "prod", owner: .profile("Support Agent"), clientId: key) },
                consent: { key, user in
                    guard let id = try simulator.pendingConsentId(key: key) else {
                        throw ContractViolation("no consent page for \(key)")
                    }
                    let page = fixture.ready.vccAdminURL + "/vcc-admin/v1/consent/" + id
                    let reply = try await fixture.submitConsent(page, username: user, decision: "allow")
                    guard reply.outcome == "linked" else { throw ContractViolation("consent as \(user): \(reply.body)") }
                }))
        }
    }

    /// A refused bearer token stops the read with an error that names the endpoint, not the token.
    @Test func aWrongTokenIsAClearErrorWithoutTheToken() async throws {
        let wrong = "wrong-admin-token-canary-5b1e"
        try await Self.withClient(token: wrong) { fixture, client in
            do {
                _ = try await client.readLinks(["ACME-01"])
                Issue.record("a wrong token was accepted")
            } catch let error as VCCAdminError {
                #expect(error == .unauthorized(url: fixture.ready.vccAdminURL + "/vcc-admin/v1"))
                #expect(!error.description.contains(wrong))
            }
        }
    }

    /// An emulator over TLS and a client of its admin endpoint (with its token unless `token`),
    /// both closed whatever `body` does.
    static func withClient(token: String? = nil,
                           _ body: (EmulatorFixture, VCCAdminClient) async throws -> Void) async throws {
        let fixture = try await EmulatorFixture.start(tls: .selfSigned)
        let outcome: Result<Void, any Error>
        do {
            let client = try VCCAdminClient(url: fixture.ready.vccAdminURL, bearerToken: token ?? fixture.ready.vccAdminToken,
                                            caFile: fixture.ready.caFile)
            do {
                try await body(fixture, client)
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            try? await client.shutdown()
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
        try outcome.get()
    }
}
