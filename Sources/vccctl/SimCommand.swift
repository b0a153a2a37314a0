import ArgumentParser
import Foundation
import OrgSimulator
import Targets

/// `vccctl sim …`: act on the embedded org as an admin clicking in Salesforce setup or the VCC
/// Admin Portal would. This is how demos and tests make out-of-band changes.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim", abstract: "Act on the embedded org and VCC as an admin would (out of band).",
        subcommands: [Seed.self, Show.self, SetSetting.self, DeleteSetting.self, ClearToken.self,
                      SetRetiredToken.self, ClearRetiredToken.self, Unlink.self, Legacy.self, Consent.self,
                      AddProfile.self, AddUser.self, RenameUser.self, DeactivateUser.self, ActivateUser.self, SetUser.self,
                      APIUsage.self, SetAPILimit.self, ExpireSessions.self])

    /// `--data DIR`: act on `DIR/org.sqlite` (the emulator's org) instead of the workspace's.
    struct DataOptions: ParsableArguments {
        @Option(name: .customLong("data"), help: ArgumentHelp("Act on DIR/org.sqlite (e.g. the emulator's data directory).", valueName: "DIR"))
        var directory: String?

        func openSimulator() throws -> OrgSimulator {
            guard let directory else { return try CommandContext.openSimulator() }
            return try OrgSimulator(path: directory + "/org.sqlite")
        }
    }

    /// Which record: `--org-default`, `--profile NAME` or `--user USERNAME`.
    struct OwnerOptions: ParsableArguments {
        @Flag(help: "The org default record.") var orgDefault = false
        @Option(help: "The record of this profile.") var profile: String?
        @Option(help: "The record of this user.") var user: String?

        func owner() throws -> SettingOwner {
            switch (orgDefault, profile, user) {
            case (true, nil, nil): return .org
            case (false, let name?, nil): return .profile(name)
            case (false, nil, let name?): return .user(name)
            default: throw ValidationError("name one record: --org-default, --profile NAME or --user USERNAME")
            }
        }
    }

    struct Seed: AsyncParsableCommand {

        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(abstract: "Add the orgs, profiles and users of a directory file.")
        @Argument(help: "A directory YAML file (examples ship sim/directory.yaml).") var file: String

        /// `1 org, 3 profiles and 6 users added`, or that nothing was new.
        static func describe(_ summary: SeedSummary) -> String {
            guard !summary.isEmpty else { return "nothing new, everything in it already exists" }
            func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
            return "\(count(summary.orgsAdded, "org")), \(count(summary.profilesAdded, "profile")) and "
                + "\(count(summary.usersAdded, "user")) added"
        }
        func run() async throws {
            try await Failures.guarded {
                let summary = try data.openSimulator().seed(try DirectorySeedFile.load(path: file))
                Terminal.write("Seeded the embedded org from \(file): \(Self.describe(summary)).\n")
            }
        }
    }

    struct Show: AsyncParsableCommand {

        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(abstract: "Show what the embedded org and VCC hold (never a token).")
        func run() async throws {
            try await Failures.guarded {
                Terminal.write(try SimSnapshotJSON(try data.openSimulator().snapshot()).rendered())
            }
        }
    }

    struct SetSetting: AsyncParsableCommand {

        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(abstract: "Create or change a settings record's account key.")
        @Option(help: "The org.") var org: String
        @OptionGroup var owner: OwnerOptions
        @Option(help: "The account key to set.") var key: String
        func run() async throws {
            try await Failures.guarded {
                let record = try data.openSimulator().setSetting(org: org, owner: try owner.owner(), clientId: key)
                Terminal.write("Record \(record.id) of \(try owner.owner()) in '\(org)' now carries \(key).\n")
            }
        }
    }

    struct DeleteSetting: AsyncParsableCommand {

        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(abstract: "Delete a settings record.")
        @Option(help: "The org.") var org: String
        @OptionGroup var owner: OwnerOptions
        func run() async throws {
            try await Failures.guarded {
                try data.openSimulator().deleteSetting(org: org, owner: try owner.owner())
                Terminal.write("Deleted the record of \(try owner.owner()) in '\(org)'.\n")
            }
        }
    }

    struct ClearToken: AsyncParsableCommand {

        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(abstract: "Clear the stored API token of an account key.")
        @Option(help: "The org.") var org: String
        @Option(help: "The account key (Client ID).") var key: String
        func run() async throws {
            try await Failures.guarded {
                try data.openSimulator().clearToken(org: org, clientId: key)
                Terminal.write("Cleared the token of \(key) in '\(org)'.\n")
            }
        }
    }

    struct Unlink: AsyncParsableCommand {

        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(abstract: "Unlink a VCC account from Salesforce.")
        @Option(help: "The account key.") var account: String
        func run() async throws {
            try await Failures.guarded {
                _ = try data.openSimulator().unlink(key: account)
                Terminal.write("Unlinked \(account).\n")
            }
        }
    }

    struct Legacy: AsyncParsableCommand {

        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(abstract: "Mark a link as Legacy (linked by an older method).")
        @Option(help: "The account key.") var account: String
        func run() async throws {
            try await Failures.guarded {
                _ = try data.openSimulator().markLegacy(key: account)
                Terminal.write("Marked the link of \(account) Legacy.\n")
            }
        }
    }

    struct Consent: AsyncParsableCommand {

        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(
            abstract: "Give the consent of a pending link (log in and press Allow).")
        @Option(help: "The account key.") var account: String
        @Option(name: .customLong("as"), help: "Who logs in; default: the API user the link waits for.") var user: String?
        func run() async throws {
            try await Failures.guarded {
                let simulator = try data.openSimulator()
                let pending = try simulator.linkStatus(key: account)
                guard let username = user ?? pending.pendingUsername else {
                    throw CommandFailure(message: "account \(account) has no link waiting for consent")
                }
                let link = try simulator.giveConsent(key: account, as: username)
                Terminal.write("\(account) is now linked to '\(link.linkedOrg ?? "")' (consent given by \(username)).\n")
            }
        }
    }

    struct AddProfile: AsyncParsableCommand {

        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(abstract: "Add a profile to an org.")
        @Option(help: "The org.") var org: String
        @Argument(help: "The profile name.") var name: String
        func run() async throws {
            try await Failures.guarded {
                let id = try data.openSimulator().addProfile(org: org, name: name)
                Terminal.write("Added profile \(name) (\(id)) to '\(org)'.\n")
            }
        }
    }

    struct AddUser: AsyncParsableCommand {

        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(abstract: "Add a user to an org.")
        @Option(help: "The org.") var org: String
        @Argument(help: "The username.") var username: String
        @Option(help: "The user's profile.") var profile: String
        @Flag(help: "API Only user.") var apiOnly = false
        @Flag(help: "Has the ContactWorld API user permission set.") var apiUserPermissionSet = false
        @Flag(help: "Inactive user.") var inactive = false
        @Flag(help: "Must pass MFA to log in to the UI.") var mfa = false
        func run() async throws {
            try await Failures.guarded {
                let id = try data.openSimulator().addUser(org: org, UserSeed(
                    username: username, profile: profile, isActive: !inactive, isApiOnly: apiOnly,
                    hasApiUserPermissionSet: apiUserPermissionSet, mfaRequired: mfa))
                Terminal.write("Added user \(username) (\(id)) to '\(org)'.\n")
            }
        }
    }
}
