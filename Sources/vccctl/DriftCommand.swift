import ArgumentParser
import Reconciler
import Views

/// `vccctl drift`: what changed outside vccctl. Refresh only; nothing is applied.
struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Report what changed in the org or VCC outside vccctl.",
        discussion: """
            Exit codes: 0 success (with --detailed-exitcode: no drift), 1 error, 2 drift found \
            (with --detailed-exitcode). For the nightly job.
            """)

    @OptionGroup var arguments: PlanningArguments

    func run() async throws {
        try await Failures.guarded {
            let (input, context, state) = try ConfigurationInput.loadWithState(arguments.paths, arguments.workspace)
            let plan = try await PlanCommand.makePlan(input, context: context, state: state)
            Terminal.write(DriftOutput.render(plan, format: arguments.format, style: context.style))
            if arguments.detailedExitcode, !plan.drift.isEmpty { throw ExitCode(2) }
        }
    }
}

enum DriftOutput {
    static func render(_ plan: Plan, format: OutputFormat, style: TerminalStyle) -> String {
        switch format {
        case .text: DriftTextRenderer(style: style).render(plan.drift)
        case .json: DriftJSON.render(plan.drift)
        case .markdown: DriftMarkdown.render(plan.drift)
        }
    }
}
