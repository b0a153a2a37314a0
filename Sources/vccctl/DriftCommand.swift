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
            // Drift is read even when a problem would stop a plan (a renamed user, an unset token
            // variable): the nightly job must still see what changed. The problems go to stderr.
            let outcome = try await PlanCommand.plan(input, context: context, state: state)
            if !outcome.diagnostics.isEmpty { input.report(outcome.diagnostics) }
            let reading = APICallEstimate(refresh: outcome.observed.apiCalls, apply: 0, usage: outcome.observed.apiUsage)
            Terminal.write(DriftOutput.render(outcome.drift, reading: reading, format: arguments.format, style: context.style))
            if arguments.detailedExitcode, !outcome.drift.isEmpty { throw ExitCode(2) }
            let errors = outcome.diagnostics.count { $0.severity == .error }
            if errors > 0 {
                throw CommandFailure(message: "the drift above was read, but \(errors) problem\(errors == 1 ? "" : "s") would stop a plan",
                                     notes: ["fix them before the next apply"])
            }
        }
    }
}

enum DriftOutput {
    static func render(_ drift: [DriftFinding], reading: APICallEstimate, format: OutputFormat, style: TerminalStyle) -> String {
        switch format {
        case .text: DriftTextRenderer(style: style).render(drift, reading: reading)
        case .json: DriftJSON.render(drift, reading: reading)
        case .markdown: DriftMarkdown.render(drift, reading: reading)
        }
    }
}
