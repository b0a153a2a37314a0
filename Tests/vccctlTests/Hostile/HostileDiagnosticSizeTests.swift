import Foundation
import Testing
import TestSupport

/// A 10 MB line or scalar in a file costs a few lines of output, not 10 MB, in every format:
/// quoted lines are windows around the caret, quoted values and messages are clipped.
@Suite struct HostileDiagnosticSizeTests {
    static let huge = 10_000_000

    static let files: [(name: String, text: String)] = [
        ("syntax-error-on-one-line", "a: [" + String(repeating: "x", count: huge) + "}\n"),
        ("huge-scalar-under-unknown-key", "version: 1\ncolour: " + String(repeating: "y", count: huge) + "\n"),
        ("huge-unknown-key", "version: 1\n" + String(repeating: "k", count: huge) + ": 1\n"),
        ("huge-duplicate-key", "version: 1\n? " + String(repeating: "d", count: huge / 2) + "\n: 1\n? "
            + String(repeating: "d", count: huge / 2) + "\n: 2\n"),
        ("huge-bad-value", "version: 1\norgs: {prod: {environment: " + String(repeating: "p", count: huge) + "}}\n"),
    ]

    @Test(arguments: files.map(\.name))
    func aHugeLineGivesASmallReport(_ name: String) throws {
        let text = try #require(Self.files.first { $0.name == name }?.text)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("c.yaml", text)
        for arguments in [["validate", "--format", "text"], ["validate", "--format", "json"], ["validate", "--format", "markdown"],
                          ["plan"], ["plan", "--format", "json"]] {
            let result = try CommandRunner().run(arguments + ["c.yaml"], in: dir.path)
            let command = arguments.joined(separator: " ")
            #expect(result.status == 1, "\(command): \(result.stdout.prefix(2000))\(result.stderr.prefix(2000))")
            let size = result.stdout.utf8.count + result.stderr.utf8.count
            #expect(size > 0 && size < 4_000, "\(name): vccctl \(command) printed \(size) bytes")
            #expect((result.stdout + result.stderr).contains("c.yaml"))
        }
        let shown = try CommandRunner().run(["validate", "c.yaml"], in: dir.path).stdout
        #expect(shown.contains("…"), "the cut is marked: \(shown)")
    }
}
