import ArgumentParser
import Foundation
import Reconciler
import VCCModel
import Views

/// `vccctl apply`: plan and apply, or apply exactly a saved plan.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply the configuration, or exactly a saved plan.",
        discussion: """
            With configuration paths, plans and applies after confirmation (on a terminal) or with \
            --auto-approve. With a plan file from 'vccctl plan --out', applies exactly that plan, \
            or refuses when the state, the configuration, the org or a token moved since. Each \
            change's result is committed to state as it lands. Exit codes: 0 success, 1 error or \
            a failed change, 3 a change waits for a person: a link's consent, or a secret or link \
            step to do by hand and record with 'vccctl confirm' (the steps are printed).
            """)

    static let consentPending: Int32 = 3

    @Argument(help: "Configuration files or directories, or one saved plan file.")
    var paths: [String] = []

    @OptionGroup var workspace: WorkspaceOptions

    @Flag(help: "Apply without asking for confirmation.")
    var autoApprove = false

    @Option(help: "On a terminal, seconds to wait for a link's consent.")
    var consentTimeout: Double = 300

    @Option(help: "Output format of the plan and results: text, json or markdown.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Refuse a plan estimated to cost more API calls, and stop at it.", valueName: "n"))
    var maxApiCalls: Int?

    @Option(help: ArgumentHelp("Refuse a plan whose estimate exceeds the org's remaining daily API calls minus this reserve.",
                               valueName: "n"))
    var apiReserve: Int?

    func validate() throws {
        if let maxApiCalls, maxApiCalls < 0 { throw ValidationError("--max-api-calls takes a number of calls, 0 or more") }
        if let apiReserve, apiReserve < 0 { throw ValidationError("--api-reserve takes a number of calls, 0 or more") }
    }

    func run() async throws {
        try await Failures.guarded {
            let context = try CommandContext.make(workspace)
            // A saved plan's configuration and target are read before the lock creates state.
            let saved = try SavedPlanDetector.planFile(paths).map { file in
                (file: file, desired: try SavedPlanCheck.prepare(file, path: paths[0], context: context))
            }
            // The JSON document comes after the apply: nobody could review the plan they approve.
            if format == .json, saved == nil, !autoApprove {
                throw CommandFailure(message: "apply --format json asks no confirmation",
                                     notes: ["pass --auto-approve, or apply a reviewed plan file: vccctl plan --out FILE; vccctl apply FILE --format json"])
            }
            // Every input is read before the lock is taken: a file that cannot be read (or never
            // ends) keeps nobody else waiting.
            let source: PlanSource = if let saved { .saved(saved.file, saved.desired) } else {
                .configuration(try ConfigurationInput.load(paths))
            }
            // So is the target (the embedded org, the connection's clients), as a saved plan's is:
            // one that cannot be opened leaves no state behind.
            if case .configuration(let input) = source {
                _ = try context.remote(for: input.desired)
            }
            try await context.withStateLock(command: (["vccctl", "apply"] + paths).joined(separator: " ")) { held in
                try await applyLocked(context, source: source, lockID: held.id)
            }
        }
    }

    /// What an apply applies: a reviewed plan file, or a plan made now from the configuration.
    private enum PlanSource {
        case saved(PlanFile, DesiredState)
        case configuration(ConfigurationInput)
    }

    private func applyLocked(_ context: CommandContext, source: PlanSource, lockID: String) async throws {
        let plan: Plan
        var saved = false
        switch source {
        case .saved(let file, let desired):
            saved = true
            plan = try await SavedPlanCheck.verify(file, desired: desired, context: context)
        case .configuration(let input):
            // Under the lock, the state is read as it is now: no other run writes until we are done.
            let state = context.store.loadInBackground()
            plan = try await PlanCommand.makePlan(input, context: context, state: state)
            // JSON is one document, written once the apply is over (below).
            if format != .json { Terminal.write(PlanOutput.render(plan, format: format, style: context.style)) }
            // Recording what is observed as declared changes nothing outside: no question asked.
            if plan.hasChanges { try Confirmation.require(autoApprove: autoApprove) }
        }
        guard plan.writesState else {
            switch format {
            case .json: Terminal.write(ApplyJSON.render(plan, summary: nil))
            // The plan just printed says so itself.
            case .text, .markdown: if saved { Terminal.write("No changes.\n") }
            }
            return
        }
        // Opened by the planning step (or the saved plan's check) for the configuration's orgs.
        let remote = try context.remote(for: [])
        let run = ApplyRun(context: context, remote: remote, plan: plan, lockID: lockID, format: format,
                           budget: APIBudget(maxCalls: maxApiCalls, reserve: apiReserve))
        let summary = try await run.execute()
        if format == .json { Terminal.write(ApplyJSON.render(plan, summary: summary)) }
        // Stopped by a signal: the shell's status for it (what landed is committed, the lock freed).
        if case .stopRequested = summary.stopped, let signal = SignalTrap.receivedSignal {
            throw ExitCode(SignalTrap.exitStatus(signal))
        }
        if summary.stopped != nil || summary.failed > 0 { throw ExitCode(1) }
        if summary.pending > 0 {
            let linked = try await ConsentWait.wait(for: summary, plan: plan, context: context, remote: remote,
                                                   lockID: lockID, timeout: consentTimeout, progressTo: format.progressOutput)
            // Steps a person does by hand stay pending whatever the consents did.
            let manual = summary.outcomes.contains { $0.status == .pending && $0.code != ChangeOutcome.consentRequired }
            if !linked || manual { throw ExitCode(Self.consentPending) }
        }
    }
}
