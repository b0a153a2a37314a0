import Foundation
import Testing
import TestSupport

/// `vccctl validate --connection FILE` (or `VCCCTL_CONNECTION`): the connection settings are
/// checked with the configuration, in the same report, with the same exit codes.
@Suite struct ValidateConnectionTests {
    static let canary = "CANARY-5d21e8-sec"
    let root = RepositoryRoot.path()
    let vccctl = CommandRunner()

    @Test func validSettingsAndConfigurationExitZero() throws {
        let result = try vccctl.run(["validate", "--connection", "examples/connection/emulator.yaml", "examples/quickstart"], in: root)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout == "valid: 2 files, 1 org, 2 accounts, 6 locations\n")
    }

    @Test func theEnvironmentNamesTheFileWhenTheFlagIsAbsent() throws {
        let valid = try vccctl.run(["validate", "examples/quickstart"], in: root,
                                   environment: ["VCCCTL_CONNECTION": "examples/connection/salesforce.yaml"])
        #expect(valid.status == 0, "\(valid.stdout)")
        #expect(valid.stdout.hasPrefix("valid: 2 files"))
        let invalid = try vccctl.run(["validate", "examples/quickstart"], in: root,
                                     environment: ["VCCCTL_CONNECTION": "examples/invalid/connection/bad-target.yaml"])
        #expect(invalid.status == 1)
        #expect(invalid.stdout.contains("examples/invalid/connection/bad-target.yaml:4:9: error: 'sandbox' is not a valid target"))
        // The flag wins over the environment.
        let flag = try vccctl.run(["validate", "--connection", "examples/connection/emulator.yaml", "examples/quickstart"], in: root,
                                  environment: ["VCCCTL_CONNECTION": "examples/invalid/connection/bad-target.yaml"])
        #expect(flag.status == 0, "\(flag.stdout)")
    }

    @Test(arguments: ["text", "json", "markdown"])
    func invalidSettingsExitOneWithLocationAndMaskedSecret(_ format: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("connection.yaml", """
            version: 1
            target: salesforce
            state: postgres://vccctl:\(Self.canary)@db.acme.example/vccctl
            orgs:
              prod:
                instanceUrl: https://acme.my.salesforce.com
                auth:
                  accessToken: \(Self.canary)
            vcc: {url: https://vcc-admin.acme.example, token: {env: VCC_ADMIN_TOKEN, value: \(Self.canary)}}
            """)
        try dir.write("vccctl.yaml", "version: 1\norgs: {prod: {environment: production}}\n")
        let result = try vccctl.run(["validate", "--format", format, "--connection", "connection.yaml", "vccctl.yaml"],
                                    in: dir.path, environment: ["VCC_ADMIN_TOKEN": Self.canary])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(!result.stdout.contains("CANARY"), "\(result.stdout)")
        #expect(!result.stderr.contains("CANARY"))
        switch format {
        case "text":
            for expected in [
                "connection.yaml:3:26: error: the PostgreSQL URL of 'state' holds a password",
                "    state: postgres://vccctl:*****************@db.acme.example/vccctl\n",
                "connection.yaml:8:20: error: 'accessToken' of org 'prod' is written in the file",
                "connection.yaml:9:74: error: unknown key in 'token' of 'vcc'; it is not shown: it may be a pasted credential",
            ] {
                #expect(result.stdout.contains(expected), "missing \(expected) in\n\(result.stdout)")
            }
            #expect(result.stdout.hasSuffix("invalid: 3 errors, 0 warnings in 2 files\n"))
        case "json":
            let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(document["valid"] as? Bool == false)
            #expect(document["files"] as? [String] == ["vccctl.yaml", "connection.yaml"])
            let codes = (document["diagnostics"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
            #expect(codes == ["connection.literal-secret", "connection.literal-secret", "config.unknown-key"])
        default:
            #expect(result.stdout.contains("`connection.yaml:8:20`"))
        }
    }

    @Test func connectionAndConfigurationFindingsShareOneReport() throws {
        let result = try vccctl.run(["validate", "--connection", "examples/invalid/connection/two-auth-methods.yaml",
                                     "examples/invalid/unknown-key.yaml"], in: root)
        #expect(result.status == 1)
        #expect(result.stdout.contains("examples/invalid/unknown-key.yaml:6:5: error: unknown key 'tokn'"))
        #expect(result.stdout.contains("examples/invalid/connection/two-auth-methods.yaml:10:7: error: 'auth' of org 'prod' names more than one method"))
        #expect(result.stdout.contains("examples/invalid/connection/two-auth-methods.yaml:9:7: note: 'accessToken' is here"))
        #expect(result.stdout.hasSuffix("invalid: 2 errors, 0 warnings in 2 files\n"))
    }

    @Test func anUnreadableConnectionFileIsAnError() throws {
        let result = try vccctl.run(["validate", "--connection", "no/such/connection.yaml", "examples/quickstart"], in: root)
        #expect(result.status == 1)
        #expect(result.stdout.contains("error: cannot read 'no/such/connection.yaml': No such file or directory"))
        let usage = try vccctl.run(["validate", "--connection"], in: root)
        #expect(usage.status == 64)
    }
}
