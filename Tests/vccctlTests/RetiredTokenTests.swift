import Foundation
import Testing
import TestSupport

/// A plaintext token left in the retired settings field (`sim set-retired-token`) is drift of
/// class plaintext-token at its location, and a planned migration: apply stores the declared
/// token of the record's key in Secrets Management, then clears the field. The token shows up
/// nowhere vccctl writes: no output, no state file, no plan file.
@Suite struct RetiredTokenTests {
    static let location = "setting.prod.profile[\"Support Agent\"]"
    static let owner = ["--org", "prod", "--profile", "Support Agent"]

    /// The settings record of Support Agent as `sim show` reports it.
    static func supportAgentRecord(_ workspace: EndToEndWorkspace, data: String? = nil) throws -> [String: Any] {
        let orgs = try #require(try workspace.orgSnapshot(data: data)["orgs"] as? [[String: Any]])
        let settings = try #require(orgs.first?["settings"] as? [[String: Any]])
        return try #require(settings.first {
            let owner = $0["owner"] as? [String: Any]
            return owner?["kind"] as? String == "profile" && owner?["name"] as? String == "Support Agent"
        })
    }

    @Test func aRetiredTokenIsMovedIntoSecretsManagementAndNeverLeaks() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        let canary = "CANARY-retired-" + UUID().uuidString.lowercased()
        let transcript = SecretsNeverLeakTests.Transcript()
        func run(_ arguments: [String], _ status: Int32, environment: [String: String] = [:]) throws -> CommandRunner.Result {
            let result = try workspace.expect(arguments, status: status, environment: environment)
            transcript.record(arguments, result)
            return result
        }
        // An older package left the record of Support Agent with its token in the retired field.
        _ = try run(["sim", "set-setting"] + Self.owner + ["--key", "ACME-EU-01"], 0)
        let set = try run(["sim", "set-retired-token"] + Self.owner + ["--from-env", "OLD_TOKEN"], 0,
                          environment: ["OLD_TOKEN": canary])
        #expect(set.stdout.contains("OLD_TOKEN"), "\(set.stdout)")
        // The embedded org does hold the token (so the scans below look for something real).
        #expect(try workspace.workspaceFiles().contains { $0.name.hasPrefix("org.sqlite") && $0.bytes.range(of: Data(canary.utf8)) != nil },
                "the canary is not in the embedded org: set-retired-token stored something else")

        let drift = try run(["drift", "--detailed-exitcode"], 2)
        #expect(drift.stdout.contains("! \(Self.location) [plaintext-token]"), "\(drift.stdout)")
        #expect(drift.stdout.contains("NVMContactWorld__clientSecret__c"), "\(drift.stdout)")
        let json = try run(["drift", "--detailed-exitcode", "--format", "json"], 2)
        #expect(try EndToEndWorkspace.driftClasses(json: json.stdout) == [Self.location: "plaintext-token"])
        _ = try run(["drift", "--format", "markdown"], 0)

        // The plan stores ACME-EU-01's token first, then clears the field.
        let text = try run(["plan", "--detailed-exitcode"], 2)
        #expect(text.stdout.contains("# \(Self.location) will have its retired token field cleared"), "\(text.stdout)")
        #expect(text.stdout.contains("~ \(Self.location)"), "\(text.stdout)")
        let secretAt = try #require(text.stdout.range(of: "# secret.prod[\"ACME-EU-01\"] will be set"), "\(text.stdout)")
        let clearAt = try #require(text.stdout.range(of: "will have its retired token field cleared"))
        #expect(secretAt.lowerBound < clearAt.lowerBound, "the secret is stored before the field is cleared")
        let planJSON = try run(["plan", "--format", "json"], 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(planJSON.stdout.utf8)) as? [String: Any])
        let actions = try #require(document["changes"] as? [[String: Any]]).map { "\($0["action"] ?? "") \($0["address"] ?? "")" }
        #expect(actions.last == "clear-retired \(Self.location)", "\(actions)")
        #expect(actions.contains("set secret.prod[\"ACME-EU-01\"]"), "\(actions)")
        let markdown = try run(["plan", "--format", "markdown"], 0)
        #expect(markdown.stdout.contains("clear-retired") || markdown.stdout.contains("retired token field cleared"), "\(markdown.stdout)")
        _ = try run(["plan", "--out", "plan.json"], 0)
        _ = try run(["plan", "--format", "json", "--out", "plan-json.json"], 0)
        _ = try run(["show", "plan.json"], 0)

        _ = try run(["apply", "plan.json"], 0)
        let record = try Self.supportAgentRecord(workspace)
        #expect(record["retired_token_present"] as? Bool == false, "\(record)")
        #expect(record["client_id"] as? String == "ACME-EU-01")
        let orgs = try #require(try workspace.orgSnapshot()["orgs"] as? [[String: Any]])
        let secrets = try #require(orgs.first?["secrets"] as? [[String: Any]])
        #expect(secrets.first { $0["client_id"] as? String == "ACME-EU-01" }?["token_set"] as? Bool == true, "\(secrets)")
        let clean = try run(["plan", "--detailed-exitcode"], 0)
        #expect(clean.stdout.contains("No changes."), "\(clean.stdout)")
        let noDrift = try run(["drift", "--detailed-exitcode"], 0)
        #expect(noDrift.stdout.contains("No drift."), "\(noDrift.stdout)")
        _ = try run(["state", "history", "--format", "json"], 0)
        _ = try run(["sim", "show"], 0)

        let written = try workspace.workspaceFiles().filter { $0.name.hasPrefix("state.sqlite") }
            + ["plan.json", "plan-json.json"].map { (name: $0, bytes: FileManager.default.contents(atPath: workspace.path + "/" + $0) ?? Data()) }
        #expect(written.count >= 3 && written.allSatisfy { !$0.bytes.isEmpty })
        let tokens = [canary] + workspace.environment.filter({ $0.key.hasPrefix("VCC_TOKEN") }).map(\.value)
        for secret in tokens {
            for form in SecretsNeverLeakTests.forms(of: secret) {
                for file in written {
                    #expect(file.bytes.range(of: Data(form.utf8)) == nil, "a token (as \(form)) is in \(file.name)")
                }
                for entry in transcript.entries {
                    #expect(!entry.text.contains(form), "a token (as \(form)) leaked into the output of vccctl \(entry.command)")
                }
            }
        }
    }

    @Test func withoutADeclaredTokenThePlanSaysWhatToDeclare() throws {
        let workspace = try EmulatorLoopTests.settingsOnly()
        defer { workspace.remove() }
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        try workspace.expect(["sim", "set-retired-token"] + Self.owner + ["--from-env", "OLD_TOKEN"], status: 0,
                             environment: ["OLD_TOKEN": "CANARY-undeclared"])
        let plan = try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
        #expect(plan.stdout.contains("No changes."), "\(plan.stdout)")
        #expect(plan.stdout.contains("[plaintext-token]"), "\(plan.stdout)")
        let lines = try String(contentsOfFile: workspace.configPath, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.hasPrefix("  ACME-EU-01:") }) + 1
        #expect(plan.stderr.contains("vccctl.yaml:\(line):3: warning: the record of profile 'Support Agent' in 'prod' holds the API token of ACME-EU-01 in the retired field NVMContactWorld__clientSecret__c"),
                "\(plan.stderr)")
        #expect(plan.stderr.contains("declare `token: {env: VCC_TOKEN_ACME_EU_01}` under account ACME-EU-01"), "\(plan.stderr)")
        #expect(!(plan.stdout + plan.stderr).contains("CANARY"))
        #expect(try Self.supportAgentRecord(workspace)["retired_token_present"] as? Bool == true)
    }

    @Test func withManualStepsTheClearWaitsForTheConfirmedSecret() throws {
        // A real org without a VCC endpoint: the secret is a person's step, so the field is not
        // cleared until the secret is confirmed; then apply clears it.
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        let emulator = try EmulatorFixture(workspace)
        defer { emulator.stop() }
        let connection = try emulator.salesforceConnection(workspace, name: "manual")
        let env = try emulator.salesforceEnvironment()
        try workspace.expect(["sim", "set-setting", "--data", emulator.data] + Self.owner + ["--key", "ACME-EU-01"], status: 0)
        try workspace.expect(["sim", "set-retired-token", "--data", emulator.data] + Self.owner + ["--from-env", "OLD_TOKEN"], status: 0,
                             environment: ["OLD_TOKEN": "CANARY-rest-retired"])
        let plan = try workspace.expect(["plan"] + connection, status: 0, environment: env)
        #expect(plan.stdout.contains("# \(Self.location) will have its retired token field cleared"), "\(plan.stdout)")
        let applied = try workspace.expect(["apply", "--auto-approve"] + connection, status: 3, environment: env)
        #expect(applied.stdout.contains("\(Self.location): waiting for the token to be stored as a secret"), "\(applied.stdout)")
        #expect(try Self.supportAgentRecord(workspace, data: emulator.data)["retired_token_present"] as? Bool == true)
        let again = try workspace.expect(["plan"] + connection, status: 0, environment: env)
        #expect(again.stdout.contains("# \(Self.location) will have its retired token field cleared"), "\(again.stdout)")
        try workspace.expect(["confirm", #"secret.prod["ACME-EU-01"]"#, #"secret.prod["ACME-US-01"]"#] + connection, status: 0,
                             environment: env)
        let cleared = try workspace.expect(["apply", "--auto-approve"] + connection, status: 0, environment: env)
        #expect(try Self.supportAgentRecord(workspace, data: emulator.data)["retired_token_present"] as? Bool == false)
        try workspace.expect(["plan", "--detailed-exitcode"] + connection, status: 0, environment: env)
        #expect(!(plan.stdout + applied.stdout + again.stdout + applied.stderr + cleared.stdout).contains("CANARY"))
    }

    @Test func throughTheAdminEndpointTheSecretIsStoredThenTheFieldCleared() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        let emulator = try EmulatorFixture(workspace)
        defer { emulator.stop() }
        try workspace.expect(["sim", "set-setting", "--data", emulator.data] + Self.owner + ["--key", "ACME-EU-01"], status: 0)
        try workspace.expect(["sim", "set-retired-token", "--data", emulator.data] + Self.owner + ["--from-env", "OLD_TOKEN"], status: 0,
                             environment: ["OLD_TOKEN": "CANARY-rest-retired"])
        let applied = try workspace.expect(["apply", "--auto-approve"] + emulator.connection, status: 0)
        #expect(try Self.supportAgentRecord(workspace, data: emulator.data)["retired_token_present"] as? Bool == false)
        try workspace.expect(["plan", "--detailed-exitcode"] + emulator.connection, status: 0)
        #expect(!(applied.stdout + applied.stderr).contains("CANARY"))
    }

    @Test func badInputIsAClearErrorThatNamesNoToken() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        let canary = "CANARY-retired-" + UUID().uuidString.lowercased()

        let unset = try workspace.expect(["sim", "set-retired-token"] + Self.owner + ["--from-env", "NO_SUCH_VAR"], status: 1)
        #expect(unset.stderr.contains("environment variable NO_SUCH_VAR is not set"), "\(unset.stderr)")
        let empty = try workspace.expect(["sim", "set-retired-token"] + Self.owner + ["--from-env", "OLD_TOKEN"], status: 1,
                                         environment: ["OLD_TOKEN": ""])
        #expect(empty.stderr.contains("environment variable OLD_TOKEN is empty"), "\(empty.stderr)")
        let noOwner = try workspace.expect(["sim", "set-retired-token", "--org", "prod", "--from-env", "OLD_TOKEN"], status: 1,
                                           environment: ["OLD_TOKEN": canary])
        #expect(noOwner.stderr.contains("name one record"), "\(noOwner.stderr)")
        // ada has no record of her own: there is no retired field to fill or clear.
        let noRecord = try workspace.expect(["sim", "set-retired-token", "--org", "prod", "--user", "ada@acme.example",
                                             "--from-env", "OLD_TOKEN"], status: 1, environment: ["OLD_TOKEN": canary])
        #expect(noRecord.stderr.contains("has no custom-settings record for user ada@acme.example"), "\(noRecord.stderr)")
        try workspace.expect(["sim", "clear-retired-token", "--org", "prod", "--user", "ada@acme.example"], status: 1)
        // There is no way to pass the token on the command line.
        try workspace.expect(["sim", "set-retired-token"] + Self.owner + ["--token", "x"], status: 64)
        for result in [unset, empty, noOwner, noRecord] {
            #expect(!(result.stdout + result.stderr).contains("CANARY"))
        }
        try workspace.expect(["drift", "--detailed-exitcode"], status: 0)
    }
}
