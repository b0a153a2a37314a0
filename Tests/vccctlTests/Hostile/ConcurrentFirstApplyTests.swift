import Foundation
import Testing
import TestSupport

/// Eight `vccctl apply --lock-timeout 120` started at once where no state exists yet, a few
/// rounds on fresh workspaces: every one succeeds (the first to get the lock creates the state
/// and applies, the others wait for it and find nothing left to do), none fails on the state
/// file being busy while another creates it, and the state has one lineage and one apply.
@Suite struct ConcurrentFirstApplyTests {
    static let applies = 8
    static let rounds = 3

    @Test func eightFirstAppliesAtOnceAllSucceed() throws {
        for round in 0..<Self.rounds {
            let workspace = try EndToEndWorkspace.quickstart(links: false)
            defer { workspace.remove() }
            let started = try (0..<Self.applies).map { _ in
                try workspace.start(["apply", "--auto-approve", "--lock-timeout", "120", "vccctl.yaml"])
            }
            let statuses = started.map { $0.wait() }
            for (index, apply) in started.enumerated() {
                #expect(statuses[index] == 0, "round \(round), apply \(index) exited \(statuses[index]):\n\(apply.stderr)")
                #expect(!apply.stderr.contains("busy"), "round \(round), apply \(index):\n\(apply.stderr)")
            }
            let applied = started.filter { $0.stdout.contains("Apply complete!") }
            let unchanged = started.filter { $0.stdout.contains("No changes.") }
            #expect(applied.count == 1 && unchanged.count == Self.applies - 1,
                    "round \(round): \(applied.count) applies made changes, \(unchanged.count) found none")
            let history = try workspace.history()
            #expect(history.count == 1 && history.first?.status == "succeeded", "round \(round): \(history)")
            try workspace.expect(["plan", "--detailed-exitcode", "vccctl.yaml"], status: 0)
        }
    }
}
