import ArgumentParser

/// `vccctl show PLANFILE`: print a saved plan.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a saved plan.")

    @Argument(help: "A plan file from 'vccctl plan --out'.")
    var planFile: String

    @Option(help: "Output format: text, json or markdown.")
    var format: OutputFormat = .text

    func run() async throws {
        try await Failures.guarded {
            let file = try PlanFile.read(from: planFile)
            Terminal.write(PlanOutput.render(file.plan, format: format, style: Terminal.style(for: 1)))
        }
    }
}
