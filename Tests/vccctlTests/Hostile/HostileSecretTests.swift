import Foundation
import Testing
import TestSupport

/// A literal token in any shape a hostile or careless file can take: the canary appears in no
/// output of any command that reads the file, in any format, on standard output or error.
@Suite struct HostileSecretTests {
    /// Obviously fake; unique per shape so a leak names its shape.
    static func canary(_ index: Int) -> String { "CANARY-fake-\(index)-tok9" }

    /// Accounts sections (under `accounts:`), `X` standing for the canary.
    static let configurationShapes: [String] = [
        "  A-1:\n    token: {X}\n",
        "  A-1:\n    token: {env: VCC_TOKEN, X}\n",
        "  A-1:\n    token: {X: X}\n",
        "  A-1:\n    token: {X: 1, X: 2}\n",
        "  A-1:\n    token: \"X\n",
        "  A-1:\n\ttoken: X\n",
        "  A-1:\n    token: X: x\n",
        "  A-1:\n    token: {env: VCC_TOKEN}\n    token: X\n",
        "  A-1:\n    tokn: X\n",
        "  A-1: {tokn: X, locations: {prod: [org]}}\n",
        "  A-1:\n    token: X\n",
        "  A-1:\n    token: 'X'\n",
        "  A-1:\n    token: |\n      X\n",
        "  A-1: {token: [X]}\n",
        "  A-1:\n    token: &t X\n  A-2:\n    token: *t\n",
        "  A-1:\n    token: {env: X}\n",
        "  A-1:\n    token:\n      env: VCC_TOKEN\n      value: X\n",
        "  A-1:\n    password: X\n",
        "  A-1:\n    token: *X\n",
    ]

    static let formats = ["text", "json", "markdown"]

    static func configuration(_ shape: String, canary: String) -> String {
        "version: 1\norgs: {prod: {environment: production}}\naccounts:\n"
            + shape.replacingOccurrences(of: "X", with: canary).replacingOccurrences(of: "A-1", with: "ACME-1")
    }

    /// Every command that reads the configuration, in every format it writes.
    static func commands(config: String) -> [[String]] {
        var commands: [[String]] = []
        for format in formats {
            commands.append(["validate", "--format", format, config])
            commands.append(["plan", "--format", format, config])
            commands.append(["apply", "--auto-approve", "--format", format, config])
            commands.append(["drift", "--format", format, config])
        }
        for format in ["text", "json"] {
            commands.append(["explain", "user", "jane@acme.example", "--org", "prod", "--format", format, config])
        }
        return commands
    }

    @Test(arguments: Array(configurationShapes.enumerated()))
    func aLiteralTokenInTheConfigurationLeaksNowhere(_ index: Int, _ shape: String) throws {
        let canary = Self.canary(index)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("c.yaml", Self.configuration(shape, canary: canary))
        for arguments in Self.commands(config: "c.yaml") {
            let result = try CommandRunner().run(arguments, in: dir.path, environment: ["VCC_TOKEN": "CANARY-env-value"])
            let command = "vccctl " + arguments.joined(separator: " ")
            #expect(result.status == 1, "\(command) exited \(result.status)\n\(result.stdout)\(result.stderr)")
            #expect(!result.stdout.contains("CANARY") && !result.stderr.contains("CANARY"),
                    "\(command) (shape \(shape.debugDescription)) leaked:\n\(result.stdout)\(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains(String(canary.dropFirst(7))))
            // The run reported the finding (not, say, a usage error before reading the file).
            #expect((result.stdout + result.stderr).contains("c.yaml"), "\(command): \(result.stdout)\(result.stderr)")
        }
    }

    /// Connection-settings files, `X` standing for the canary.
    static let connectionShapes: [String] = [
        "vcc: {url: https://vcc.acme.example, token: {X}}\n",
        "vcc: {url: https://vcc.acme.example, token: {env: VCC_TOKEN, X}}\n",
        "vcc:\n  url: https://vcc.acme.example\n  token: X\n",
        "vcc:\n  url: https://vcc.acme.example\n  tokn: X\n  token: {env: VCC_TOKEN}\n",
        "vcc:\n  url: https://vcc.acme.example\n\ttoken: X\n",
        "vcc: {url: https://vcc.acme.example, token: \"X}\n",
        "vcc: {url: https://vcc.acme.example, token: {env: VCC_TOKEN}, token: X}\n",
        "orgs:\n  prod:\n    instanceUrl: https://acme.my.salesforce.com\n    auth: {accessToken: {X}}\n",
        "orgs:\n  prod:\n    instanceUrl: https://acme.my.salesforce.com\n    auth: {clientCredentials: {clientId: {env: C}, clientSecret: X}}\n",
        "orgs:\n  prod:\n    instanceUrl: https://acme.my.salesforce.com\n    auth: {X}\n",
        "state: postgres://vccctl:X@db.acme.example/vccctl\n",
    ]

    @Test(arguments: Array(connectionShapes.enumerated()))
    func aLiteralCredentialInTheConnectionFileLeaksNowhere(_ index: Int, _ shape: String) throws {
        let canary = Self.canary(100 + index)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("connection.yaml", "version: 1\ntarget: local\n" + shape.replacingOccurrences(of: "X", with: canary))
        try dir.write("vccctl.yaml", "version: 1\norgs: {prod: {environment: production}}\n")
        var commands: [[String]] = []
        for format in Self.formats {
            commands.append(["validate", "--format", format, "--connection", "connection.yaml", "vccctl.yaml"])
            commands.append(["plan", "--format", format, "--connection", "connection.yaml", "vccctl.yaml"])
            commands.append(["apply", "--auto-approve", "--format", format, "--connection", "connection.yaml", "vccctl.yaml"])
            commands.append(["drift", "--format", format, "--connection", "connection.yaml", "vccctl.yaml"])
        }
        for arguments in commands {
            let result = try CommandRunner().run(arguments, in: dir.path, environment: ["VCC_TOKEN": "CANARY-env-value"])
            let command = "vccctl " + arguments.joined(separator: " ")
            #expect(result.status == 1, "\(command) exited \(result.status)\n\(result.stdout)\(result.stderr)")
            #expect(!result.stdout.contains("CANARY") && !result.stderr.contains("CANARY"),
                    "\(command) (shape \(shape.debugDescription)) leaked:\n\(result.stdout)\(result.stderr)")
            #expect((result.stdout + result.stderr).contains("connection.yaml"), "\(command): \(result.stdout)\(result.stderr)")
        }
    }
}
