import ArgumentParser
import Foundation
import Reconciler
import Views

/// `vccctl state …`: look at and repair the state.
struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state", abstract: "Inspect the state: resources, history, the lock.",
        subcommands: [List.self, Show.self, History.self, Unlock.self, Migrate.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the addresses of the managed resources.")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func validate() throws {
            if format == .markdown { throw ValidationError("state list writes text or json") }
        }

        func run() async throws {
            try await Failures.guarded {
                let context = try CommandContext.make(workspace)
                // No state is an answer, not an error: nothing is managed yet.
                let state = try await context.store.load()
                let addresses = state?.addresses.map(\.description) ?? []
                if format == .json {
                    Terminal.write(StateJSON.list(lineage: state?.lineage, serial: state?.serial, addresses: addresses))
                } else {
                    Terminal.write(state == nil ? StateCommand.noState(context) : addresses.map { $0 + "\n" }.joined())
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one resource, or the state's lineage, serial and lock holder.")
        @Argument(help: "A resource address, such as 'setting.prod.org'.") var address: String?
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func validate() throws {
            if format == .markdown { throw ValidationError("state show writes text or json") }
        }

        func run() async throws {
            try await Failures.guarded {
                guard let address else {
                    // The lock may exist before any state does (a first apply killed early).
                    let context = try CommandContext.make(workspace)
                    let lock = try await context.store.currentLock()
                    let state = try await context.store.load()
                    guard state != nil || lock != nil else { _ = try await StateCommand.load(workspace); return }
                    if format == .json { return Terminal.write(StateJSON.summary(state, lock: lock)) }
                    var text = state.map { "lineage: \($0.lineage)\nserial: \($0.serial)\nresources: \($0.count)\n" }
                        ?? "no state yet\n"
                    text += "lock: " + (lock.map { StateLockError.describe($0, quote: "`") } ?? "none") + "\n"
                    Terminal.write(text)
                    return
                }
                let state = try await StateCommand.load(workspace)
                guard let parsed = ResourceAddress(address), let resource = state[parsed] else {
                    throw CommandFailure(message: "no resource \(address) in state", notes: ["'vccctl state list' lists them"])
                }
                Terminal.write(format == .json ? StateJSON.resource(parsed, resource) : StateText.resource(parsed, resource))
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show past applies: who, when, what.",
            discussion: """
                Status: succeeded, failed, pending (a link waits for consent), running, or \
                interrupted (killed or crashed before it finished; what it applied is in state). \
                A killed apply reads running until the next apply takes the lock or \
                'vccctl state unlock' frees it.
                """)
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "How many applies.") var limit = 20
        @Option(help: "Output format: text, json or markdown.") var format: OutputFormat = .text

        func run() async throws {
            try await Failures.guarded {
                let context = try CommandContext.make(workspace)
                let records = try await context.store.history(limit: limit)
                var nothing = false
                if format == .text && records.isEmpty { nothing = try await context.state.holdsNothing() }
                switch format {
                case .text where nothing:
                    Terminal.write(StateCommand.noState(context))
                case .text: Terminal.write(StateText.history(records))
                case .json: Terminal.write(StateJSON.history(records))
                case .markdown: Terminal.write(StateMarkdown.history(records))
                }
            }
        }
    }

    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Free a stale state lock by its id.")
        @Argument(help: "The lock id, as the lock error or 'vccctl state show' names it.") var id: String
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await Failures.guarded {
                let context = try CommandContext.make(workspace)
                try await context.store.unlock(id: id)
                Terminal.write("Unlocked \(id).\n")
            }
        }
    }

    /// The line `state list` and `state history` print when there is no state at all.
    static func noState(_ context: CommandContext) -> String {
        context.state.noStateLine
    }

    static func load(_ workspace: WorkspaceOptions) async throws -> AppliedState {
        let context = try CommandContext.make(workspace)
        guard let state = try await context.store.load() else {
            throw CommandFailure(message: "there is no state yet", notes: ["'vccctl apply' creates it"])
        }
        return state
    }
}
