import Foundation
import Testing
import TestSupport

/// The PostgreSQL state's password (the test server's, a random value, and a wrong one) runs
/// through every command and format with the state in PostgreSQL: it must appear in no output,
/// no plan file and nothing stored in the state (copied out with `state migrate`, then scanned).
@Suite struct PostgresPasswordNeverLeaksTests {
    @Test(.enabled(if: !PostgresCluster.usesPasswordlessServer, "needs a server that asks for a password"))
    func thePasswordAppearsNowhere() throws {
        let cluster = try PostgresCluster.shared()
        let password = try #require(cluster.password, "the test server has a password")
        var workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        let url = cluster.url(schema: PostgresCluster.uniqueSchema("leak"), withPassword: true)
        #expect(url.contains(password))
        workspace.environment["VCCCTL_STATE"] = url
        let transcript = SecretsNeverLeakTests.Transcript()
        func run(_ arguments: [String], _ status: Int32, environment: [String: String] = [:]) throws -> CommandRunner.Result {
            let result = try workspace.expect(arguments, status: status, environment: environment)
            transcript.record(arguments, result)
            return result
        }
        let formats = ["text", "json", "markdown"]

        for format in formats { _ = try run(["plan", "--format", format], 0) }
        _ = try run(["plan", "--out", "first.json"], 0)
        for format in formats { _ = try run(["show", "first.json", "--format", format], 0) }
        _ = try run(["apply", "first.json", "--format", "json"], 0)
        _ = try run(["sim", "set-setting", "--org", "prod", "--user", "ada@acme.example", "--key", "ACME-US-01"], 0)
        for format in formats {
            _ = try run(["drift", "--format", format], 0)
            _ = try run(["plan", "--format", format], 0)
        }
        _ = try run(["apply", "--auto-approve", "--format", "markdown"], 0)
        for format in ["text", "json"] {
            _ = try run(["state", "list", "--format", format], 0)
            _ = try run(["state", "history", "--format", format], 0)
            _ = try run(["state", "show", "--format", format], 0)
        }
        // A lock that is not ours: `state unlock` of an ID nobody holds names the state.
        _ = try run(["state", "unlock", "no-such-lock"], 1)

        // The same URL on the command line is refused, without echoing it.
        _ = try run(["plan", "--state", url], 1)
        // A wrong password is an authentication error that shows neither password.
        let wrong = "CANARY-pg-wrong-" + UUID().uuidString.lowercased()
        let refused = try run(["plan"], 1, environment: ["VCCCTL_STATE": url.replacingOccurrences(of: password, with: wrong)])
        // The URL is shown, without its password: a password in it would be caught here.
        #expect(refused.stderr.contains("PostgreSQL state postgres://vccctl@127.0.0.1:"), "\(refused.stderr)")

        // What the state holds, copied to a SQLite file vccctl made, scanned as bytes.
        _ = try run(["state", "migrate", "--from", url, "--to", "copy.sqlite"], 1)
        _ = try run(["state", "migrate", "--to", "copy.sqlite"], 0, environment: ["VCCCTL_STATE_FROM": url])

        #expect(transcript.entries.count > 50)
        let canaries = [password, wrong]
        for canary in canaries {
            for form in SecretsNeverLeakTests.forms(of: canary) {
                for entry in transcript.entries {
                    #expect(!entry.text.contains(form), "the password (as \(form)) leaked into the output of vccctl \(entry.command)")
                }
            }
        }
        var scanned = 0
        for file in ["first.json", "copy.sqlite"] {
            let data = try #require(FileManager.default.contents(atPath: workspace.path + "/" + file), "\(file) was written")
            scanned += 1
            for canary in canaries {
                for form in SecretsNeverLeakTests.forms(of: canary) {
                    #expect(data.range(of: Data(form.utf8)) == nil, "the password (as \(form)) is in \(file)")
                }
            }
        }
        #expect(scanned == 2)
    }
}
