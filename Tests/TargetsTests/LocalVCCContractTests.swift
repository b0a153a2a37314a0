import Foundation
import OrgSimulator
import Reconciler
import Targets
import Testing
import TestSupport

/// The embedded VCC side passes the contract every readable VCC port must pass.
@Suite struct LocalVCCContractTests {
    @Test(arguments: VCCPortContract.checks)
    func contract(_ check: VCCPortContract.Check) async throws {
        let directory = try TemporaryDirectory("vccctl-local-vcc-contract")
        defer { directory.remove() }
        let simulator = try OrgSimulator(path: directory.path + "/org.sqlite")
        try simulator.seed(TargetContract.seed)
        let org = try #require(try simulator.org(named: "prod"))
        try await check.run(VCCPortContract.Subject(
            port: LocalVCC(simulator: simulator), org: VCCOrg(name: "prod", orgId: org.orgId), environment: .production,
            apiUser: "jane@acme.example", otherUser: "sam@acme.example",
            useKey: { key in _ = try simulator.setSetting(org: "prod", owner: .profile("Support Agent"), clientId: key) },
            consent: { key, user in _ = try simulator.giveConsent(key: key, as: user) }))
    }
}
