import Foundation
import OrgSimulator
import Testing
import TestSupport

/// The emulator serves schemas/vcc-admin.openapi.yaml as written: schemathesis (a property-based
/// API tester, from PyPI; `.ci/run` installs it) generates valid and invalid requests for every
/// operation from the document and checks every answer against it (status codes, content types,
/// response schemas, headers, auth, unsupported methods, no 5xx). A missing schemathesis FAILS
/// this test: the contract would otherwise go unchecked without anyone noticing.
@Suite struct AdminContractConformanceTests {
    static let version = "4.32.5"
    /// Per operation and phase; bounded so the whole run stays well under a minute.
    static let maxExamples = 15
    /// Fixed, so a failure reproduces; change it to explore other inputs.
    static let seed = 20_260_501

    @Test func theEmulatorConformsToTheAdminContract() async throws {
        let installed = try CommandRunner(executable: "/usr/bin/env").run(["schemathesis", "--version"])
        guard installed.status == 0 else {
            Issue.record("schemathesis is not installed: pip install schemathesis==\(Self.version)\n\(installed.stderr)")
            return
        }
        #expect(installed.stdout.contains(Self.version), "expected schemathesis \(Self.version): \(installed.stdout)")

        // An org whose settings records carry keys (so setToken can succeed), and a linked, a
        // pending and a legacy account (so link answers show every shape).
        let fixture = try await EmulatorFixture.start(tls: .selfSigned) { simulator in
            try simulator.setSetting(org: "prod", owner: .org, clientId: "ACME-EU-01")
            try simulator.setSetting(org: "prod", owner: .profile("Support Agent"), clientId: "ACME-EU-01")
            try simulator.setSetting(org: "prod", owner: .user("jane@acme.example"), clientId: "ACME-US-01")
            try simulator.startLink(key: "ACME-EU-01", org: "prod", username: "vcc-api@acme.example")
            try simulator.giveConsent(key: "ACME-EU-01", as: "vcc-api@acme.example")
            try simulator.startLink(key: "ACME-US-01", org: "prod", username: "vcc-api@acme.example")
            try simulator.startLink(key: "LEGACY-1", org: "prod", username: "admin@acme.example")
            try simulator.giveConsent(key: "LEGACY-1", as: "admin@acme.example")
            try simulator.markLegacy(key: "LEGACY-1")
        }
        defer { Task { await fixture.stop() } }
        let simulator = try fixture.simulator()
        let prod = try #require(try simulator.org(named: "prod")).orgId
        let uat = try #require(try simulator.org(named: "uat")).orgId
        // Open consent pages: one that a right login completes, one whose environment is wrong.
        let consents = [
            try simulator.startLinkWithConsent(key: "CONSENT-1", org: "prod", username: "vcc-api@acme.example").consentId,
            try simulator.startLinkWithConsent(key: "CONSENT-2", org: "prod", username: "vcc-api@acme.example",
                                               environment: .sandbox).consentId,
        ]
        let caFile = try #require(fixture.ready.caFile)
        let work = try TemporaryDirectory("schemathesis")
        defer { work.remove() }
        // The admin token reaches schemathesis through its environment, never its command line
        // (which any local user can read); schemathesis resolves ${VCC_ADMIN_TOKEN} itself and
        // masks the Authorization header in what it prints.
        //
        // Random org Ids, keys and consent ids would only ever meet 404s and 409s: dictionaries
        // feed the ones this org has into part of the generated requests, so they also reach
        // listed secrets, stored tokens, started links and open consent pages.
        func strings(_ values: [String]) -> String { "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        let config = try work.write("schemathesis.toml", """
            [auth.openapi.bearer]
            bearer = "${VCC_ADMIN_TOKEN}"

            # use_after_free expects a resource to answer 404 after its DELETE succeeded. DELETE
            # .../link removes the link, not the account: every account key always has a link
            # status, and an unlinked account answers 200 {"status": "unlinked"} by contract.
            [checks.use_after_free]
            enabled = false

            # Schema-valid requests may also meet 410: a consent page is one-shot, and once this
            # run has pressed Allow or Deny on one of the pages below, it answers 410 by contract.
            [checks.positive_data_acceptance]
            expected-statuses = ["2xx", "401", "403", "404", "409", "410"]

            [dictionaries.org_ids]
            values = \(strings([prod, String(prod.prefix(15)), uat]))
            [dictionaries.keys]
            values = ["ACME-EU-01", "ACME-US-01", "CONSENT-1", "LEGACY-1"]
            [dictionaries.users]
            values = ["vcc-api@acme.example", "admin@acme.example"]
            [dictionaries.consents]
            values = \(strings(consents))

            [parameters]
            "path.org_id" = { dictionary = "org_ids", probability = 0.7 }
            "path.client_id" = { dictionary = "keys", probability = 0.5 }
            "path.account_key" = { dictionary = "keys", probability = 0.3 }
            "path.consent_id" = { dictionary = "consents", probability = 0.5 }
            "body.org_id" = { dictionary = "org_ids", probability = 0.7 }
            "body.api_user" = { dictionary = "users", probability = 0.5 }
            "body.username" = { dictionary = "users", probability = 0.5 }
            """)
        let schema = RepositoryRoot.path() + "/schemas/vcc-admin.openapi.yaml"
        let started = Date()
        let result = try await CommandRunner(executable: "/usr/bin/env").runOffThePool(
            ["schemathesis", "--config-file", config, "--no-color", "run", schema,
             "--url", fixture.url, "--tls-verify", caFile,
             "--checks", "all", "--max-examples", String(Self.maxExamples), "--seed", String(Self.seed),
             "--generation-database", "none", "--workers", "1",
             // A busy CI machine (two cores shared with a build) can take seconds to answer; a
             // slow answer is not a contract violation, a wrong one is.
             "--request-timeout", "60"],
            in: work.path, environment: ["VCC_ADMIN_TOKEN": fixture.ready.vccAdminToken])
        let seconds = Date().timeIntervalSince(started)
        let token = fixture.ready.vccAdminToken
        let raw = result.stdout + "\n" + result.stderr
        #expect(!raw.contains(token), "schemathesis printed the admin token")
        let output = raw.replacingOccurrences(of: token, with: "<admin token>")
        #expect(result.status == 0, "schemathesis found problems (\(Int(seconds)) s):\n\(output)")
        print("schemathesis: exit \(result.status) in \(String(format: "%.1f", seconds)) s")
    }
}
