import Foundation
import Testing
import TestSupport

/// A token pasted into a configuration must not reach any output: not the quoted source line, not
/// a message, not JSON or Markdown.
@Suite struct SecretRedactionTests {
    static let canary = "CANARY-7f3a9c-tok"

    @Test(arguments: ["text", "json", "markdown"])
    func literalTokensNeverAppear(_ format: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("c.yaml", """
            version: 1
            orgs: {prod: {environment: production}}
            accounts:
              A-1: {token: \(Self.canary), locations: {prod: [{user: bad user}]}}
              A-2:
                token: {env: OK, value: \(Self.canary)}
              A-3:
                token: |
                  \(Self.canary)
                  \(Self.canary)
              A-4:
                token: [\(Self.canary)]
            """)
        let result = try CommandRunner().run(["validate", "--format", format, "c.yaml"], in: dir.path,
                                             environment: ["OK": Self.canary])
        #expect(result.status == 1)
        #expect(!result.stdout.contains(Self.canary), "\(result.stdout)")
        #expect(!result.stderr.contains(Self.canary))
        #expect(!result.stdout.contains("CANARY"))
        if format == "text" {
            #expect(result.stdout.contains("c.yaml:4:16: error: 'token' of account 'A-1' is written in the file"))
            #expect(result.stdout.contains("c.yaml:6:22: error: unknown key in 'token' of account 'A-2'; it is not shown: it may be a pasted credential"))
        }
    }
}
