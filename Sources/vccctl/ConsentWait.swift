#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Reconciler

/// After an apply started link changes: on a terminal, wait for the consents and record each
/// link as it completes; without one, leave them pending (the steps were printed).
enum ConsentWait {
    static func wait(for summary: ApplyEngine.Summary, plan: Plan, context: CommandContext, timeout: Double) async throws -> Bool {
        guard isatty(0) == 1, isatty(1) == 1 else { return false }
        var waiting: [String: LinkChange] = [:]
        for change in plan.changes {
            if case .link(let link) = change.detail,
               summary.outcomes.contains(where: { $0.address == change.address && $0.status == .pending }) {
                waiting[link.accountKey] = link
            }
        }
        Terminal.write("Waiting up to \(Int(timeout)) s for the consent of \(waiting.count) link\(waiting.count == 1 ? "" : "s")…\n")
        let deadline = Date().addingTimeInterval(timeout)
        while !waiting.isEmpty, Date() < deadline {
            for (key, link) in waiting {
                let status = try context.simulator.linkStatus(key: key)
                guard status.status == .linked, status.linkedOrg == link.toOrg, status.linkedUsername == link.toAPIUser else { continue }
                try await context.store.commit([ChangeOutcome(address: .link(accountKey: key), status: .applied,
                                                              resource: .link(org: link.toOrg, apiUser: link.toAPIUser))],
                                               applyID: "consent-\(key)")
                Terminal.write("link[\"\(key)\"]: linked\n")
                waiting[key] = nil
            }
            if !waiting.isEmpty { try await Task.sleep(nanoseconds: 1_000_000_000) }
        }
        return waiting.isEmpty
    }
}
