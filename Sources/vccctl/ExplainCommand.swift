import ArgumentParser
import Reconciler
import VCCModel
import Views

/// `vccctl explain user USERNAME --org ORG`: which key a user gets, and from which record.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Explain how the settings hierarchy resolves.",
        subcommands: [User.self])

    struct User: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The account key a user effectively gets: own record, else profile's, else the org default.")

        @Argument(help: "The Salesforce username.") var username: String
        @Option(help: "The org (its name in the configuration); optional when it declares one org.") var org: String?
        @Argument(help: "Configuration files or directories, to show what the user will get after apply.")
        var paths: [String] = []
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "Output format: text or json.") var format: OutputFormat = .text

        func validate() throws {
            if format == .markdown { throw ValidationError("explain writes text or json") }
        }

        func run() async throws {
            try await Failures.guarded {
                let desired = try ConfigurationInput.load(paths).desired
                let org = try Self.resolveOrg(self.org, declared: desired.orgs.keys.sorted())
                let context = try CommandContext.make(workspace)
                // The org's records, and this one user's owner: nothing else needs resolving.
                let observed = try await context.remote(for: Array(desired.orgs.values)).target.refresh(RefreshRequest(
                    orgs: desired.orgs.values.filter { $0.name == org }, extra: [org: [.user(username)]], accountKeys: []))
                guard let orgState = observed.orgs[org] else { throw CommandFailure(message: "org '\(org)' was not read") }
                guard let user = orgState.owner(of: .user(username)) else {
                    throw CommandFailure(message: "user \(username) does not exist in org '\(org)'")
                }
                let now = EffectiveKey.observed(user: username, in: orgState)
                let later = EffectiveKey.declared(user: username, profile: user.profileName,
                                                  in: DesiredSettings(desired)[org])
                Terminal.write(ExplainReport.render(username: username, profile: user.profileName, org: org, now: now,
                                                    configured: later, format: format == .json ? .json : .text))
            }
        }

        /// The org asked for, or the only one the configuration declares.
        static func resolveOrg(_ asked: String?, declared: [String]) throws -> String {
            if let asked {
                guard declared.contains(asked) else {
                    throw CommandFailure(message: "org '\(asked)' is not declared in the configuration",
                                         notes: ["it declares: " + declared.joined(separator: ", ")])
                }
                return asked
            }
            guard declared.count == 1, let only = declared.first else {
                throw CommandFailure(message: "name the org with --org: the configuration declares \(declared.count) orgs",
                                     notes: ["it declares: " + declared.joined(separator: ", ")])
            }
            return only
        }
    }
}
