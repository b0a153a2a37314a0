import ArgumentParser
import Views

/// The `vccctl` command: configuration-as-code for Vonage Contact Center in Salesforce.
@main
struct VCCCTL: AsyncParsableCommand {
    /// Sent to Salesforce as `Sforce-Call-Options: client=vccctl/VERSION`.
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "vccctl",
        abstract: "Configuration-as-code for Vonage Contact Center (VCC) in Salesforce.",
        discussion: """
            Declare account keys, the custom-settings locations that use them, API tokens (by \
            environment variable) and the Salesforce link of each VCC account in YAML; vccctl \
            validates it, plans the changes, applies them and reports drift.

            Exit codes: 0 success, 1 error or invalid input, 2 changes or drift (with --detailed-exitcode), 3 a link waits for consent (apply), 64 usage error.
            """,
        version: version,
        subcommands: [ValidateCommand.self, PlanCommand.self, ApplyCommand.self, DriftCommand.self, ShowCommand.self, ConfirmCommand.self,
                      StateCommand.self, ExplainCommand.self, SimCommand.self, EmulatorCommand.self]
    )

    /// ArgumentParser's own `main`, except that its usage errors read like every other vccctl
    /// error (`error: …` on standard error, the label coloured alike) instead of `Error: …`.
    static func main() async {
        RawArguments.refuseInvalid()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Terminal.write(message + "\n") }
            } else if !message.isEmpty {
                let text = message.hasPrefix("Error: ")
                    ? TerminalStyle.label(Terminal.style(for: 2), "error:") + " " + message.dropFirst("Error: ".count) : message
                Terminal.write(text + "\n", to: 2)
            }
            Terminal.exit(code.rawValue)
        }
    }
}
