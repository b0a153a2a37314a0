import Foundation
import Reconciler
import Views

/// One apply: creates the state if needed, opens a history entry, runs the engine with progress
/// lines, closes the entry.
struct ApplyRun {
    let context: CommandContext
    let plan: Plan
    let format: OutputFormat

    func execute() async throws -> ApplyEngine.Summary {
        // A plan made without state creates it (initialize keeps one another apply made meanwhile).
        if plan.lineage == nil {
            let salt = plan.newStateSalt.flatMap(Hex.decode) ?? []
            _ = try await context.store.initialize(lineage: UUID().uuidString.lowercased(), fingerprintSalt: salt)
        }
        let holder = CommandContext.holder(command: "apply")
        let applyID = UUID().uuidString.lowercased()
        try await context.store.beginApply(ApplyRecord(
            id: applyID, who: holder.who, host: holder.host, startedAt: Date().timeIntervalSince1970,
            planDigest: plan.digest, status: .running))
        let style = context.style
        let text = format == .text
        let engine = ApplyEngine(remote: context.remote, store: context.store)
        let summary: ApplyEngine.Summary
        do {
            summary = try await engine.apply(plan, applyID: applyID, tokens: context.environment) { outcome in
                if text { Terminal.write(ApplyProgress.line(outcome, style: style)) }
            }
        } catch {
            try? await context.store.finishApply(id: applyID, status: .failed)
            throw error
        }
        let status: ApplyRecord.Status = summary.failed > 0 ? .failed : summary.pending > 0 ? .pending : .succeeded
        try await context.store.finishApply(id: applyID, status: status)
        Terminal.write(ApplyProgress.summary(summary, format: format.applyFormat, style: style))
        return summary
    }
}
