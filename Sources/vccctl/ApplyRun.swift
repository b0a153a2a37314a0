import Foundation
import Reconciler
import Views

/// One apply through the library's `ApplySession`, with progress lines and the closing summary
/// (text and Markdown; JSON output is one document the caller writes).
struct ApplyRun {
    let context: CommandContext
    let remote: RemoteSystems
    let plan: Plan
    let lockID: String
    let format: OutputFormat
    let budget: APIBudget

    func execute() async throws -> ApplyEngine.Summary {
        let stop = ApplyStop()
        let holder = CommandContext.holder(command: "apply")
        let session = ApplySession(remote: remote, store: context.store, environment: context.environment,
                                   budget: budget, who: holder.who, host: holder.host,
                                   clock: { Date().timeIntervalSince1970 }, stop: stop)
        let style = context.style
        let summary: ApplyEngine.Summary
        do {
            summary = try await SignalTrap.applying(stop) {
                try await session.apply(plan, lockID: lockID) { outcome in
                    Terminal.write(ApplyProgress.line(outcome, style: style), to: format.progressOutput)
                }
            }
        } catch let refusal as APIBudgetRefusal {
            throw CommandFailure(message: refusal.description,
                                 notes: ["raise --max-api-calls or lower --api-reserve, or apply in smaller steps"])
        }
        // JSON: the caller writes one document with the plan and this summary.
        if let summaryFormat = format.applyFormat {
            if plan.hasChanges {
                Terminal.write(ApplyProgress.summary(summary, format: summaryFormat, style: style))
            } else if summaryFormat == .text {
                Terminal.write(ApplyProgress.recorded(summary))
            }
        }
        return summary
    }
}
