import Reconciler
import Testing
import TestSupport

/// The fake that engine tests use behaves as the real VCC ports do.
@Suite struct FakeVCCContractTests {
    @Test(arguments: VCCPortContract.checks)
    func contract(_ check: VCCPortContract.Check) async throws {
        let vcc = FakeVCC()
        let org = VCCOrg(name: "prod", orgId: "00D000000000001AAA")
        try await check.run(VCCPortContract.Subject(
            port: vcc, org: org, environment: .production, apiUser: "api@acme.example", otherUser: "admin@acme.example",
            useKey: { key in vcc.useKey(key, orgId: org.orgId) },
            consent: { key, user in try vcc.consent(key, as: user) }))
    }
}
