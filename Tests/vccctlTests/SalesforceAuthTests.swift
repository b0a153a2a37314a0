import Foundation
import Testing
import TestSupport

/// `target: salesforce` pointed at the emulator exercises the real OAuth flows: a JWT bearer
/// assertion signed with the connected app's key works; a wrong key, audience or username is a
/// clear error naming the org, nothing is written, and no credential is ever echoed.
@Suite(.serialized) struct SalesforceAuthTests {
    struct Setup {
        let workspace: EndToEndWorkspace
        let emulator: EmulatorFixture
        let privateKey: String
        let consumerKey: String

        init() throws {
            workspace = try EmulatorLoopTests.settingsOnly()
            emulator = try EmulatorFixture(workspace)
            let keyPath = try #require(emulator.ready["private_key_file"] as? String)
            privateKey = try String(contentsOfFile: keyPath, encoding: .utf8)
            consumerKey = try #require(emulator.ready["consumer_key"] as? String)
        }

        /// A connection file for `target: salesforce` at the emulator, with JWT bearer auth.
        func connection(username: String = "admin@acme.example", audience: String = "https://login.salesforce.com") throws -> [String] {
            try emulator.salesforceConnection(workspace, name: "salesforce", username: username, audience: audience)
        }

        func remove() {
            emulator.stop()
            workspace.remove()
        }
    }

