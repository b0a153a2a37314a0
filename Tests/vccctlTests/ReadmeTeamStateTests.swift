import Foundation
import Testing
import TestSupport

/// The README's "A team's state in PostgreSQL" runs as written, against the test server: the
/// owner's `psql` lines make a role and a database, then every runner line runs with the URL the
/// README exports, and again with the README's connection-file URL and PGPASSWORD.
///
/// Only the example's placeholders change: its host and port become the test server's (as
/// `localhost`, which the test CA's certificate names, so `verify-full` really checks it), its CA
/// path the test CA, its password `…`/PASSWORD a random one, and its role and database name
/// `vccctl` one of this test's own (the test server's superuser is already called vccctl).
@Suite struct ReadmeTeamStateTests {
    static func section() throws -> (block: [String], connectionState: String) {
        let readme = try String(contentsOfFile: RepositoryRoot.path() + "/README.md", encoding: .utf8)
        let heading = try #require(readme.range(of: "\n### A team's state in PostgreSQL\n"))
        let rest = readme[heading.upperBound...]
        let open = try #require(rest.range(of: "```sh\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        let block = rest[open.upperBound..<close.lowerBound].split(separator: "\n").map(String.init)
        let after = rest[close.upperBound...]
        let state = try #require(after.range(of: #"`state: (postgres://[^`]+)`"#, options: .regularExpression))
        return (block, String(after[state].dropFirst("`state: ".count).dropLast()))
    }

    @Test(.enabled(if: !PostgresCluster.usesExternalServer, "needs a cluster of its own (its CA, superuser, restarts)"))
    func theTeamSetupRunsAsWritten() throws {
        let cluster = try PostgresCluster.shared()
        try #require(cluster.ownsServer && cluster.caFile != nil, "needs the throwaway cluster (its CA and superuser)")
        let (block, connectionState) = try Self.section()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let role = "team_\(suffix)"
        let password = "pw-\(UUID().uuidString)"
        func placed(_ text: String) -> String {
            text.replacingOccurrences(of: "db.example.com:5432", with: "localhost:\(cluster.port)")
                .replacingOccurrences(of: "db.example.com", with: "localhost:\(cluster.port)")
                .replacingOccurrences(of: "/etc/ssl/db-ca.pem", with: cluster.caFile!)
                .replacingOccurrences(of: "ci/db-ca.pem", with: cluster.caFile!)
                .replacingOccurrences(of: ":PASSWORD@", with: ":\(password)@")
                .replacingOccurrences(of: "'…'", with: "'\(password)'")
                .replacingOccurrences(of: "vccctl LOGIN", with: "\(role) LOGIN")
                .replacingOccurrences(of: "DATABASE vccctl OWNER vccctl", with: "DATABASE \(role) OWNER \(role)")
                .replacingOccurrences(of: "//vccctl", with: "//\(role)")
                .replacingOccurrences(of: "/vccctl?", with: "/\(role)?")
        }

        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        var environment: [String: String] = [:]
        var ran = 0
        for line in block.map(placed) where !line.hasPrefix("#") && !line.isEmpty {
            // The shell's single quotes around the exported URL, as the double quotes Line groups by.
            let words = WalkthroughTests.Line(Substring(line.hasPrefix("export ") ? line.replacingOccurrences(of: "'", with: "\"") : line)).words
            switch words.first {
            case "psql":
                let statements = stride(from: 1, to: words.count, by: 2).map { words[$0 + 1] }
                #expect(words.enumerated().allSatisfy { $0.offset == 0 || $0.offset % 2 == 0 || $0.element == "-c" })
                try cluster.psql(statements)
            case "export":
                let assignment = words[1]
                let name = String(assignment.prefix { $0 != "=" })
                environment[name] = String(assignment.dropFirst(name.count + 1))
            case "vccctl":
                let result = try workspace.expect(Array(words.dropFirst()), status: 0, environment: environment)
                #expect(!(result.stdout + result.stderr).contains(password))
            default:
                Issue.record("a line the test cannot run: \(line)")
            }
            ran += 1
        }
        #expect(ran == 5, "the README block changed: \(block)")
        let url = try #require(environment["VCCCTL_STATE"])
        #expect(url.contains("sslmode=verify-full") && url.contains("@localhost:\(cluster.port)/\(role)?"), "\(url)")
        // The state is the role's, in the README's schema, verified over TLS: the history shows the apply.
        let history = try workspace.expect(["state", "history", "--format", "json"], status: 0, environment: environment)
        #expect(history.stdout.contains("\"succeeded\""), "\(history.stdout)")

        // The connection-file way: the URL without its password, the password in PGPASSWORD.
        let fileState = placed(connectionState)
        #expect(!fileState.contains(password))
        try FileManager.default.createDirectory(atPath: workspace.path + "/../conn-\(suffix)", withIntermediateDirectories: true)
        let connection = workspace.path + "/../conn-\(suffix)/connection.yaml"
        defer { try? FileManager.default.removeItem(atPath: workspace.path + "/../conn-\(suffix)") }
        try "version: 1\ntarget: local\nstate: \(fileState)\n".write(toFile: connection, atomically: true, encoding: .utf8)
        let plan = try workspace.expect(["plan", "--detailed-exitcode", "--connection", connection], status: 0,
                                        environment: ["PGPASSWORD": password])
        #expect(plan.stdout.contains("No changes"), "the same state, converged: \(plan.stdout)")
    }
}
