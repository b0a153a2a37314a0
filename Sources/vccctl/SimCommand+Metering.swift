import ArgumentParser
import Foundation
import OrgSimulator
import Views

/// `vccctl sim api-usage`, `set-api-limit` and `expire-sessions`: what an admin sees and does
/// about API metering and sessions (the emulator answers from the same database).
extension SimCommand {
    struct APIUsage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "api-usage", abstract: "Show each org's API calls used of its daily allowance.")
        @OptionGroup var data: DataOptions
        @Option(help: "text or json.") var format = "text"

        func run() async throws {
            try await Failures.guarded {
                let report = try data.openSimulator().apiUsageReport()
                switch format {
                case "json":
                    Terminal.write(APIUsageJSON.render(report.map { .init(org: $0.org, used: $0.used, max: $0.max) }))
                case "text":
                    if report.isEmpty { Terminal.write("No orgs.\n") }
                    for usage in report { Terminal.write("\(usage.org): \(usage.used)/\(usage.max) API calls used\n") }
                default:
                    throw CommandFailure(message: "--format must be text or json")
                }
            }
        }
    }

    struct SetAPILimit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-api-limit", abstract: "Set an org's daily API allowance, or reset its used count.")
        @OptionGroup var data: DataOptions
        @Option(help: "The org; default: every org.") var org: String?
        @Option(help: "The daily allowance.") var max: Int?
        @Flag(help: "Set the used count back to zero (a new day).") var reset = false

        func run() async throws {
            try await Failures.guarded {
                guard max != nil || reset else { throw CommandFailure(message: "give --max N, --reset, or both") }
                let simulator = try data.openSimulator()
                let which = org.map { "'\($0)'" } ?? "every org"
                if let max {
                    guard max >= 0 else { throw CommandFailure(message: "--max must not be negative") }
                    try simulator.setDailyAPILimit(max, org: org)
                    Terminal.write("The daily API allowance of \(which) is now \(max).\n")
                }
                if reset {
                    try simulator.resetAPIUsage(org: org)
                    Terminal.write("The API usage of \(which) is back to zero.\n")
                }
            }
        }
    }

    struct ExpireSessions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "expire-sessions", abstract: "End every emulator session: the next call answers 401 INVALID_SESSION_ID.")
        @OptionGroup var data: DataOptions
        @Option(help: "Only this org's sessions.") var org: String?

        func run() async throws {
            try await Failures.guarded {
                let count = try data.openSimulator().expireSessions(org: org)
                Terminal.write("Expired \(count) session\(count == 1 ? "" : "s").\n")
            }
        }
    }
}
