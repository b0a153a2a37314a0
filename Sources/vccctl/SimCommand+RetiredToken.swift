import ArgumentParser
import Foundation
import OrgSimulator

/// `vccctl sim set-retired-token` and `clear-retired-token`: the plaintext token an old package
/// version left in a settings record's retired field (the `plaintext-token` drift class).
extension SimCommand {
    struct SetRetiredToken: AsyncParsableCommand {
        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(
            abstract: "Put a plaintext API token into a record's retired token field, as an old package version left it.",
            discussion: """
                The token is read from the environment variable that --from-env names, never from \
                the command line, so that it stays out of shell history and process listings.
                """)
        @Option(help: "The org.") var org: String
        @OptionGroup var owner: OwnerOptions
        @Option(help: ArgumentHelp("The environment variable that holds the token.", valueName: "VAR"))
        var fromEnv: String

        func run() async throws {
            try await Failures.guarded {
                let owner = try owner.owner()
                try data.openSimulator().setRetiredToken(org: org, owner: owner, token: try token())
                Terminal.write("The record of \(owner) in '\(org)' now holds the token of \(fromEnv) in its retired field.\n")
            }
        }

        /// The token; an unset or empty variable is an error that names the variable, not a value.
        private func token() throws -> String {
            guard let token = ProcessInfo.processInfo.environment[fromEnv] else {
                throw CommandFailure(message: "environment variable \(fromEnv) is not set",
                                     notes: ["export the token in \(fromEnv), then run this again"])
            }
            guard !token.isEmpty else { throw CommandFailure(message: "environment variable \(fromEnv) is empty") }
            return token
        }
    }

    struct ClearRetiredToken: AsyncParsableCommand {

        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(abstract: "Empty a record's retired token field.")
        @Option(help: "The org.") var org: String
        @OptionGroup var owner: OwnerOptions

        func run() async throws {
            try await Failures.guarded {
                let owner = try owner.owner()
                try data.openSimulator().clearRetiredToken(org: org, owner: owner)
                Terminal.write("Cleared the retired token field of the record of \(owner) in '\(org)'.\n")
            }
        }
    }
}
