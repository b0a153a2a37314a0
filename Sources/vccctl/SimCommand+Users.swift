import ArgumentParser
import OrgSimulator

/// `vccctl sim rename-user`, `deactivate-user`, `activate-user` and `set-user`: an admin editing
/// an existing user in Setup (the `owner-changed` and `inactive-user` drift classes, and what the
/// plan checks of an API user).
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

    struct SetUser: AsyncParsableCommand {

        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(
            abstract: "Change what an API user depends on: active, API Only, the ContactWorld API user permission set, MFA.",
            discussion: "Flags not given stay as they are. Prints the user's flags after the change.")
        @OptionGroup var target: UserOptions
        @Option(help: ArgumentHelp("Active (can log in).", valueName: "true|false")) var active: Bool?
        @Option(help: ArgumentHelp("API Only User (exempt from MFA for UI logins).", valueName: "true|false")) var apiOnly: Bool?
        @Option(help: ArgumentHelp("Holds the ContactWorld API user permission set (NVMContactWorld__API_user).", valueName: "true|false"))
        var apiUserPermissionSet: Bool?
        @Option(help: ArgumentHelp("Must pass MFA to log in to the UI.", valueName: "true|false")) var mfa: Bool?

        func validate() throws {
            if active == nil, apiOnly == nil, apiUserPermissionSet == nil, mfa == nil {
                throw ValidationError("give at least one of --active, --api-only, --api-user-permission-set, --mfa")
            }
        }

        func run() async throws {
            try await Failures.guarded {
                let user = try data.openSimulator().setUserFlags(
                    org: target.org, username: target.user, isActive: active, isApiOnly: apiOnly,
                    hasApiUserPermissionSet: apiUserPermissionSet, mfaRequired: mfa)
                Terminal.write("User \(target.user) of '\(target.org)': active \(user.isActive), API only \(user.isApiOnly), "
                    + "ContactWorld API user permission set \(user.hasApiUserPermissionSet), MFA \(user.mfaRequired).\n")
            }
        }
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
