#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Reconciler

/// After an apply started link changes: on a terminal, wait for the consents through the
/// library's `ConsentVerification`; without one, leave them pending (the steps were printed).
enum ConsentWait {
    static func wait(for summary: ApplyEngine.Summary, plan: Plan, context: CommandContext, remote: RemoteSystems,
                     lockID: String, timeout: Double, progressTo output: Int32) async throws -> Bool {
        let waiting = ConsentVerification.waiting(summary, plan: plan)
        guard !waiting.isEmpty, isatty(0) == 1, isatty(1) == 1 else { return false }
        Terminal.write("Waiting up to \(Int(timeout)) s for the consent of \(waiting.count) link\(waiting.count == 1 ? "" : "s")…\n", to: output)
        let verification = ConsentVerification(vcc: remote.vcc, store: context.store, clock: { Date().timeIntervalSince1970 })
        return try await verification.wait(after: summary, plan: plan, lockID: lockID, timeout: timeout) { key in
            Terminal.write("link[\"\(key)\"]: linked\n", to: output)
        }
    }
}
