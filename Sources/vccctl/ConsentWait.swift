#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Reconciler

/// After an apply started link changes: on a terminal, wait for the consents and record each
/// link as it completes (consented by the API user itself); without one, leave them pending (the
/// steps were printed).
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
        // The links recorded while waiting are an apply of their own in the history.
        let holder = CommandContext.holder(command: "apply (waiting for consent)")
        let applyID = UUID().uuidString.lowercased()
        try await context.store.beginApply(ApplyRecord(
            id: applyID, who: holder.who, host: holder.host, startedAt: Date().timeIntervalSince1970,
            planDigest: plan.digest, status: .running))
        let deadline = Date().addingTimeInterval(timeout)
        while !waiting.isEmpty, Date() < deadline {
            // Through the target port, links only: the same check the next plan makes.
            let observed = try await context.remote.vcc.read(orgs: [], accountKeys: Set(waiting.keys))
            for (key, link) in waiting {
                guard case .linked(let org, _, let user, let consentedAs)? = observed.links[key],
                      org == link.toOrg, user == link.toAPIUser, consentedAs == user else { continue }
                try await context.store.commit([ChangeOutcome(address: .link(accountKey: key), status: .applied,
                                                              resource: .link(org: link.toOrg, apiUser: link.toAPIUser))],
                                               applyID: applyID)
                Terminal.write("link[\"\(key)\"]: linked\n")
                waiting[key] = nil
            }
            if !waiting.isEmpty { try await Task.sleep(nanoseconds: 1_000_000_000) }
        }
        try await context.store.finishApply(id: applyID, status: waiting.isEmpty ? .succeeded : .pending)
        return waiting.isEmpty
    }
}