    @Test func aJWTSignedWithTheConnectedAppsKeyPlansAndApplies() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let env = ["SF_CONSUMER_KEY": setup.consumerKey, "SF_PRIVATE_KEY": setup.privateKey]
        let plan = try setup.workspace.expect(["plan", "--detailed-exitcode"] + setup.connection(), status: 2, environment: env)
        #expect(plan.stdout.contains("Plan: 6 to add, 0 to change, 0 to destroy."), "\(plan.stdout)")
        try setup.workspace.expect(["apply", "--auto-approve"] + setup.connection(), status: 0, environment: env)
        try setup.workspace.expect(["plan", "--detailed-exitcode"] + setup.connection(), status: 0, environment: env)
    }

    @Test(arguments: ["wrong key", "wrong audience", "unknown user"])
    func aRefusedAssertionIsAClearErrorAndWritesNothing(_ fault: String) throws {
        let setup = try Setup()
        defer { setup.remove() }
        // A key the emulator's connected app does not know.
        let key = fault == "wrong key" ? GeneratedRSAKey.pem() : setup.privateKey
        #expect(!key.isEmpty)
        let connection = try setup.connection(username: fault == "unknown user" ? "nobody@acme.example" : "admin@acme.example",
                                              audience: fault == "wrong audience" ? "https://elsewhere.example" : "https://login.salesforce.com")
        let result = try setup.workspace.expect(["apply", "--auto-approve"] + connection, status: 1,
                                                environment: ["SF_CONSUMER_KEY": setup.consumerKey, "SF_PRIVATE_KEY": key])
        #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)")
        #expect(result.stderr.contains("prod"), "the error names the org: \(result.stderr)")
        for secret in [key, setup.consumerKey] + key.split(separator: "\n").dropFirst().prefix(3).map(String.init) {
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "a credential was echoed")
        }
        #expect(try setup.workspace.orgSettings(data: setup.emulator.data).isEmpty, "nothing was written")
    }

    @Test func missingPermissionsAreClearErrorsBeforeAnythingIsWritten() throws {
        let setup = try Setup()
        defer { setup.remove() }
        try setup.workspace.directory.write("sim/more.yaml", """
            orgs:
              prod:
                environment: production
                users:
                  - {username: reader@acme.example, profile: Support Agent, customizeApplication: false}
                  - {username: blind@acme.example, profile: Support Agent, viewAllCustomSettings: false}

            """)
        try setup.workspace.expect(["sim", "seed", "--data", setup.emulator.data, "sim/more.yaml"], status: 0)
        let env = ["SF_CONSUMER_KEY": setup.consumerKey, "SF_PRIVATE_KEY": setup.privateKey]

        let blind = try setup.workspace.expect(["plan"] + setup.connection(username: "blind@acme.example"), status: 1, environment: env)
        #expect(blind.stderr.contains("View All Custom Settings"), "\(blind.stderr)")

        // Reading is allowed: the plan works; the apply stops before its first write.
        try setup.workspace.expect(["plan", "--detailed-exitcode"] + setup.connection(username: "reader@acme.example"), status: 2,
                                   environment: env)
        let reader = try setup.workspace.run(["apply", "--auto-approve"] + setup.connection(username: "reader@acme.example"),
                                             environment: env)
        #expect(reader.status == 1)
        #expect((reader.stdout + reader.stderr).contains("Customize Application"), "\(reader.stdout.suffix(800))\n\(reader.stderr)")
        #expect(try setup.workspace.orgSettings(data: setup.emulator.data).isEmpty, "nothing was written")
    }

    /// A ready access token (the emulator's session of the org) and a JWT key: neither ever
    /// reaches any output format, a saved plan, the state or the history.
    @Test func credentialsNeverReachOutputsPlansOrState() throws {
        let setup = try Setup()
        defer { setup.remove() }
        // A session of the org (seeded after the emulator started): the development sign-in.
        let signIn = try CommandRunner(executable: "/usr/bin/curl").run([
            "-sS", "--cacert", setup.emulator.caFile, "-d", "grant_type=client_credentials",
            "-d", "client_id=vccctl-emulator-development", "-d", "client_secret=vccctl-emulator-development",
            "-d", "org=prod", setup.emulator.url + "/services/oauth2/token"])
        let answer = try JSONSerialization.jsonObject(with: Data(signIn.stdout.utf8)) as? [String: Any]
        let token = try #require(answer?["access_token"] as? String, "\(signIn.stdout) \(signIn.stderr)")
        let path = setup.workspace.path + "/connection/token.yaml"
        try """
            version: 1
            target: salesforce
            state: sqlite:.vccctl/token-state.sqlite
            orgs:
              prod:
                instanceUrl: "\(setup.emulator.url)"
                caFile: "\(setup.emulator.caFile)"
                auth: {accessToken: {env: SF_ACCESS_TOKEN}}

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let env = ["SF_ACCESS_TOKEN": token]
        var outputs: [String] = []
        for format in ["text", "json", "markdown"] {
            let plan = try setup.workspace.run(["plan", "--format", format, "--connection", path], environment: env)
            #expect(plan.status == 0, "\(plan.stderr)")
            outputs += [plan.stdout, plan.stderr]
        }
        let saved = try setup.workspace.run(["plan", "--out", "saved.plan", "--connection", path], environment: env)
        outputs += [saved.stdout, saved.stderr]
        let applied = try setup.workspace.run(["apply", "saved.plan", "--format", "json", "--connection", path], environment: env)
        #expect(applied.status == 0, "\(applied.stdout.suffix(800))\n\(applied.stderr)")
        outputs += [applied.stdout, applied.stderr]
        for command in [["drift", "--format", "json"], ["state", "list"], ["state", "history", "--format", "json"]] {
            let result = try setup.workspace.run(command + ["--connection", path], environment: env)
            outputs += [result.stdout, result.stderr]
        }
        // A token that stopped working: the error must not quote it either.
        let expired = try setup.workspace.run(["plan", "--connection", path], environment: ["SF_ACCESS_TOKEN": token + "x"])
        #expect(expired.status == 1)
        outputs += [expired.stdout, expired.stderr]
        let secretPart = String(token.split(separator: "!").last ?? "")
        #expect(secretPart.count >= 16)
        for output in outputs { #expect(!output.contains(secretPart), "the access token leaked: \(output.prefix(300))") }
        let files = try setup.workspace.workspaceFiles()
            + [("saved.plan", FileManager.default.contents(atPath: setup.workspace.path + "/saved.plan") ?? Data())]
        #expect(files.count >= 2)
        for (name, bytes) in files {
            #expect(bytes.range(of: Data(secretPart.utf8)) == nil, "the access token is in \(name)")
        }
    }
}
