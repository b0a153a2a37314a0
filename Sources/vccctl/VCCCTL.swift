import ArgumentParser

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
}
