import Foundation
import Reconciler
import Views

/// One apply through the library's `ApplySession`, with progress lines and the closing summary.
struct ApplyRun {
    let context: CommandContext
    let remote: RemoteSystems
    let plan: Plan
    let lockID: String
    let format: OutputFormat
    let budget: APIBudget

    func execute() async throws -> ApplyEngine.Summary {
        let holder = CommandContext.holder(command: "apply")
        let session = ApplySession(remote: remote, store: context.store, environment: context.environment,
                                   budget: budget, who: holder.who, host: holder.host,
                                   clock: { Date().timeIntervalSince1970 })
        let style = context.style
        let text = format == .text
        let summary: ApplyEngine.Summary
        do {
            summary = try await session.apply(plan, lockID: lockID) { outcome in
                if text { Terminal.write(ApplyProgress.line(outcome, style: style)) }
            }
        } catch let refusal as APIBudgetRefusal {
            throw CommandFailure(message: refusal.description,
                                 notes: ["raise --max-api-calls or lower --api-reserve, or apply in smaller steps"])
        }
        if plan.hasChanges {
            Terminal.write(ApplyProgress.summary(summary, format: format.applyFormat, style: style))
        } else if text {
            Terminal.write(ApplyProgress.recorded(summary))
        }
        return summary
    }
}
