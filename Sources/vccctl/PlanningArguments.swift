import ArgumentParser

/// What `plan` and `drift` both take: the configuration, the workspace, the report format and
/// whether findings change the exit status.
struct PlanningArguments: ParsableArguments {
    @Argument(help: "Configuration files or directories (default: the current directory).")
    var paths: [String] = []

    @OptionGroup var workspace: WorkspaceOptions

    @Flag(help: "Exit 2 when there are changes (plan) or drift (drift).")
    var detailedExitcode = false

    @Option(help: "Output format: text, json or markdown.")
    var format: OutputFormat = .text
}
