import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A change that fails, end to end: apply exits 1, the history says `failed`, the changes that
/// depend on it are not attempted, and the next plan plans both again.
@Suite struct FailedChangeTests {
    static let jane = #"setting.prod.user["jane@acme.example"]"#
    static let newSecret = #"secret.prod["ACME-NEW-01"]"#

    /// Applies on a terminal (`script` gives one), and while apply waits for `yes` after printing
    /// its plan, runs `meanwhile`: the world moves between the plan and its apply, in that order.
    static func applyAnswering(_ workspace: EndToEndWorkspace, meanwhile: () throws -> Void) throws -> (status: Int32, output: String) {
        let scratch = try TemporaryDirectory("vccctl-failed")
        defer { scratch.remove() }
        let outputPath = try scratch.write("output", "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ConsentWaitTests.script)
        process.arguments = ["-qec", "\(CommandRunner().executable) apply", "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: workspace.path)
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "TERM": "dumb"]
            .merging(workspace.environment) { $1 }
        let input = Pipe()
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        func written() -> String {
            String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self)
        }
        // A deadline only so that a broken apply fails the test instead of hanging it.
        let deadline = ContinuousClock.now + .seconds(120)
        while !written().contains("Enter a value"), process.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
        try #require(written().contains("Enter a value"), "apply never asked:\n\(written())")
        try meanwhile()
        input.fileHandleForWriting.write(Data("yes\n".utf8))
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        try? output.close()
        return (process.terminationStatus, written().replacingOccurrences(of: "\r\n", with: "\n"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ConsentWaitTests.script)))
    func aFailedChangeExitsOneSkipsWhatDependsOnItAndIsPlannedAgain() throws {
        var workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        // jane moves to a new account: her record is updated to its key, then its token is stored
        // (Secrets Management lists a key only once a record carries it).
        workspace.environment["VCC_TOKEN_ACME_NEW"] = "CANARY-new-" + UUID().uuidString.lowercased()
        try workspace.editConfig { text in
            text.replacingOccurrences(of: "        - {user: jane@acme.example}\n", with: "")
                + "\n  ACME-NEW-01:\n    token: {env: VCC_TOKEN_ACME_NEW}\n    locations:\n      prod:\n        - {user: jane@acme.example}\n"
        }

        let apply = try Self.applyAnswering(workspace) {
            // Someone deletes jane's record after the plan was printed: its update cannot land.
            try workspace.expect(["sim", "delete-setting", "--org", "prod", "--user", "jane@acme.example"], status: 0)
        }
        #expect(apply.status == 1, "\(apply.output)")
        #expect(apply.output.contains("\(Self.jane): failed ENTITY_IS_DELETED"), "\(apply.output)")
        #expect(apply.output.contains("\(Self.newSecret): failed DEPENDENCY_FAILED"), "\(apply.output)")
        #expect(apply.output.contains("0 applied, 2 failed"), "\(apply.output)")

        let history = try workspace.expect(["state", "history", "--limit", "1", "--format", "json"], status: 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])
        let newest = try #require((document["applies"] as? [[String: Any]])?.first)
        #expect(newest["status"] as? String == "failed", "\(newest)")
        let outcomes = try #require(newest["outcomes"] as? [[String: Any]])
        let codes = Dictionary(uniqueKeysWithValues: outcomes.compactMap { outcome in
            (outcome["address"] as? String).map { ($0, "\(outcome["status"] ?? "")/\(outcome["code"] ?? "")") }
        })
        #expect(codes == [Self.jane: "failed/ENTITY_IS_DELETED", Self.newSecret: "failed/DEPENDENCY_FAILED"], "\(outcomes)")

        // Nothing that failed is in state; the next plan creates the record and stores the token.
        let plan = try workspace.expect(["plan", "--detailed-exitcode"], status: 2)
        #expect(plan.stdout.contains("# \(Self.jane) will be created"), "\(plan.stdout)")
        #expect(plan.stdout.contains("# \(Self.newSecret) will be set"), "\(plan.stdout)")
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
    }
}
