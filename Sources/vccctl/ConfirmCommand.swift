import ArgumentParser
import Foundation
import Reconciler
import VCCModel
import Views

/// `vccctl confirm ADDRESS...`: records that a person did secret or link changes by hand, on a
/// target whose VCC side vccctl cannot reach (manual steps).
struct ConfirmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm",
        abstract: "Record that a person did the printed steps of secret or link changes.",
        discussion: """
            Where vccctl cannot reach VCC (a real org without a 'vcc' admin endpoint), apply prints \
            the steps of each secret and link change and leaves it pending. Once a person did them, \
            'vccctl confirm ADDRESS...' records it: for a token, the fingerprint of the current value \
            of its environment variable (so a rotated value is planned again); for a link, the \
            declared org, environment and API user. Who and when go into the state history. \
            Example: vccctl confirm 'secret.prod["ACME-EU-01"]' 'link["ACME-EU-01"]'
            """)

    @Argument(help: ArgumentHelp("Addresses as plans print them: secret.ORG[\"KEY\"] or link[\"KEY\"].", valueName: "address"))
    var addresses: [String]

    @Option(name: .customLong("config"), help: ArgumentHelp("Configuration files or directories (repeatable); default: the current directory.",
                                                            valueName: "path"))
    var configPaths: [String] = []

    @Option(help: ArgumentHelp("Who did the steps, for the history; default: the login name.", valueName: "name"))
    var by: String?

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if addresses.isEmpty { throw ValidationError("name at least one address, such as 'secret.prod[\"ACME-EU-01\"]'") }
        if format == .markdown { throw ValidationError("confirm writes text or json") }
        if let by, by.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--by takes a name") }
    }

    func run() async throws {
        try await Failures.guarded {
            let parsed = try addresses.map(Self.parse)
            let input = try ConfigurationInput.load(configPaths)
            let context = try CommandContext.make(workspace)
            try Self.requireManualTarget(context.connection)
            let holder = CommandContext.holder(command: (["vccctl", "confirm"] + addresses).joined(separator: " "))
            let who = by ?? holder.who
            let session = ConfirmSession(store: context.store, environment: context.environment, who: who, host: holder.host,
                                         clock: { Date().timeIntervalSince1970 })
            let results: [ConfirmSession.Result]
            do {
                results = try await context.withStateLock(command: holder.command) { held in
                    try await session.confirm(parsed, desired: input.desired, lockID: held.id)
                }
            } catch let refusal as ConfirmRefusal {
                throw CommandFailure(message: refusal.description, notes: Self.notes(for: refusal))
            }
            Terminal.write(ConfirmReport.render(results, by: who, format: format == .json ? .json : .text, style: context.style))
        }
    }

    static func parse(_ text: String) throws -> ResourceAddress {
        guard let address = ResourceAddress(text) else {
            throw CommandFailure(message: "'\(TerminalText.escaped(text))' is not an address",
                                 notes: ["write it as plans print it, quoted for the shell: 'secret.prod[\"ACME-EU-01\"]' or 'link[\"ACME-EU-01\"]'"])
        }
        return address
    }

    /// Confirming is for targets whose VCC side vccctl cannot read: elsewhere the next plan reads
    /// the truth, and a person's word would only hide it.
    static func requireManualTarget(_ connection: ConnectionSettings) throws {
        guard connection.target == .salesforce, connection.vcc == nil else {
            throw CommandFailure(message: "this target reads VCC itself, so there is nothing to confirm",
                                 notes: ["run 'vccctl plan': it reads secrets and links and shows what is left",
                                         "confirm is for 'target: salesforce' without a 'vcc' admin endpoint, where a person does the steps"])
        }
    }

    static func notes(for refusal: ConfirmRefusal) -> [String] {
        switch refusal {
        case .noState: ["run 'vccctl apply' first: it creates the state and prints the steps to do"]
        case .notConfirmable: ["name secrets and links only: secret.ORG[\"KEY\"] or link[\"KEY\"]"]
        case .undeclared: ["confirm only what the configuration declares; pass it with --config PATH"]
        case .tokenUnset(_, let variable): ["export \(variable) with the token the person stored, then confirm again"]
        }
    }
}
