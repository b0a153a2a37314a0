import Foundation
import OrgSimulator
import Reconciler
import Targets
import Testing
import TestSupport

/// The embedded target passes the contract every target must pass.
@Suite struct LocalTargetContractTests {
    @Test(arguments: TargetContract.checks)
    func contract(_ check: TargetContract.Check) async throws {
        let directory = try TemporaryDirectory("vccctl-local-contract")
        defer { directory.remove() }
        let simulator = try OrgSimulator(path: directory.path + "/org.sqlite")
        try simulator.seed(TargetContract.seed)
        try await check.run(TargetContract.Subject(target: LocalTarget(simulator: simulator), simulator: simulator))
    }
}
