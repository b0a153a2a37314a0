import Foundation
import Testing
import TestSupport

/// The VCC side through the admin contract: `target: salesforce` with a `vcc` endpoint (the
/// emulator's, as the README shows), the whole loop of secrets and links: tokens stored by apply,
/// consents given on the emulator's consent page (by the API user, and by another user), an
/// out-of-band token clear, a rotated token, an unlink and a Legacy link, each planned and
/// repaired; no token anywhere.
@Suite(.serialized) struct VCCAdminLoopTests {
    struct Setup {
        let workspace: EndToEndWorkspace
        let emulator: EmulatorFixture
        let connection: [String]
        var environment: [String: String]

        init() throws {
            workspace = try EndToEndWorkspace.quickstart(links: true, seed: true)
            emulator = try EmulatorFixture(workspace)
            connection = try emulator.salesforceConnection(
                workspace, name: "vcc-admin",
                extra: #"vcc: {url: "\#(emulator.url)", token: {env: VCC_ADMIN_TOKEN}, caFile: "\#(emulator.caFile)"}"#)
            environment = try emulator.salesforceEnvironment()
            environment["VCC_ADMIN_TOKEN"] = try #require(emulator.ready["vcc_admin_token"] as? String)
        }

        @discardableResult
        func run(_ arguments: [String], status: Int32, extra: [String: String] = [:]) throws -> CommandRunner.Result {
            try workspace.expect(arguments + connection, status: status, environment: environment.merging(extra) { $1 })
        }

        /// Applies, expecting links to wait for consent (exit 3); returns each link's consent page.
        func applyLeavingConsents(extra: [String: String] = [:]) throws -> [String: String] {
            let applied = try run(["apply", "--auto-approve", "--format", "json"], status: 3, extra: extra)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(applied.stdout.utf8)) as? [String: Any])
            let result = try #require(object["result"] as? [String: Any])
            var pages: [String: String] = [:]
            for outcome in try #require(result["outcomes"] as? [[String: Any]]) {
                if let step = outcome["step"] as? [String: Any], let url = step["url"] as? String,
                   let address = outcome["address"] as? String {
                    pages[address] = url
                }
            }
            return pages
        }

        /// A person opens the consent page, logs in as `username` and presses Allow.
        func consent(_ page: String, as username: String) throws {
            let curl = CommandRunner(executable: "/usr/bin/curl")
            let shown = try curl.run(["-sS", "--fail", "--cacert", emulator.caFile, page])
            #expect(shown.status == 0 && shown.stdout.contains("<form"), "the consent page: \(shown.stdout)\(shown.stderr)")
            let allowed = try curl.run(["-sS", "--fail", "--cacert", emulator.caFile, "--data-urlencode", "username=\(username)",
                                        "--data-urlencode", "decision=allow", page])
            #expect(allowed.status == 0, "consent as \(username): \(allowed.stdout)\(allowed.stderr)")
        }

        func remove() {
            emulator.stop()
            workspace.remove()
        }
    }

    static let eu = #"link["ACME-EU-01"]"#
    static let us = #"link["ACME-US-01"]"#

    @Test func theWholeLoopOfSecretsAndLinksThroughTheAdminContract() throws {
        var setup = try Setup()
        defer { setup.remove() }
        var outputs: [String] = []
        func record(_ result: CommandRunner.Result) -> CommandRunner.Result {
            outputs.append(result.stdout + result.stderr)
            return result
        }

        let plan = record(try setup.run(["plan", "--detailed-exitcode"], status: 2))
        #expect(plan.stdout.contains("Plan: 10 to add, 0 to change, 0 to destroy."), "\(plan.stdout)")
        #expect(!plan.stdout.contains("manual:") && !plan.stdout.contains("Attested"), "VCC is read, not attested: \(plan.stdout)")

        // Settings and tokens land; both links wait for a consent on the emulator's page.
        var pages = try setup.applyLeavingConsents()
        #expect(Set(pages.keys) == [Self.eu, Self.us], "\(pages)")
        try setup.consent(try #require(pages[Self.eu]), as: "vcc-api@acme.example")
        // An admin presses Allow for the other one: VCC would act as the admin.
        try setup.consent(try #require(pages[Self.us]), as: "admin@acme.example")
        let drift = record(try setup.run(["drift", "--detailed-exitcode", "--format", "json"], status: 2))
        #expect(try EndToEndWorkspace.driftClasses(json: drift.stdout) == [Self.us: "linked-as-other-user"], "\(drift.stdout)")
        pages = try setup.applyLeavingConsents()
        #expect(Set(pages.keys) == [Self.us], "only the relink: \(pages)")
        try setup.consent(try #require(pages[Self.us]), as: "vcc-api@acme.example")
        // State records the consented links (an apply with nothing to call).
        record(try setup.run(["apply", "--auto-approve"], status: 0))
        record(try setup.run(["plan", "--detailed-exitcode"], status: 0))

        // Out of band in VCC: a token cleared, then stored again by apply.
        try setup.workspace.expect(["sim", "clear-token", "--data", setup.emulator.data, "--org", "prod", "--key", "ACME-EU-01"], status: 0)
        let cleared = record(try setup.run(["plan", "--detailed-exitcode"], status: 2))
        #expect(cleared.stdout.contains(#"~ secret.prod["ACME-EU-01"]"#) && cleared.stdout.contains("cleared outside vccctl"),
                "\(cleared.stdout)")
        record(try setup.run(["apply", "--auto-approve"], status: 0))
        record(try setup.run(["plan", "--detailed-exitcode"], status: 0))

        // The token is rotated where it is kept: planned and stored again.
        let rotated = "CANARY-rotated-" + UUID().uuidString.lowercased()
        let rotation = record(try setup.run(["plan", "--detailed-exitcode"], status: 2, extra: ["VCC_TOKEN_ACME_EU": rotated]))
        #expect(rotation.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."), "\(rotation.stdout)")
        setup.environment["VCC_TOKEN_ACME_EU"] = rotated
        record(try setup.run(["apply", "--auto-approve"], status: 0))
        record(try setup.run(["plan", "--detailed-exitcode"], status: 0))

        // Unlinked and turned Legacy out of band: both are drift and relinked.
        try setup.workspace.expect(["sim", "unlink", "--data", setup.emulator.data, "--account", "ACME-EU-01"], status: 0)
        try setup.workspace.expect(["sim", "legacy", "--data", setup.emulator.data, "--account", "ACME-US-01"], status: 0)
        let moved = record(try setup.run(["drift", "--detailed-exitcode", "--format", "json"], status: 2))
        #expect(try EndToEndWorkspace.driftClasses(json: moved.stdout) == [Self.eu: "link-changed", Self.us: "link-legacy"],
                "\(moved.stdout)")
        pages = try setup.applyLeavingConsents()
        #expect(Set(pages.keys) == [Self.eu, Self.us], "\(pages)")
        for page in pages.values { try setup.consent(page, as: "vcc-api@acme.example") }
        record(try setup.run(["apply", "--auto-approve"], status: 0))
        record(try setup.run(["plan", "--detailed-exitcode"], status: 0))
        record(try setup.run(["drift", "--detailed-exitcode"], status: 0))

        // No token anywhere: outputs, the emulator's log, the state, the emulator's files.
        outputs.append(setup.emulator.process.stdout + setup.emulator.process.stderr)
        let canaries = [Canaries.eu(setup.workspace), Canaries.us(setup.workspace), rotated]
        #expect(canaries.allSatisfy { $0.hasPrefix("CANARY-") && $0.count > 30 })
        for output in outputs {
            for canary in canaries { #expect(!output.contains(canary), "a token reached the output") }
        }
        let emulatorFiles = try FileManager.default.contentsOfDirectory(atPath: setup.emulator.data).compactMap { name in
            FileManager.default.contents(atPath: setup.emulator.data + "/" + name).map { (name, $0) }
        }
        for (name, bytes) in try setup.workspace.workspaceFiles() + emulatorFiles {
            for canary in canaries { #expect(bytes.range(of: Data(canary.utf8)) == nil, "a token is in \(name)") }
        }
    }

    @Test func theEmulatorTargetUsesTheEmulatorsAdminEndpointWithoutSettings() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: true, seed: true)
        defer { workspace.remove() }
        let emulator = try EmulatorFixture(workspace)
        defer { emulator.stop() }
        try workspace.expect(["apply", "--auto-approve"] + emulator.connection, status: 3)
        // The tokens were stored through the admin endpoint: the next plan reads them as set.
        let plan = try workspace.expect(["plan", "--detailed-exitcode"] + emulator.connection, status: 2)
        #expect(plan.stdout.contains("Plan: 2 to add, 0 to change, 0 to destroy."), "only the links wait: \(plan.stdout)")
        #expect(!plan.stdout.contains("secret."), "\(plan.stdout)")
    }
}
