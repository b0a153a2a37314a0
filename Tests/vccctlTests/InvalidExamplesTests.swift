import Foundation
import Testing
import TestSupport

/// Every file of examples/invalid/ against its expected diagnostics in examples/invalid/expected/:
/// one golden per diagnostic class, rendered exactly as a user sees it.
@Suite struct InvalidExamplesTests {
    static let root = RepositoryRoot.path()
    static let examples: [String] = {
        let folder = root + "/examples/invalid"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test func thereIsAnExamplePerDiagnosticClass() {
        #expect(Self.examples.count >= 20)
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
