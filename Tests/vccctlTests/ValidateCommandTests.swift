import Foundation
import Testing
import TestSupport

@Suite struct ValidateCommandTests {
    let root = RepositoryRoot.path()
    let vccctl = CommandRunner()

    @Test(arguments: ["examples/quickstart", "examples/multi-org", "examples/multi-org/orgs.yaml examples/multi-org/prod-accounts.yaml"])
    func examplesAreValid(_ paths: String) throws {
        let result = try vccctl.run(["validate"] + paths.split(separator: " ").map(String.init), in: root)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasPrefix("valid: "))
    }

    @Test func summaryCountsWhatTheConfigurationHolds() throws {
        let result = try vccctl.run(["validate", "--format", "json", "examples/multi-org"], in: root)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let summary = try #require(document["summary"] as? [String: Int])
        #expect(document["valid"] as? Bool == true)
        #expect(summary["orgs"] == 3)
        #expect(summary["accounts"] == 4)
        #expect((document["files"] as? [String])?.count == 3)
    }

    @Test func allErrorsOfAFileAreReportedAtOnce() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("c.yaml", """
            version: 1
            orgs:
              prod: {environment: staging}
            accounts:
              A-1:
                tokn: {env: X}
                locations:
                  prod: [{user: nope}, {profil: X}]
              A-2:
                link: {org: prd, apiUser: vcc@acme.example}
            """)
        let result = try vccctl.run(["validate", "c.yaml"], in: dir.path)
        #expect(result.status == 1)
        for expected in ["c.yaml:3:23: error: 'staging'", "c.yaml:6:5: error: unknown key 'tokn'",
                         "c.yaml:8:21: error: 'nope' is not", "c.yaml:8:29: error: unknown location kind 'profil'",
                         "c.yaml:10:17: error: org 'prd'", "note: did you mean 'token'?", "note: did you mean 'profile'?"] {
            #expect(result.stdout.contains(expected), "missing \(expected) in\n\(result.stdout)")
        }
        #expect(result.stdout.hasSuffix("invalid: 5 errors, 0 warnings in 1 file\n"))
    }

    @Test func conflictsBetweenFilesPointAtBoth() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("a.yaml", "version: 1\norgs:\n  prod: {environment: production}\naccounts:\n  K1: {locations: {prod: [org]}}\n")
        try dir.write("b.yaml", "version: 1\norgs:\n  prod: {environment: sandbox}\naccounts:\n  K1: {}\n  K2: {locations: {prod: [org]}}\n")
        let result = try vccctl.run(["validate", "."], in: dir.path)
        #expect(result.status == 1)
        #expect(result.stdout.contains("./b.yaml:3:3: error: org 'prod' is declared again with different settings"))
        #expect(result.stdout.contains("./a.yaml:3:3: note: first declared here"))
        #expect(result.stdout.contains("./b.yaml:5:3: error: account 'K1' is declared twice"))
        #expect(result.stdout.contains("./b.yaml:6:27: error: org default in org 'prod' is already claimed by account 'K1'"))
        #expect(result.stdout.contains("./a.yaml:5:27: note: claimed first here"))
    }

    @Test func accountKeysStayExactStrings() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("k.yaml", "version: 1\norgs: {prod: {environment: production}}\naccounts:\n  0123: {locations: {prod: [org]}}\n  no: {}\n  1e3: {}\n  'true': {}\n")
        let result = try vccctl.run(["validate", "--format", "json", "k.yaml"], in: dir.path)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("\"accounts\" : 4"))
    }

    @Test func usageErrorsExit64() throws {
        let result = try vccctl.run(["validate", "--no-such-flag"], in: root)
        #expect(result.status == 64)
        let format = try vccctl.run(["validate", "--format", "yaml", "examples/quickstart"], in: root)
        #expect(format.status == 64)
    }

    @Test func missingPathsAreErrorsNotCrashes() throws {
        let result = try vccctl.run(["validate", "no/such/file.yaml"], in: root)
        #expect(result.status == 1)
        #expect(result.stdout.contains("error: cannot read 'no/such/file.yaml': No such file or directory"))
        let empty = try TemporaryDirectory()
        defer { empty.remove() }
        let noFiles = try vccctl.run(["validate", empty.path])
        #expect(noFiles.status == 1)
        #expect(noFiles.stdout.contains("holds no .yaml or .yml files"))
    }

    /// A device is not read as a configuration (it could be endless, like /dev/zero).
    @Test func aPathThatIsNotARegularFileIsAnError() throws {
        let result = try vccctl.run(["validate", "--format", "json", "/dev/null"], in: root)
        #expect(result.status == 1, "\(result.stdout)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["code"] as? String } == ["io.not-a-file"], "\(diagnostics)")
        #expect(diagnostics.first?["message"] as? String == "'/dev/null' is a character device, not a regular file")
    }

    @Test func colourNeverWithoutATerminal() throws {
        let result = try vccctl.run(["validate", "examples/invalid/unknown-key.yaml"], in: root)
        // The report is there (an empty output has no colour either), and it is plain.
        #expect(result.status == 1 && result.stdout.contains("error: unknown key 'tokn'"), "\(result.stdout)")
        #expect(!result.stdout.contains("\u{1B}["))
    }

    /// On a terminal (`script` gives one) the report is coloured, unless NO_COLOR is set.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ConsentWaitTests.script)),
          arguments: [("", true), ("NO_COLOR=1 ", false)])
    func colourOnATerminalUnlessNoColor(prefix: String, coloured: Bool) throws {
        let command = "\(prefix)TERM=xterm \(vccctl.executable) validate examples/invalid/unknown-key.yaml"
        let result = try CommandRunner(executable: ConsentWaitTests.script).run(["-qec", command, "/dev/null"], in: root)
        #expect(result.stdout.contains("unknown key 'tokn'"), "\(result.stdout)")
        #expect(result.stdout.contains("\u{1B}[") == coloured, "\(result.stdout)")
    }

    @Test func markdownIsAPullRequestComment() throws {
        let result = try vccctl.run(["validate", "--format", "markdown", "examples/invalid/unknown-key.yaml"], in: root)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("### vccctl validate: invalid\n"))
        #expect(result.stdout.contains("| error | `examples/invalid/unknown-key.yaml:6:5` | unknown key 'tokn'"))
    }
}
