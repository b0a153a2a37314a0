import ArgumentParser
import Crypto
import Reconciler
import VCCModel
import Views

/// `vccctl plan`: what apply would change, and the drift found on the way. Changes nothing.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the changes that would bring the org and VCC to the configuration.",
        discussion: """
            Reads the state and refreshes what the org and VCC hold, then prints the ordered \
            changes, the drift, and the API calls they cost. Warnings (an API user that is not \
            API Only, a retired token with no token declared) go to standard error and do not \
            stop the plan. Exit codes: 0 success (with --detailed-exitcode: no changes), 1 error, \
            2 changes present (with --detailed-exitcode).
            """)

    @OptionGroup var arguments: PlanningArguments

    @Option(help: "Save the plan to this file for 'vccctl apply FILE' ('-': write it to standard output, and the plan as text to standard error).")
    var out: String?

    func run() async throws {
        try await Failures.guarded {
            let (input, context, state) = try ConfigurationInput.loadWithState(arguments.paths, arguments.workspace)
            let plan = try await Self.makePlan(input, context: context, state: state)
            // `--out -`: standard output carries the plan file alone, for a pipe; the plan as
            // people read it goes to standard error.
            let planToStandardOutput = out == "-"
            if let out {
                let file = PlanFile(configPaths: arguments.paths, plan: plan)
                if planToStandardOutput {
                    Terminal.write(String(decoding: try file.encoded(), as: UTF8.self) + "\n")
                } else {
                    try file.write(to: out)
                }
            }
            let humanOutput: Int32 = planToStandardOutput ? 2 : 1
            Terminal.write(PlanOutput.render(plan, format: arguments.format, style: Terminal.style(for: humanOutput)), to: humanOutput)
            if let out, !planToStandardOutput, arguments.format == .text {
                Terminal.write("\nSaved the plan to \(out). Apply it with: vccctl apply \(out)\n")
            }
            if arguments.detailedExitcode, plan.hasChanges { throw ExitCode(2) }
        }
    }

    /// Plans the configuration against the context's state and target; planning errors stop it,
    /// warnings go to standard error with the plan.
    static func makePlan(_ input: ConfigurationInput, context: CommandContext,
                         state: Task<AppliedState?, any Error>? = nil) async throws -> Plan {
        let outcome = try await plan(input, context: context, state: state)
        guard let plan = outcome.plan else { try input.fail(outcome.diagnostics) }
        if !outcome.diagnostics.isEmpty { input.report(outcome.diagnostics) }
        return plan
    }

    /// The planning session's outcome, kept until the process exits (see ParkedUntilExit).
    static func plan(_ input: ConfigurationInput, context: CommandContext,
                     state: Task<AppliedState?, any Error>?) async throws -> PlanningSession.Outcome {
        let session = PlanningSession(remote: try context.remote(for: input.desired), store: context.store, environment: context.environment)
        let outcome = try await session.plan(input.desired, state: state, newStateSalt: Array(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }))
        ParkedUntilExit.park(outcome)
        ParkedUntilExit.park(input.desired)
        return outcome
    }
}
