import Foundation
import Testing
import TestSupport

/// Where the state lives: `--state`, then `VCCCTL_STATE`, then the connection file, then
/// `.vccctl/state.sqlite`.
@Suite struct ConnectionStateTests {
    /// Outside the configuration directory: every YAML file there is configuration.
    static func connectionFile(_ workspace: EndToEndWorkspace) throws -> String {
        try FileManager.default.createDirectory(atPath: workspace.path + "/settings", withIntermediateDirectories: true)
        return workspace.path + "/settings/conn.yaml"
    }

    @Test func theConnectionFileNamesTheState() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        try "version: 1\ntarget: local\nstate: team/state.sqlite\n".write(
            toFile: try Self.connectionFile(workspace), atomically: true, encoding: .utf8)
        try workspace.expect(["apply", "--auto-approve", "--connection", "settings/conn.yaml"], status: 0)
        #expect(FileManager.default.fileExists(atPath: workspace.path + "/team/state.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: workspace.path + "/.vccctl/state.sqlite"))
        try workspace.expect(["plan", "--detailed-exitcode"], status: 0, environment: ["VCCCTL_CONNECTION": "settings/conn.yaml"])
        // The flag wins over the connection file: a state elsewhere knows nothing yet.
        try workspace.expect(["plan", "--detailed-exitcode", "--connection", "settings/conn.yaml", "--state", "other.sqlite"], status: 2)
    }

    @Test func anEmulatorThatDoesNotAnswerIsAClearError() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        // Port 9 (discard) on loopback: nothing listens there.
        try "version: 1\ntarget: emulator\nemulator: {url: http://127.0.0.1:9}\n".write(
            toFile: try Self.connectionFile(workspace), atomically: true, encoding: .utf8)
        let result = try workspace.expect(["plan", "--connection", "settings/conn.yaml"], status: 1)
        #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)")
        #expect(result.stderr.contains("prod"), "the error names the org: \(result.stderr)")
        #expect(!result.stderr.contains("Fatal") && result.stdout.isEmpty, "\(result.stdout)\n\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.path + "/.vccctl/state.sqlite"), "nothing was written")
    }

    /// A PostgreSQL server that does not answer: a clear error naming the state by its URL, never
    /// its password, wherever the password came from; a password on the command line is refused.
    @Test func aPostgresStateThatDoesNotAnswerIsAClearErrorWithoutThePassword() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        let canary = "pw-CANARY-7f3a"
        // Port 9 (discard) on loopback: nothing listens there.
        for environment in [["VCCCTL_STATE": "postgres://vccctl:\(canary)@127.0.0.1:9/vccctl?sslmode=disable"],
                            ["VCCCTL_STATE": "postgres://vccctl@127.0.0.1:9/vccctl?sslmode=disable", "PGPASSWORD": canary]] {
            for format in ["text", "json"] {
                let result = try workspace.expect(["plan", "--format", format], status: 1, environment: environment)
                #expect(result.stderr.contains("cannot connect to the PostgreSQL state postgres://vccctl@127.0.0.1:9/vccctl"),
                        "\(result.stderr)")
                #expect(!(result.stdout + result.stderr).contains(canary), "\(result.stdout)\n\(result.stderr)")
            }
        }
        let flag = try workspace.expect(["state", "list", "--state", "postgres://vccctl:\(canary)@127.0.0.1:9/vccctl"], status: 1)
        #expect(flag.stderr.contains("holds a password") && flag.stderr.contains("PGPASSWORD"), "\(flag.stderr)")
        #expect(!(flag.stdout + flag.stderr).contains(canary))
        #expect(!FileManager.default.fileExists(atPath: workspace.path + "/.vccctl/state.sqlite"), "nothing was written")
    }
}
