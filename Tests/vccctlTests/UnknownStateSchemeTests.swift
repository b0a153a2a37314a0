import Foundation
import Testing
import TestSupport

/// A state location that is a URL of an unknown scheme (a misspelt `postgres://`) is an error
/// from every source (flag, environment, connection file), and its user information never shows
/// in a message or becomes a file name.
@Suite struct UnknownStateSchemeTests {
    static let url = "mysql://canary-user:canary-secret@db.acme.example/vccctl"

    @Test(arguments: ["flag", "environment", "file"])
    func refusedWithoutEchoingTheUserInformation(_ source: String) throws {
        let workspace = try EndToEndWorkspace.quickstart(seed: true)
        defer { workspace.remove() }
        var arguments = ["state", "list"]
        var environment: [String: String] = [:]
        switch source {
        case "flag": arguments += ["--state", Self.url]
        case "environment": environment["VCCCTL_STATE"] = Self.url
        default:
            let path = workspace.path + "/connection.yaml"
            try "version: 1\nstate: \(Self.url)\n".write(toFile: path, atomically: true, encoding: .utf8)
            arguments += ["--connection", path]
        }
        let before = try Self.entries(workspace.path)
        let result = try workspace.expect(arguments, status: 1, environment: environment)
        #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)")
        // The flag and the variable are named with the scheme; a file points to `validate`.
        #expect(result.stderr.contains(source == "file" ? "connection.yaml are invalid" : "'mysql://…'"), "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains("canary"), "user information leaked: \(result.stderr)")
        #expect(try Self.entries(workspace.path) == before, "nothing was created")
    }

    /// Every path under `root`, recursively.
    static func entries(_ root: String) throws -> [String] {
        (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).sorted()
    }
}
