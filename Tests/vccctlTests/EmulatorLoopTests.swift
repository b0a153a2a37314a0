import Foundation
import Testing
import TestSupport

/// The loop of ReconcileLoopTests against `vccctl emulator serve` over TLS through the Salesforce
/// REST target: the same plans for settings as the embedded org, drift from changes made in the
/// emulator's org, convergence. Secrets and links through the emulator: VCCAdminLoopTests (the
/// admin endpoint) and ManualStepsTests (without one).
@Suite(.serialized) struct EmulatorLoopTests {
    /// The quickstart with its settings only (no tokens, no links): what the REST target manages.
    static func settingsOnly() throws -> EndToEndWorkspace {
        let workspace = try EndToEndWorkspace.quickstart(links: false, seed: true)
        try workspace.editConfig { text in
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("token:") }
                .joined(separator: "\n")
        }
        return workspace
    }

    /// The lines of a text plan that describe settings changes (the embedded and the REST target
    /// must agree on them).
    static func settingLines(_ plan: String) -> [String] {
        plan.split(separator: "\n").map(String.init).filter { $0.contains("setting.") }
    }

    @Test func theLoopConvergesThroughTheEmulatorWithTheEmbeddedTargetsPlans() throws {
        let workspace = try Self.settingsOnly()
        defer { workspace.remove() }
        let emulator = try EmulatorFixture(workspace)
        defer { emulator.stop() }

        let embedded = try workspace.expect(["plan", "--detailed-exitcode"], status: 2)
        let remote = try workspace.expect(["plan", "--detailed-exitcode"] + emulator.connection, status: 2)
        #expect(Self.settingLines(remote.stdout) == Self.settingLines(embedded.stdout))
        #expect(remote.stdout.contains("Plan: 6 to add, 0 to change, 0 to destroy."), "\(remote.stdout)")

        let applied = try workspace.expect(["apply", "--auto-approve"] + emulator.connection, status: 0)
        #expect(applied.stdout.contains("Apply complete!"), "\(applied.stdout)")
        let clean = try workspace.expect(["plan", "--detailed-exitcode"] + emulator.connection, status: 0)
        #expect(clean.stdout.contains("No changes."), "\(clean.stdout)")
        try workspace.expect(["drift", "--detailed-exitcode"] + emulator.connection, status: 0)

        // An edit: jane moves to the North American account.
        try workspace.editConfig { text in
            text.replacingOccurrences(of: "        - {user: jane@acme.example}\n", with: "")
                .replacingOccurrences(of: "        - {user: lee@acme.example}\n",
                                      with: "        - {user: lee@acme.example}\n        - {user: jane@acme.example}\n")
        }
        let edited = try workspace.expect(["plan", "--detailed-exitcode"] + emulator.connection, status: 2)
        #expect(edited.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."), "\(edited.stdout)")
        try workspace.expect(["apply", "--auto-approve"] + emulator.connection, status: 0)

        // Out of band, in the emulator's org: a record deleted and a key changed.
        try workspace.expect(["sim", "delete-setting", "--data", emulator.data, "--org", "prod", "--user", "sam@acme.example"], status: 0)
        try workspace.expect(["sim", "set-setting", "--data", emulator.data, "--org", "prod", "--user", "lee@acme.example",
                              "--key", "ACME-EU-01"], status: 0)
        let drift = try workspace.expect(["drift", "--detailed-exitcode", "--format", "json"] + emulator.connection, status: 2)
        let classes = try EndToEndWorkspace.driftClasses(json: drift.stdout)
        #expect(classes["setting.prod.user[\"sam@acme.example\"]"] == "deleted-outside", "\(classes)")
        #expect(classes["setting.prod.user[\"lee@acme.example\"]"] == "changed-outside", "\(classes)")
        try workspace.expect(["apply", "--auto-approve"] + emulator.connection, status: 0)
        try workspace.expect(["plan", "--detailed-exitcode"] + emulator.connection, status: 0)
    }

    @Test func injectedFaultsLoseAndDuplicateNothing() throws {
        let workspace = try Self.large()
        defer { workspace.remove() }
        let emulator = try EmulatorFixture(workspace, arguments: [
            "--faults", "error=0.15,reset=0.1,throttle=0.1",
            "--faults", "error-after=0.3,route=/services/data/*/composite*",
            "--seed", "7",
        ])
        defer { emulator.stop() }
        let applied = try workspace.run(["apply", "--auto-approve"] + emulator.connection)
        #expect(applied.status == 0, "\(applied.stdout.suffix(1500))\n\(applied.stderr)")
        let clean = try workspace.expect(["plan", "--detailed-exitcode"] + emulator.connection, status: 0)
        #expect(clean.stdout.contains("No changes."), "\(clean.stdout.suffix(500))")
        // State matches the org: one record per declared owner, each once.
        let records = try workspace.orgSettings(data: emulator.data)
        #expect(records.count == 2502 && Set(records.map(\.address)).count == 2502, "\(records.count) records")
        #expect(try workspace.stateAddresses(extra: emulator.connection).count == 2502)
        // The faults really happened (the emulator logs each one).
        let faults = emulator.process.stderr.split(separator: "\n").filter { $0.hasPrefix("fault: ") }
        #expect(faults.count >= 3, "faults injected: \(faults)")
        #expect(faults.contains { $0.hasPrefix("fault: error-after") } || faults.contains { $0.hasPrefix("fault: reset") },
                "a fault after or during a write: \(faults)")
    }

    /// 2500 users without tokens: three write calls of 1000 records through the REST target.
    static func large() throws -> EndToEndWorkspace {
        let workspace = try LargeConfiguration.workspace(users: 2500)
        try workspace.editConfig { text in
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("token:") }
                .joined(separator: "\n")
        }
        return workspace
    }

    @Test func theDailyLimitStopsAnApplyCleanlyAndARerunFinishes() throws {
        let workspace = try Self.large()
        defer { workspace.remove() }
        let emulator = try EmulatorFixture(workspace)
        defer { emulator.stop() }
        let plan = try workspace.expect(["plan", "--format", "json"] + emulator.connection, status: 0)
        let calls = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])["api_calls"]
            as? [String: Any]
        let refresh = try #require(calls?["refresh"] as? Int)
        #expect(calls?["apply"] as? Int == 3)
        #expect(calls?["remaining"] as? Int != nil, "the org's remaining calls are reported")
        // Today's allowance: the refresh and one write of 1000 records.
        try workspace.expect(["sim", "set-api-limit", "--data", emulator.data, "--org", "prod", "--reset"], status: 0)
        try workspace.expect(["sim", "set-api-limit", "--data", emulator.data, "--org", "prod", "--max", "\(refresh + 1)"], status: 0)

        let stopped = try workspace.run(["apply", "--auto-approve"] + emulator.connection)
        #expect(stopped.status == 1, "\(stopped.stdout.suffix(2000))\n\(stopped.stderr)")
        #expect(stopped.stdout.contains("Apply stopped:"), "\(stopped.stdout.suffix(2000))")
        #expect(stopped.stdout.contains("daily API request limit is reached"), "\(stopped.stdout.suffix(2000))")
        #expect(stopped.stdout.contains("1000 applied"), "\(stopped.stdout.suffix(2000))")
        #expect(try workspace.stateAddresses(extra: emulator.connection).count == 1000, "state holds what landed")

        try workspace.expect(["sim", "set-api-limit", "--data", emulator.data, "--org", "prod", "--max", "100000"], status: 0)
        let rest = try workspace.expect(["apply", "--auto-approve"] + emulator.connection, status: 0)
        #expect(rest.stdout.contains("Plan: 1502 to add"), "\(rest.stdout.suffix(1500))")
        try workspace.expect(["plan", "--detailed-exitcode"] + emulator.connection, status: 0)
    }

    @Test func aKilledApplyConvergesThroughTheEmulator() throws {
        let workspace = try Self.large()
        defer { workspace.remove() }
        let emulator = try EmulatorFixture(workspace)
        defer { emulator.stop() }
        let apply = try workspace.start(["apply", "--auto-approve"] + emulator.connection)
        // Killed once the first write of 1000 records has landed, before the others.
        #expect(apply.waitForOutput(": done"), "\(apply.stdout.suffix(1000))\n\(apply.stderr)")
        apply.signal(SIGKILL)
        #expect(apply.wait() == 128 + SIGKILL)
        let lock = try #require(try workspace.heldLockID(extra: emulator.connection), "the killed apply's lock is held")
        try workspace.expect(["state", "unlock", lock] + emulator.connection, status: 0)
        let rerun = try workspace.expect(["apply", "--auto-approve"] + emulator.connection, status: 0)
        #expect(!rerun.stdout.contains("DUPLICATE_VALUE") && !rerun.stdout.contains(": failed"), "\(rerun.stdout.suffix(1500))")
        try workspace.expect(["plan", "--detailed-exitcode"] + emulator.connection, status: 0)
        // One record per declared owner in the emulator's org: nothing duplicated, nothing lost.
        #expect(try workspace.stateAddresses(extra: emulator.connection).count == 2502)
        let records = try workspace.orgSettings(data: emulator.data)
        #expect(records.count == 2502 && Set(records.map(\.address)).count == 2502, "one record per declared owner")
    }
}
