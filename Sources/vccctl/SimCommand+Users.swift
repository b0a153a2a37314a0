import ArgumentParser
import OrgSimulator

/// `vccctl sim rename-user`, `deactivate-user` and `activate-user`: an admin editing an existing
/// user in Setup (the `owner-changed` and `inactive-user` drift classes).
extension SimCommand {
    /// Which user: `--org ORG --user USERNAME`.
    struct UserOptions: ParsableArguments {
        @Option(help: "The org.") var org: String
        @Option(help: "The user's current username.") var user: String
    }

    struct RenameUser: AsyncParsableCommand {

        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(
            abstract: "Change a user's username (the user, its Id and its records stay).")
        @OptionGroup var target: UserOptions
        @Option(help: "The new username.") var to: String

        func run() async throws {
            try await Failures.guarded {
                let id = try data.openSimulator().renameUser(org: target.org, from: target.user, to: to)
                Terminal.write("Renamed user \(target.user) (\(id)) of '\(target.org)' to \(to).\n")
            }
        }
    }

    struct DeactivateUser: AsyncParsableCommand {

        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(
            abstract: "Deactivate a user (records stay, but reach nobody; the user cannot log in).")
        @OptionGroup var target: UserOptions
        func run() async throws { try await SimCommand.setActive(target, false, data: data) }
    }

    struct ActivateUser: AsyncParsableCommand {

        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(abstract: "Reactivate a user.")
        @OptionGroup var target: UserOptions
        func run() async throws { try await SimCommand.setActive(target, true, data: data) }
    }

    /// Both directions in one place; a user already in the asked state is no error, but is said.
    private static func setActive(_ target: UserOptions, _ active: Bool, data: DataOptions) async throws {
        try await Failures.guarded {
            let wasActive = try data.openSimulator().setUserActive(org: target.org, username: target.user, active: active)
            let state = active ? "active" : "inactive"
            Terminal.write(wasActive == active
                ? "User \(target.user) of '\(target.org)' was already \(state).\n"
                : "User \(target.user) of '\(target.org)' is now \(state).\n")
        }
    }
}
