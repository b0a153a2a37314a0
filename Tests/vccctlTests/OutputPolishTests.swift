import Foundation
import Testing
import TestSupport

/// What a new user reads in their first hour: words, not struct dumps; one style of error; an
/// empty variable called empty; the one org of a configuration taken without asking.
@Suite struct OutputPolishTests {
    @Test func seedSaysWhatItAddedInWords() throws {
        let workspace = try EndToEndWorkspace.quickstart(seed: false)
        defer { workspace.remove() }
        let first = try workspace.expect(["sim", "seed", "sim/directory.yaml"], status: 0)
        #expect(first.stdout == "Seeded the embedded org from sim/directory.yaml: 1 org, 3 profiles and 6 users added.\n")
        let again = try workspace.expect(["sim", "seed", "sim/directory.yaml"], status: 0)
        #expect(again.stdout.hasSuffix(": nothing new, everything in it already exists.\n"), "\(again.stdout)")
    }

    @Test func usageErrorsReadLikeEveryOtherError() throws {
        let workspace = try EndToEndWorkspace.quickstart()
        defer { workspace.remove() }
        let usage = try workspace.expect(["plan", "--no-such-flag"], status: 64)
        #expect(usage.stderr.hasPrefix("error: Unknown option '--no-such-flag'"), "\(usage.stderr)")
        let failure = try workspace.expect(["state", "unlock", "0000"], status: 1)
        #expect(failure.stderr.hasPrefix("error: "), "\(failure.stderr)")
        let help = try workspace.expect(["--help"], status: 0)
        #expect(help.stdout.contains("USAGE: vccctl"))
    }

    @Test func anEmptyTokenVariableIsCalledEmpty() throws {
        let workspace = try EndToEndWorkspace.quickstart()
        defer { workspace.remove() }
        let empty = try workspace.expect(["plan"], status: 1, environment: ["VCC_TOKEN_ACME_EU": ""])
        #expect(empty.stderr.contains("environment variable VCC_TOKEN_ACME_EU (the token of account 'ACME-EU-01') is set but empty"),
                "\(empty.stderr)")
    }

    @Test func explainTakesTheOnlyOrg() throws {
        let workspace = try EndToEndWorkspace.quickstart()
        defer { workspace.remove() }
        let explained = try workspace.expect(["explain", "user", "jane@acme.example"], status: 0)
        #expect(explained.stdout.hasPrefix("user jane@acme.example (profile Support Agent) in org 'prod':"), "\(explained.stdout)")
        let unknown = try workspace.expect(["explain", "user", "jane@acme.example", "--org", "uat"], status: 1)
        #expect(unknown.stderr.contains("error: org 'uat' is not declared in the configuration"), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("note: it declares: prod"), "\(unknown.stderr)")
    }

    /// A negative lock timeout is a usage error that says what is wrong, not "Missing value".
    @Test func aNegativeLockTimeoutSaysWhatIsWrong() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        let result = try workspace.expect(["plan", "--lock-timeout", "-1"], status: 64)
        #expect(result.stderr.contains("--lock-timeout takes a number of seconds, 0 or more"), "\(result.stderr)")
        #expect(!result.stderr.contains("Missing value"))
    }
}
