import Foundation
import Testing
import TestSupport

/// A real org today: `target: salesforce` without a `vcc` admin endpoint (pointed at the
/// emulator's REST API). Settings are applied over REST; every secret and link change is a step
/// for a person, printed by apply (exit 3), recorded by `vccctl confirm`, then attested in plans;
/// a rotated token is planned again. No token ever appears anywhere.
@Suite(.serialized) struct ManualStepsTests {
    struct Setup {
        let workspace: EndToEndWorkspace
        let emulator: EmulatorFixture
        let connection: [String]
        let environment: [String: String]

        init() throws {
            workspace = try EndToEndWorkspace.quickstart(links: true, seed: true)
            emulator = try EmulatorFixture(workspace)
            connection = try emulator.salesforceConnection(workspace, name: "manual")
            environment = try emulator.salesforceEnvironment()
        }

        func run(_ arguments: [String], status: Int32, extra: [String: String] = [:]) throws -> CommandRunner.Result {
            try workspace.expect(arguments + connection, status: status, environment: environment.merging(extra) { $1 })
        }

        func remove() {
            emulator.stop()
            workspace.remove()
        }
    }

    static let addresses = [#"secret.prod["ACME-EU-01"]"#, #"secret.prod["ACME-US-01"]"#, #"link["ACME-EU-01"]"#, #"link["ACME-US-01"]"#]

    @Test func applyPrintsTheStepsConfirmRecordsThemAndARotatedTokenIsPlannedAgain() throws {
        let setup = try Setup()
        defer { setup.remove() }
        var outputs: [String] = []

        let plan = try setup.run(["plan", "--detailed-exitcode"], status: 2)
        outputs.append(plan.stdout + plan.stderr)
        #expect(plan.stdout.contains("Plan: 10 to add, 0 to change, 0 to destroy."), "\(plan.stdout)")
        #expect(plan.stdout.contains("# manual: VCC cannot be read or written from this target"), "\(plan.stdout)")

        // Settings land over REST; each secret and link is left to a person (exit 3).
        let applied = try setup.run(["apply", "--auto-approve"], status: 3)
        outputs.append(applied.stdout + applied.stderr)
        #expect(applied.stdout.contains(#"secret.prod["ACME-EU-01"]: left to a person (steps below)"#), "\(applied.stdout)")
        #expect(applied.stdout.contains("For a person to do"), "\(applied.stdout)")
        #expect(applied.stdout.contains(#"Find the row whose Client ID is ACME-EU-01 and press "Update Token"."#))
        #expect(applied.stdout.contains("environment variable VCC_TOKEN_ACME_EU holds"))
        #expect(applied.stdout.contains("Choose Production (login.salesforce.com)."))
        #expect(applied.stdout.contains("log in directly as vcc-api@acme.example"))
        #expect(applied.stdout.contains(#"Record it: vccctl confirm 'secret.prod["ACME-EU-01"]'"#), "\(applied.stdout)")
        #expect(try setup.workspace.orgSettings(data: setup.emulator.data).count == 6, "the settings landed")

        // JSON carries the steps as data; the next apply prints the same steps.
        let json = try setup.run(["apply", "--auto-approve", "--format", "json"], status: 3)
        outputs.append(json.stdout + json.stderr)
        let steps = try Self.steps(inApplyDocument: json.stdout)
        #expect(try JSONSchemaCheck.problems(json.stdout, schema: "apply.schema.json") == nil)
        #expect(Set(steps.compactMap { $0["address"] as? String }) == Set(Self.addresses), "\(steps)")
        let token = try #require(steps.first { ($0["address"] as? String) == Self.addresses[0] })
        #expect(token["kind"] as? String == "store-token" && token["environment_variable"] as? String == "VCC_TOKEN_ACME_EU")
        #expect(token["confirm_command"] as? String == #"vccctl confirm 'secret.prod["ACME-EU-01"]'"#)
        let link = try #require(steps.first { ($0["address"] as? String) == Self.addresses[2] })
        #expect(link["kind"] as? String == "link" && link["environment"] as? String == "production"
                && link["login_as"] as? String == "vcc-api@acme.example")

        // A person did it and says so.
        let confirmed = try setup.run(["confirm"] + Self.addresses + ["--by", "alice", "--format", "json"], status: 0)
        outputs.append(confirmed.stdout + confirmed.stderr)
        #expect(try JSONSchemaCheck.problems(confirmed.stdout, schema: "confirm.schema.json") == nil)
        #expect(try JSONSchemaCheck.problems(#"{"format_version": 1}"#, schema: "confirm.schema.json") != nil, "the check can fail")
        let recorded = try #require(try JSONSerialization.jsonObject(with: Data(confirmed.stdout.utf8)) as? [String: Any])
        #expect((recorded["results"] as? [[String: Any]])?.allSatisfy { $0["recorded"] as? Bool == true } == true, "\(recorded)")
        let clean = try setup.run(["plan", "--detailed-exitcode"], status: 0)
        outputs.append(clean.stdout)
        #expect(clean.stdout.contains("Attested, not observed"), "\(clean.stdout)")
        #expect(clean.stdout.contains(#"secret.prod["ACME-EU-01"]: confirmed by alice at "#), "\(clean.stdout)")
        let planJSON = try setup.run(["plan", "--format", "json"], status: 0)
        #expect(try JSONSchemaCheck.problems(planJSON.stdout, schema: "plan.schema.json") == nil)
        let attested = try #require(try JSONSerialization.jsonObject(with: Data(planJSON.stdout.utf8)) as? [String: Any])["attested"]
        #expect((attested as? [[String: Any]])?.compactMap { $0["confirmed_by"] as? String } == ["alice", "alice", "alice", "alice"])
        let history = try setup.run(["state", "history", "--format", "json"], status: 0)
        #expect(history.stdout.contains("alice"), "who confirmed is in the history: \(history.stdout)")
        // Confirming again records nothing new.
        let again = try setup.run(["confirm", Self.addresses[0]], status: 0)
        #expect(again.stdout.contains("0 recorded, 1 already recorded."), "\(again.stdout)")

        // The token is rotated where it is kept: the next plan sets it again.
        let rotated = "CANARY-rotated-" + UUID().uuidString.lowercased()
        let rotation = try setup.run(["plan", "--detailed-exitcode"], status: 2, extra: ["VCC_TOKEN_ACME_EU": rotated])
        outputs.append(rotation.stdout)
        #expect(rotation.stdout.contains(#"~ secret.prod["ACME-EU-01"]"#), "\(rotation.stdout)")
        #expect(rotation.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."), "\(rotation.stdout)")

        // No token value anywhere: output, the state file, the emulator's files.
        let canaries = [Canaries.eu(setup.workspace), Canaries.us(setup.workspace), rotated]
        #expect(canaries.allSatisfy { $0.hasPrefix("CANARY-") && $0.count > 30 }, "the canaries are real values")
        for output in outputs {
            for canary in canaries { #expect(!output.contains(canary), "a token reached the output") }
        }
        for file in try setup.workspace.workspaceFiles() where !file.name.hasSuffix("emulator-ready.json") {
            for canary in canaries {
                #expect(file.bytes.range(of: Data(canary.utf8)) == nil, "a token is in \(file.name)")
            }
        }
    }

    @Test func confirmRefusesWhatItCannotRecord() throws {
        let setup = try Setup()
        defer { setup.remove() }
        // Before any apply there is no state to record into.
        let early = try setup.run(["confirm", Self.addresses[0]], status: 1)
        #expect(early.stderr.contains("there is no state yet"), "\(early.stderr)")
        try setup.run(["apply", "--auto-approve"], status: 3)
        let setting = try setup.run(["confirm", "setting.prod.org"], status: 1)
        #expect(setting.stderr.contains("is a settings record"), "\(setting.stderr)")
        let unknown = try setup.run(["confirm", #"secret.prod["NOPE-01"]"#], status: 1)
        #expect(unknown.stderr.contains("is not declared"), "\(unknown.stderr)")
        let garbage = try setup.run(["confirm", "secret.prod[ACME-EU-01"], status: 1)
        #expect(garbage.stderr.contains("is not an address"), "\(garbage.stderr)")
        let unset = try setup.run(["confirm", Self.addresses[0]], status: 1, extra: ["VCC_TOKEN_ACME_EU": ""])
        #expect(unset.stderr.contains("VCC_TOKEN_ACME_EU"), "\(unset.stderr)")
        // Nothing was recorded by the refusals: the plan still has every secret and link.
        let plan = try setup.run(["plan", "--detailed-exitcode"], status: 2)
        #expect(plan.stdout.contains("Plan: 4 to add, 0 to change, 0 to destroy."), "\(plan.stdout)")
        // A target that reads VCC itself has nothing to confirm.
        let local = try setup.workspace.expect(["confirm", Self.addresses[0]], status: 1)
        #expect(local.stderr.contains("this target reads VCC itself"), "\(local.stderr)")
    }

    /// The steps in the result of an `apply --format json` document.
    static func steps(inApplyDocument output: String) throws -> [[String: Any]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let result = try #require(object["result"] as? [String: Any])
        let outcomes = try #require(result["outcomes"] as? [[String: Any]])
        return outcomes.compactMap { $0["step"] as? [String: Any] }
    }
}
