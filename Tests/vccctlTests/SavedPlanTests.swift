import Foundation
import Testing
import TestSupport

/// `plan --out FILE` then `apply FILE`: exactly the reviewed plan, or a refusal with the reason
/// when the world moved since.
@Suite struct SavedPlanTests {
    /// A converged quickstart (no links) with a pending edit: jane moves to ACME-US-01.
    static func convergedWithEdit() throws -> EndToEndWorkspace {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        try workspace.editConfig { text in
            text.replacingOccurrences(of: "        - {user: jane@acme.example}\n", with: "")
                .replacingOccurrences(of: "        - {user: lee@acme.example}\n",
                                      with: "        - {user: lee@acme.example}\n        - {user: jane@acme.example}\n")
        }
        return workspace
    }

    static func expectRefused(_ result: CommandRunner.Result, because reason: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "exit \(result.status)\n\(result.stdout)\n\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("error: the saved plan can no longer be applied"), "\(result.stderr)",
                sourceLocation: sourceLocation)
        #expect(result.stderr.contains(reason), "missing '\(reason)' in\n\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("run 'vccctl plan --out FILE' again"), sourceLocation: sourceLocation)
    }

    @Test func aReviewedPlanAppliesWithoutAutoApprove() throws {
        let workspace = try Self.convergedWithEdit()
        defer { workspace.remove() }
        let plan = try workspace.expect(["plan", "--out", "p.json"], status: 0)
        #expect(plan.stdout.contains("Saved the plan to p.json. Apply it with: vccctl apply p.json"))
        let attributes = try FileManager.default.attributesOfItem(atPath: workspace.path + "/p.json")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let show = try workspace.expect(["show", "p.json"], status: 0)
        #expect(show.stdout.contains("~ setting.prod.user[\"jane@acme.example\"]"), "\(show.stdout)")
        #expect(show.stdout.contains("\"ACME-EU-01\" -> \"ACME-US-01\""))
        let json = try workspace.expect(["show", "p.json", "--format", "json"], status: 0)
        #expect(json.stdout.contains("\"format_version\""))
        let markdown = try workspace.expect(["show", "p.json", "--format", "markdown"], status: 0)
        #expect(markdown.stdout.contains("jane@acme.example"))

        // No terminal, no --auto-approve: only a saved plan may go ahead.
        let refused = try workspace.expect(["apply"], status: 1)
        #expect(refused.stderr.contains("apply needs confirmation"), "\(refused.stderr)")
        let apply = try workspace.expect(["apply", "p.json"], status: 0)
        #expect(apply.stdout.contains("setting.prod.user[\"jane@acme.example\"]: done"), "\(apply.stdout)")
        try workspace.expect(["plan", "--detailed-exitcode"], status: 0)

        // Applied once, the plan is stale: the state moved.
        Self.expectRefused(try workspace.run(["apply", "p.json"]), because: "the state moved since the plan was made")
        #expect(try workspace.run(["show", "p.json"]).status == 0, "show works on a stale plan too")
    }

    /// A reviewed plan whose change list was edited afterwards (one key swapped for another)
    /// passes every digest of the world, but not the plan made again from that world.
    @Test(arguments: ["toKey", "ownerId"])
    func anEditedPlanIsRefusedAndNothingIsApplied(_ field: String) throws {
        let workspace = try Self.convergedWithEdit()
        defer { workspace.remove() }
        try workspace.expect(["plan", "--out", "p.json"], status: 0)
        let path = workspace.path + "/p.json"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let edited = field == "toKey"
            ? original.replacingOccurrences(of: #""toKey" : "ACME-US-01""#, with: #""toKey" : "EVIL-01""#)
            : original.replacingOccurrences(of: #""ownerId" : "005"#, with: #""ownerId" : "00e"#)
        #expect(edited != original, "the test edited the plan file")
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        let before = try workspace.orgSettings()
        let result = try workspace.expect(["apply", "p.json"], status: 1)
        #expect(result.stderr.contains("the saved plan does not match the plan its configuration, state and org give now"),
                "\(result.stderr)")
        #expect(try workspace.orgSettings().map(\.key) == before.map(\.key), "nothing was applied")
        #expect(!(try workspace.orgSettings().contains { $0.key == "EVIL-01" }))
    }

    @Test func aPlanIsRefusedWhenTheStateMoved() throws {
        let workspace = try Self.convergedWithEdit()
        defer { workspace.remove() }
        try workspace.expect(["plan", "--out", "p.json"], status: 0)
        // Something else is applied in between: the same edit, through another run.
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        let result = try workspace.run(["apply", "p.json"])
        Self.expectRefused(result, because: "the state moved since the plan was made (serial")
        try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
    }

    @Test func aPlanIsRefusedWhenTheConfigurationChanged() throws {
        let workspace = try Self.convergedWithEdit()
        defer { workspace.remove() }
        try workspace.expect(["plan", "--out", "p.json"], status: 0)
        try workspace.editConfig { $0.replacingOccurrences(of: "        - {user: sam@acme.example}\n", with: "") }
        let result = try workspace.run(["apply", "p.json"])
        Self.expectRefused(result, because: "the configuration changed since the plan was made")
        #expect(!result.stderr.contains("the state moved"))
        let jane = try workspace.orgSettings().first { $0.address == "setting.prod.user[\"jane@acme.example\"]" }
        #expect(jane?.key == "ACME-EU-01", "a refused plan changes nothing")
    }

    @Test func aPlanIsRefusedWhenTheOrgChangedOutOfBand() throws {
        let workspace = try Self.convergedWithEdit()
        defer { workspace.remove() }
        try workspace.expect(["plan", "--out", "p.json"], status: 0)
        try workspace.expect(["sim", "set-setting", "--org", "prod", "--user", "sam@acme.example", "--key", "ACME-EU-01"], status: 0)
        let result = try workspace.run(["apply", "p.json"])
        Self.expectRefused(result, because: "objects read for the plan changed in the org or in VCC since it was made")
        #expect(!result.stderr.contains("the configuration changed"))
        #expect(!result.stderr.contains("the state moved"))
    }

    /// Renaming or deactivating a user edits no settings record, yet changes whose record a
    /// location is and whether it reaches anyone: a plan made before is refused.
    @Test(arguments: [
        ["sim", "rename-user", "--org", "prod", "--user", "jane@acme.example", "--to", "jane.old@acme.example"],
        ["sim", "deactivate-user", "--org", "prod", "--user", "jane@acme.example"],
        ["sim", "deactivate-user", "--org", "prod", "--user", "sam@acme.example"],
    ])
    func aPlanIsRefusedWhenAUserWasRenamedOrDeactivated(_ change: [String]) throws {
        let workspace = try Self.convergedWithEdit()
        defer { workspace.remove() }
        try workspace.expect(["plan", "--out", "p.json"], status: 0)
        try workspace.expect(change, status: 0)
        let result = try workspace.run(["apply", "p.json"])
        Self.expectRefused(result, because: "objects read for the plan changed in the org or in VCC since it was made")
        #expect(!result.stderr.contains("the configuration changed") && !result.stderr.contains("the state moved"))
    }

    @Test func aPlanIsRefusedWhenATokenIsNotThePlannedOne() throws {
        var workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        workspace.environment["VCC_TOKEN_ACME_EU"] = "CANARY-eu-rotated-" + UUID().uuidString
        let plan = try workspace.expect(["plan", "--out", "rotate.json"], status: 0)
        #expect(plan.stdout.contains("will be rotated"))
        // Applied with yet another value than the one planned.
        let result = try workspace.run(["apply", "rotate.json"], environment: ["VCC_TOKEN_ACME_EU": "CANARY-eu-third-" + UUID().uuidString])
        Self.expectRefused(result, because: "the token in VCC_TOKEN_ACME_EU is not the one planned for secret.prod[\"ACME-EU-01\"]")
        let missing = try workspace.run(["apply", "rotate.json"], environment: ["VCC_TOKEN_ACME_EU": ""])
        Self.expectRefused(missing, because: "environment variable VCC_TOKEN_ACME_EU is not set")
        try workspace.expect(["apply", "rotate.json"], status: 0)
        try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
    }

    @Test func aPlanMadeBeforeAnyStateAppliesOnlyOnce() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        try workspace.expect(["plan", "--out", "first.json"], status: 0)
        // A changed token is caught even when the plan's fingerprints use the future state's salt.
        let wrongToken = try workspace.run(["apply", "first.json"], environment: ["VCC_TOKEN_ACME_US": "CANARY-us-x-" + UUID().uuidString])
        Self.expectRefused(wrongToken, because: "the token in VCC_TOKEN_ACME_US is not the one planned")
        let apply = try workspace.expect(["apply", "first.json"], status: 0)
        #expect(apply.stdout.contains("Apply complete! 8 applied, 0 failed"), "\(apply.stdout)")
        try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
        let again = try workspace.run(["apply", "first.json"])
        Self.expectRefused(again, because: "the plan was made before any state existed, and state exists now")
        #expect(try workspace.orgSettings().count == 6, "nothing was created twice")
    }

    @Test func aPlanFromAnotherStateIsRefused() throws {
        let first = try Self.convergedWithEdit()
        defer { first.remove() }
        try first.expect(["plan", "--out", "p.json"], status: 0)
        // The same configuration applied into a second workspace: another lineage.
        let second = try Self.convergedWithEdit()
        defer { second.remove() }
        try FileManager.default.copyItem(atPath: first.path + "/p.json", toPath: second.path + "/p.json")
        let result = try second.run(["apply", "p.json"], environment: first.environment)
        Self.expectRefused(result, because: "the plan was made against state lineage")
    }

    @Test func somethingThatIsNotAPlanIsNotApplied() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        try workspace.directory.write("notes.json", "{\"hello\": 1}")
        let result = try workspace.run(["apply", "notes.json"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("notes.json is not a vccctl plan file"), "\(result.stderr)")
        let show = try workspace.run(["show", "notes.json"])
        #expect(show.status == 1)
        let state = try workspace.run(["state", "list"])
        #expect(state.status == 0)
        #expect(state.stdout.hasPrefix("No state yet: .vccctl/state.sqlite does not exist"), "\(state.stdout)")
    }
}
