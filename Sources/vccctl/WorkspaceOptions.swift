import ArgumentParser

/// Where vccctl keeps its state and which target it talks to; shared by every command that
/// reads or writes them.
struct WorkspaceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("State location: a SQLite file path, sqlite:PATH or a postgres:// URL without password (env VCCCTL_STATE).",
                               valueName: "url"))
    var state: String?

    @Option(help: ArgumentHelp("Connection settings file (env VCCCTL_CONNECTION); default: the embedded org.",
                               valueName: "file"))
    var connection: String?

    // Unconditional: `--lock-timeout -1` reaches `validate`, which says what is wrong, instead
    // of ArgumentParser reading "-1" as a flag and reporting a missing value.
    @Option(parsing: .unconditional, help: "Seconds to wait for the state lock before failing.")
    var lockTimeout: Double = 30

    func validate() throws {
        guard lockTimeout >= 0, lockTimeout.isFinite else {
            throw ValidationError("--lock-timeout takes a number of seconds, 0 or more (0: fail at once when the lock is held)")
        }
    }
}
