import Foundation
import Testing
import TestSupport

/// Every plan checks the declared API user in its org, on the embedded org and through the REST
/// target (where the facts come from SOQL): errors stop the plan (exit 1), a warning leaves it
/// standing; each finding is located at the link's apiUser in the configuration.
@Suite(.serialized) struct APIUserCheckTests {
    static let apiUser = "vcc-api@acme.example"
    static let userOptions = ["--org", "prod", "--user", apiUser]

    /// `vccctl.yaml:LINE:COLUMN` of the first link's apiUser value.
    static func apiUserLocation(_ workspace: EndToEndWorkspace) throws -> String {
        let lines = try String(contentsOfFile: workspace.configPath, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let index = try #require(lines.firstIndex { $0.contains("apiUser: \(apiUser)") })
        let column = try #require(lines[index].range(of: "apiUser: ")).upperBound.utf16Offset(in: lines[index]) + 1
        return "vccctl.yaml:\(index + 1):\(column)"
    }

    /// Runs the checks against `connection` (empty: the embedded org), changing the user in the
    /// org behind it through `sim set-user` (`data`: the emulator's data directory).
    func checks(_ workspace: EndToEndWorkspace, connection: [String] = [], data: [String] = []) throws {
        let location = try Self.apiUserLocation(workspace)
        let clean = try workspace.expect(["plan"] + connection, status: 0)
        #expect(!clean.stderr.contains("API user"), "\(clean.stderr)")

        // Not API Only and MFA required: a warning; the plan stands.
        let set = try workspace.expect(["sim", "set-user"] + data + Self.userOptions + ["--api-only", "false", "--mfa", "true"], status: 0)
        #expect(set.stdout.contains("API only false") && set.stdout.contains("MFA true"), "\(set.stdout)")
        let warned = try workspace.expect(["plan"] + connection, status: 0)
        #expect(warned.stderr.contains("\(location): warning: API user '\(Self.apiUser)' in org 'prod' must pass MFA"), "\(warned.stderr)")
        #expect(warned.stderr.contains("since 1 Feb 2022 Salesforce requires MFA for UI logins except for API-only users"))
        #expect(warned.stderr.contains("note: make it API Only"), "\(warned.stderr)")
        #expect(warned.stdout.contains("vccctl will perform the following actions") || warned.stdout.contains("No changes."))
        try workspace.expect(["sim", "set-user"] + data + Self.userOptions + ["--mfa", "false"], status: 0)
        let notAPIOnly = try workspace.expect(["plan"] + connection, status: 0)
        #expect(notAPIOnly.stderr.contains("\(location): warning: API user '\(Self.apiUser)' in org 'prod' is not API Only"),
                "\(notAPIOnly.stderr)")
        try workspace.expect(["sim", "set-user"] + data + Self.userOptions + ["--api-only", "true"], status: 0)

        // Without the permission set, and inactive: errors; no plan.
        try workspace.expect(["sim", "set-user"] + data + Self.userOptions + ["--api-user-permission-set", "false"], status: 0)
        let missingSet = try workspace.expect(["plan"] + connection, status: 1)
        #expect(missingSet.stderr.contains("\(location): error: API user '\(Self.apiUser)' in org 'prod' lacks the permission set NVMContactWorld__API_user"),
                "\(missingSet.stderr)")
        #expect(missingSet.stderr.contains("cannot plan: 1 problem above"), "\(missingSet.stderr)")
        #expect(!missingSet.stdout.contains("Plan:"), "\(missingSet.stdout)")
        try workspace.expect(["sim", "set-user"] + data + Self.userOptions + ["--api-user-permission-set", "true", "--active", "false"],
                             status: 0)
        let inactive = try workspace.expect(["plan"] + connection, status: 1)
        #expect(inactive.stderr.contains("\(location): error: API user '\(Self.apiUser)' is inactive in org 'prod'"), "\(inactive.stderr)")
        try workspace.expect(["sim", "set-user"] + data + Self.userOptions + ["--active", "true"], status: 0)
        try workspace.expect(["plan"] + connection, status: 0)

        // A misspelt user: an error that suggests the one the org has.
        try workspace.editConfig { $0.replacingOccurrences(of: "apiUser: \(Self.apiUser)", with: "apiUser: vcc-api@acme.exmple") }
        let missing = try workspace.expect(["plan"] + connection, status: 1)
        #expect(missing.stderr.contains("\(location): error: API user 'vcc-api@acme.exmple' does not exist in org 'prod'"),
                "\(missing.stderr)")
        #expect(missing.stderr.contains("did you mean '\(Self.apiUser)'?"), "\(missing.stderr)")
    }

    @Test func theEmbeddedOrgsAPIUserIsCheckedInEveryPlan() throws {
        let workspace = try EndToEndWorkspace.quickstart()
        defer { workspace.remove() }
        try checks(workspace)
        // The flags need an existing user and at least one flag.
        try workspace.expect(["sim", "set-user", "--org", "prod", "--user", "nobody@acme.example", "--mfa", "true"], status: 1)
        try workspace.expect(["sim", "set-user"] + Self.userOptions, status: 64)
    }

    @Test func throughTheRESTTargetTheFactsComeFromSOQL() throws {
        let workspace = try EndToEndWorkspace.quickstart()
        defer { workspace.remove() }
        let emulator = try EmulatorFixture(workspace)
        defer { emulator.stop() }
        try checks(workspace, connection: emulator.connection, data: ["--data", emulator.data])
    }
}
