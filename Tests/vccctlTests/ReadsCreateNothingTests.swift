import Foundation
import Testing
import TestSupport

/// Commands that only read leave the directory they run in exactly as it was: run from a
/// directory without `.vccctl/` they create none, and a saved plan applied from the wrong
/// directory fails naming the plan file and where it looked, before the lock creates state.
@Suite struct ReadsCreateNothingTests {
    /// Every file under `directory` (relative path and bytes), and every directory.
    static func snapshot(_ directory: String) throws -> [String: Data?] {
        var entries: [String: Data?] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: directory))
        while let name = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory)
            // A directory maps to nil (kept: assigning nil through the subscript would drop the key).
            entries.updateValue(isDirectory.boolValue ? nil : FileManager.default.contents(atPath: directory + "/" + name), forKey: name)
        }
        return entries
    }

    @Test func readsFromAnotherDirectoryLeaveItUnchanged() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        try workspace.expect(["plan", "--out", "plan.json"], status: 0)

        // Another directory holding the configuration, but no .vccctl/.
        let elsewhere = try TemporaryDirectory("vccctl-elsewhere")
        defer { elsewhere.remove() }
        try elsewhere.write("vccctl.yaml", try String(contentsOfFile: workspace.configPath, encoding: .utf8))
        let before = try Self.snapshot(elsewhere.path)
        func run(_ arguments: [String], status: Int32) throws -> CommandRunner.Result {
            let result = try workspace.runner.run(arguments, in: elsewhere.path, environment: workspace.environment)
            #expect(result.status == status, "\(arguments): \(result.stdout)\n\(result.stderr)")
            #expect(try Self.snapshot(elsewhere.path) == before, "\(arguments) changed the directory")
            return result
        }

        #expect(try run(["state", "list"], status: 0).stdout.hasPrefix("No state yet: .vccctl/state.sqlite does not exist"))
        #expect(try run(["state", "history"], status: 0).stdout.hasPrefix("No state yet: .vccctl/state.sqlite does not exist"))
        for command in [["plan"], ["drift"], ["explain", "user", "jane@acme.example"]] {
            let result = try run(command, status: 1)
            #expect(result.stderr.contains("error: the embedded org .vccctl/org.sqlite does not exist"), "\(command): \(result.stderr)")
            #expect(result.stderr.contains("run 'vccctl sim seed FILE' first"), "\(result.stderr)")
        }
        let apply = try run(["apply", workspace.path + "/plan.json"], status: 1)
        #expect(apply.stderr.contains("error: the embedded org .vccctl/org.sqlite does not exist"), "\(apply.stderr)")
    }

    @Test func aSavedPlanAppliedFromTheWrongDirectoryNamesTheFileAndTheDirectory() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        try workspace.expect(["plan", "--out", "plan.json"], status: 0)
        let empty = try TemporaryDirectory("vccctl-empty")
        defer { empty.remove() }
        let before = try Self.snapshot(empty.path)
        let apply = try workspace.runner.run(["apply", workspace.path + "/plan.json"], in: empty.path, environment: workspace.environment)
        #expect(apply.status == 1)
        #expect(apply.stderr.contains("error: cannot apply the plan file \(workspace.path)/plan.json: "), "\(apply.stderr)")
        #expect(apply.stderr.contains("it was made from the configuration at '.', read relative to the current directory"),
                "\(apply.stderr)")
        #expect(try Self.snapshot(empty.path) == before, "the failed apply created files")
    }
}
