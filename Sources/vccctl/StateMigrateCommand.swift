import ArgumentParser
import Foundation
import Reconciler
import VCCModel

extension StateCommand {
    /// `vccctl state migrate --from LOCATION --to LOCATION [--force]`: moves a state with its
    /// history and lineage between SQLite and PostgreSQL (either way). The work is
    /// `StateMigration.copy`; this reads the locations and prints what was moved.
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a state with its history between SQLite and PostgreSQL.",
            discussion: """
                Both states are locked for the whole copy. The target must hold nothing unless \
                --force; the copy is read back and compared before the locks are freed. A URL that \
                needs a password takes it from PGPASSWORD, or comes whole from VCCCTL_STATE_FROM or \
                VCCCTL_STATE_TO.
                """)
        @Option(help: ArgumentHelp("The state to copy: a path, sqlite:PATH or postgres:// URL (env VCCCTL_STATE_FROM).",
                                   valueName: "location"))
        var from: String?
        @Option(help: ArgumentHelp("Where to copy it (env VCCCTL_STATE_TO).", valueName: "location"))
        var to: String?
        @Flag(help: "Replace whatever the target holds.") var force = false
        @Option(parsing: .unconditional, help: "Seconds to wait for each state lock before failing.")
        var lockTimeout: Double = 30

        func validate() throws {
            guard lockTimeout >= 0, lockTimeout.isFinite else {
                throw ValidationError("--lock-timeout takes a number of seconds, 0 or more")
            }
        }

        func run() async throws {
            try await Failures.guarded {
                let environment = ProcessInfo.processInfo.environment
                let source = try Self.open(from, variable: "VCCCTL_STATE_FROM", flag: "--from", environment: environment)
                let target = try Self.open(to, variable: "VCCCTL_STATE_TO", flag: "--to", environment: environment)
                guard source.name != target.name else {
                    throw CommandFailure(message: "--from and --to name the same state (\(source.name))")
                }
                guard let replacing = target.store as? any StateSnapshotReplacing else {
                    throw CommandFailure(message: "\(target.name) cannot receive a migrated state")
                }
                let report = try await StateMigration.copy(
                    from: source.store, named: source.name, to: replacing, named: target.name, force: force,
                    holder: CommandContext.holder(command: "vccctl state migrate"), lockTimeout: lockTimeout)
                Terminal.write("Migrated lineage \(report.lineage) (serial \(report.serial), \(report.resources) resources, "
                    + "\(report.applies) history entries) from \(source.name) to \(target.name); the copy was verified.\n")
            }
        }

        private static func open(_ text: String?, variable: String, flag: String,
                                 environment: [String: String]) throws -> StateHandle {
            let fromFlag = text.flatMap { $0.isEmpty ? nil : $0 }
            guard let value = fromFlag ?? environment[variable].flatMap({ $0.isEmpty ? nil : $0 }) else {
                throw CommandFailure(message: "state migrate needs \(flag) (or \(variable))")
            }
            let location: StateLocation
            do {
                location = try StateLocation.parse(value)
            } catch {
                throw CommandFailure(message: "the state location of \(fromFlag != nil ? flag : variable) is not usable: \(error)")
            }
            return try StateHandle.open(location, environment: environment, flag: fromFlag != nil ? flag : nil)
        }
    }
}
