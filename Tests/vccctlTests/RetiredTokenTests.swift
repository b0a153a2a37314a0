import Foundation
import Testing
import TestSupport

/// A plaintext token left in the retired settings field (`sim set-retired-token`) is drift of
/// class plaintext-token at its location, and it shows up nowhere vccctl writes: no output, no
/// state file, no plan file. Once cleared, the drift is gone.
@Suite struct RetiredTokenTests {
    static let location = "setting.prod.profile[\"Support Agent\"]"
    static let owner = ["--org", "prod", "--profile", "Support Agent"]

    @Test func aRetiredTokenIsPlaintextTokenDriftAndNeverLeaks() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        let canary = "CANARY-retired-" + UUID().uuidString.lowercased()
        let transcript = SecretsNeverLeakTests.Transcript()
        func run(_ arguments: [String], _ status: Int32, environment: [String: String] = [:]) throws -> CommandRunner.Result {
            let result = try workspace.expect(arguments, status: status, environment: environment)
            transcript.record(arguments, result)
            return result
        }
        _ = try run(["apply", "--auto-approve"], 0)
        _ = try run(["drift", "--detailed-exitcode"], 0)

        let set = try run(["sim", "set-retired-token"] + Self.owner + ["--from-env", "OLD_TOKEN"], 0,
                          environment: ["OLD_TOKEN": canary])
        #expect(set.stdout.contains("OLD_TOKEN"), "\(set.stdout)")

        let text = try run(["drift", "--detailed-exitcode"], 2)
        #expect(text.stdout.contains("! \(Self.location) [plaintext-token]"), "\(text.stdout)")
        #expect(text.stdout.contains("NVMContactWorld__clientSecret__c"), "\(text.stdout)")
        let json = try run(["drift", "--detailed-exitcode", "--format", "json"], 2)
        #expect(try EndToEndWorkspace.driftClasses(json: json.stdout) == [Self.location: "plaintext-token"])
        _ = try run(["drift", "--format", "markdown"], 0)
        for format in ["text", "json", "markdown"] { _ = try run(["plan", "--format", format], 0) }
        _ = try run(["plan", "--out", "plan.json"], 0)
        _ = try run(["plan", "--format", "json", "--out", "plan-json.json"], 0)
        _ = try run(["show", "plan.json"], 0)
        _ = try run(["apply", "--auto-approve"], 0)
        _ = try run(["state", "history", "--format", "json"], 0)
        _ = try run(["sim", "show"], 0)

        // The embedded org does hold the token (so the scans below look for something real);
        // nothing vccctl writes does.
        let files = try workspace.workspaceFiles()
        #expect(files.contains { $0.name.hasPrefix("org.sqlite") && $0.bytes.range(of: Data(canary.utf8)) != nil },
                "the canary is not in the embedded org: set-retired-token stored something else")
        let written = files.filter { $0.name.hasPrefix("state.sqlite") }
            + ["plan.json", "plan-json.json"].map { (name: $0, bytes: FileManager.default.contents(atPath: workspace.path + "/" + $0) ?? Data()) }
        #expect(written.count >= 3 && written.allSatisfy { !$0.bytes.isEmpty })
        for form in SecretsNeverLeakTests.forms(of: canary) {
            for file in written {
                #expect(file.bytes.range(of: Data(form.utf8)) == nil, "the retired token (as \(form)) is in \(file.name)")
            }
        }

        _ = try run(["sim", "clear-retired-token"] + Self.owner, 0)
        let clean = try run(["drift", "--detailed-exitcode"], 0)
        #expect(clean.stdout.contains("No drift."), "\(clean.stdout)")

        for form in SecretsNeverLeakTests.forms(of: canary) {
            for entry in transcript.entries {
                #expect(!entry.text.contains(form), "the retired token (as \(form)) leaked into the output of vccctl \(entry.command)")
            }
        }
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
