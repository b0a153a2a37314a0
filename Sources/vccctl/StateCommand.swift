import ArgumentParser
import Foundation
import Reconciler
import Views

/// `vccctl state …`: look at and repair the state.
struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state", abstract: "Inspect the state: resources, history, the lock.",
        subcommands: [List.self, Show.self, History.self, Unlock.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the addresses of the managed resources.")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws {
            try await Failures.guarded {
                let state = try await StateCommand.load(workspace)
                let addresses = state.resources.keys.sorted().map(\.description)
                Terminal.write(format == .json
                    ? StateJSON.list(lineage: state.lineage, serial: state.serial, addresses: addresses)
                    : addresses.map { $0 + "\n" }.joined())
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one resource, or the state's lineage and serial.")
        @Argument(help: "A resource address, such as 'setting.prod.org'.") var address: String?
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await Failures.guarded {
                let state = try await StateCommand.load(workspace)
                guard let address else {
                    Terminal.write("lineage: \(state.lineage)\nserial: \(state.serial)\nresources: \(state.resources.count)\n")
                    return
                }
                guard let parsed = ResourceAddress(address), let resource = state.resources[parsed] else {
                    throw CommandFailure(message: "no resource \(address) in state", notes: ["'vccctl state list' lists them"])
                }
                Terminal.write("# \(parsed)\n" + StateJSON.describe(resource))
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show past applies: who, when, what.")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "How many applies.") var limit = 20
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func run() async throws {
            try await Failures.guarded {
                let context = try CommandContext.make(workspace)
                let records = try await context.store.history(limit: limit)
                Terminal.write(format == .json ? StateJSON.history(records) : StateText.history(records))
            }
        }
    }

    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Free a stale state lock by its id.")
        @Argument(help: "The lock id, as the lock error or 'vccctl state show-lock' names it.") var id: String
        @OptionGroup var workspace: WorkspaceOptions

        func run() async throws {
            try await Failures.guarded {
                let context = try CommandContext.make(workspace)
                try await context.store.unlock(id: id)
                Terminal.write("Unlocked \(id).\n")
            }
        }
    }

    static func load(_ workspace: WorkspaceOptions) async throws -> AppliedState {
        let context = try CommandContext.make(workspace)
        guard let state = try await context.store.load() else {
            throw CommandFailure(message: "there is no state yet", notes: ["'vccctl apply' creates it"])
        }
        return state
    }
}
