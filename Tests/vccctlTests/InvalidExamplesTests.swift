import Foundation
import Testing
import TestSupport

/// Every file of examples/invalid/ against its expected diagnostics in examples/invalid/expected/,
/// rendered exactly as a user sees it; and every diagnostic code mapped to the example that shows it.
@Suite struct InvalidExamplesTests {
    static let root = RepositoryRoot.path()
    static let examples: [String] = {
        let folder = root + "/examples/invalid"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    /// Every diagnostic code a configuration or connection file can earn, and the example that
    /// shows it (its golden in examples/invalid/expected/ for configurations; connection files are
    /// checked by ValidateConnectionTests and schema-checked by scripts/check-schemas.sh).
    static let exampleOfCode: [String: String] = [
        "config.api-user-limit": "too-many-accounts-per-api-user.yaml",
        "config.bad-account-key": "bad-account-key.yaml",
        "config.bad-env-name": "bad-env-name.yaml",
        "config.bad-location": "bad-location.yaml",
        "config.bad-name": "bad-org-name.yaml",
        "config.bad-username": "bad-username.yaml",
        "config.bad-value": "bad-enum.yaml",
        "config.bad-version": "bad-version.yaml",
        "config.duplicate-claim": "duplicate-claim.yaml",
        "config.duplicate-location": "duplicate-location.yaml",
        "config.empty": "empty-value.yaml",
        "config.empty-file": "empty.yaml",
        "config.link-without-location": "warning-link-without-location.yaml",
        "config.literal-token": "literal-token.yaml",
        "config.missing-field": "missing-field.yaml",
        "config.undeclared-org": "undeclared-org.yaml",
        "config.unknown-key": "unknown-key.yaml",
        "config.wrong-type": "wrong-type.yaml",
        "yaml.alias-expansion": "billion-laughs.yaml",
        "yaml.bad-merge": "bad-merge.yaml",
        "yaml.duplicate-key": "duplicate-key.yaml",
        "yaml.multiple-documents": "multiple-documents.yaml",
        "yaml.syntax": "unterminated-quote.yaml",
        "yaml.undefined-alias": "undefined-alias.yaml",
        "connection.auth-method": "connection/two-auth-methods.yaml",
        "connection.bad-url": "connection/plain-http-instance.yaml",
        "connection.literal-secret": "connection/literal-secret.yaml",
    ]

    /// Codes no single example file can earn, each with where it is tested instead.
    static let codesWithoutExample: [String: String] = [
        "config.conflict": "two files declaring one org or account differently: MergingTests, DiagnosticsTests",
        "connection.unknown-state-scheme": "a state URL of an unknown scheme: ConnectionSettingsTests",
        "io.no-files": "about the paths given, not a file's content: MergingTests, ValidateCommandTests",
        "io.not-a-file": "a path that is a device or a FIFO, not a file's content: ValidateCommandTests, HostileFileTests",
        "io.name-not-utf8": "a file name that is not UTF-8, which git checkouts may hold but an example should not: HostileFileTests",
        "io.too-large": "a file beyond its read limit (FileSafety's ReadLimit): FileReaderTests",
        "io.unreadable": "a path that cannot be read, not a file's content: MergingTests, ValidateCommandTests",
        "yaml.encoding": "bytes that are not UTF-8, which an example in git should not hold: SyntaxErrorTests",
        "yaml.recursive-alias": "an alias inside its own anchor, which other YAML tools loop on: AliasAndMergeTests",
        "yaml.too-deep": "nesting beyond the parser's limit: SyntaxErrorTests, AliasAndMergeTests",
        "yaml.too-large": "a file beyond the size limit: SyntaxErrorTests",
        "yaml.memory": "libyaml running out of memory: cannot be provoked by a file",
        "yaml.internal": "libyaml failing to allocate a parser: cannot be provoked by a file",
    ]

    /// The codes the sources can emit: every `"config.…"`, `"yaml.…"`, `"io.…"` and
    /// `"connection.…"` literal of the decoding and validation modules.
    static func codesInSources() throws -> Set<String> {
        var codes = Set<String>()
        for module in ["Sources/VCCModel", "Sources/YAMLSyntax"] {
            let folder = root + "/" + module
            let files = try #require(FileManager.default.enumerator(atPath: folder)).compactMap { $0 as? String }
            for file in files where file.hasSuffix(".swift") {
                let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
                for match in text.matches(of: /"((?:config|yaml|io|connection)\.[a-z0-9-]+)"/) { codes.insert(String(match.1)) }
            }
        }
        return codes
    }

    @Test func everyDiagnosticCodeHasAnExampleOrAReason() throws {
        let codes = try Self.codesInSources()
        #expect(codes.count > 20, "the scan finds the codes: \(codes.sorted())")
        let withExample = Set(Self.exampleOfCode.keys)
        let without = Set(Self.codesWithoutExample.keys)
        #expect(codes.subtracting(withExample).subtracting(without).isEmpty,
                "codes with neither an example nor a reason: \(codes.subtracting(withExample).subtracting(without).sorted())")
        #expect(withExample.union(without).subtracting(codes).isEmpty,
                "listed codes no source emits: \(withExample.union(without).subtracting(codes).sorted())")
        #expect(withExample.isDisjoint(with: without))
    }

    /// Each example earns the code it stands for, and a configuration example has its golden.
    @Test(arguments: exampleOfCode.sorted { $0.key < $1.key }.map { [$0.key, $0.value] })
    func theExampleEarnsItsCode(_ pair: [String]) throws {
        let (code, name) = (pair[0], pair[1])
        let isConnection = name.hasPrefix("connection/")
        let arguments = isConnection
            ? ["validate", "--format", "json", "--connection", "examples/invalid/" + name, "examples/quickstart"]
            : ["validate", "--format", "json", "examples/invalid/" + name]
        let result = try CommandRunner().run(arguments, in: Self.root)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
        let codes = (document["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes.contains(code), "\(name) earns \(codes), not \(code)")
        if !isConnection {
            let golden = Self.root + "/examples/invalid/expected/" + name.replacingOccurrences(of: ".yaml", with: ".txt")
            #expect(FileManager.default.fileExists(atPath: golden), "no golden for \(name)")
        }
    }

    @Test(arguments: examples)
    func matchesGolden(_ name: String) throws {
        let result = try CommandRunner().run(["validate", "examples/invalid/" + name], in: Self.root)
        let isWarningOnly = name.hasPrefix("warning-")
        #expect(result.status == (isWarningOnly ? 0 : 1), "\(name): \(result.stdout)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains(isWarningOnly ? ": warning: " : ": error: "))
        let golden = Self.root + "/examples/invalid/expected/" + name.replacingOccurrences(of: ".yaml", with: ".txt")
        if let difference = Golden.check(result.stdout, at: golden) { Issue.record("\(difference)") }
    }

    @Test(arguments: examples)
    func jsonNamesTheSameFindings(_ name: String) throws {
        let result = try CommandRunner().run(["validate", "--format", "json", "examples/invalid/" + name], in: Self.root)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["format_version"] as? Int == 1)
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        #expect(!diagnostics.isEmpty)
        for diagnostic in diagnostics {
            #expect(diagnostic["file"] as? String == "examples/invalid/" + name)
            let range = try #require(diagnostic["range"] as? [String: [String: Int]])
            #expect((range["start"]?["line"] ?? 0) >= 1)
            #expect((range["start"]?["column"] ?? 0) >= 1)
            #expect(["error", "warning"].contains(diagnostic["severity"] as? String))
        }
    }
}
