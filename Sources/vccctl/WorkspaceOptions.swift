import ArgumentParser

/// Where vccctl keeps its state and which target it talks to; shared by every command that
/// reads or writes them.
struct WorkspaceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("State location: a SQLite file path or sqlite:PATH (env VCCCTL_STATE).",
                               valueName: "url"))
    var state: String?

    @Option(help: ArgumentHelp("Connection settings file (env VCCCTL_CONNECTION); default: the embedded org.",
                               valueName: "file"))
    var connection: String?

    @Option(help: "Seconds to wait for the state lock before failing.")
    var lockTimeout: Double = 30
}
