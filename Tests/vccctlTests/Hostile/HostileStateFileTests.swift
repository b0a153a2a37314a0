import Foundation
import GRDB
import Testing
import TestSupport

/// A state file damaged or tampered with, as a hostile tester leaves it, run through the built
/// binary: a state that lost its identity, a zero-byte state file and a write-ahead log copied in
/// from another state are refused by every command (exit 1, a message that says what to do),
/// and none of them is written to. (A log left by vccctl's own `kill -9` is replayed:
/// CrashConvergenceTests.)
@Suite struct HostileStateFileTests {
    static let commands: [[String]] = [
        ["plan", "vccctl.yaml"], ["apply", "--auto-approve", "vccctl.yaml"], ["state", "list"], ["state", "history"],
    ]

    /// The quickstart without links, applied: a state with resources and history.
    static func appliedWorkspace() throws -> EndToEndWorkspace {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        try workspace.expect(["apply", "--auto-approve", "vccctl.yaml"], status: 0)
        return workspace
    }

    static func statePath(_ workspace: EndToEndWorkspace) -> String { workspace.path + "/.vccctl/state.sqlite" }

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    func expectRefused(_ workspace: EndToEndWorkspace, saying text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for command in Self.commands {
            let result = try workspace.expect(command, status: 1, sourceLocation: sourceLocation)
            #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(text),
                    "vccctl \(command.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(!result.stdout.contains("applied"), "\(result.stdout)", sourceLocation: sourceLocation)
        }
    }

    @Test func aStateWhoseIdentityIsGoneIsRefusedNotStartedAgain() throws {
        let workspace = try Self.appliedWorkspace()
        defer { workspace.remove() }
        let path = Self.statePath(workspace)
        let raw = try DatabaseQueue(path: path)
        try raw.write { db in try db.execute(sql: "DELETE FROM meta") }
        try raw.close()

        try expectRefused(workspace, saying: "its identity (lineage and serial) is gone")
        let check = try DatabaseQueue(path: path)
        defer { try? check.close() }
        let counts = try check.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM meta"), try Int.fetchOne(db, sql: "SELECT count(*) FROM apply_history"))
        }
        #expect(counts.0 == 0, "no new lineage was written")
        #expect(counts.1 == 1)
    }

    @Test func aZeroByteStateFileIsRefusedAndStaysEmpty() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        let path = Self.statePath(workspace)
        try Data().write(to: URL(fileURLWithPath: path))
        try expectRefused(workspace, saying: "is empty (no vccctl tables)")
        #expect(try Self.bytes(path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aLogCopiedInFromAnotherStateIsRefusedUntilMovedAside() throws {
        let workspace = try Self.appliedWorkspace()
        defer { workspace.remove() }
        let other = try Self.appliedWorkspace()
        defer { other.remove() }
        let path = Self.statePath(workspace)
        // The state's own log, if one is left, copied into the file: the file alone holds the state.
        let own = try DatabaseQueue(path: path)
        try own.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try own.close()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let before = try Self.bytes(path)

        // The other state, open in a process that writes to it: its log holds frames.
        let otherPath = Self.statePath(other)
        var configuration = Configuration()
        configuration.journalMode = .wal
        let writer = try DatabaseQueue(path: otherPath, configuration: configuration)
        defer { try? writer.close() }
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        try writer.write { db in try db.execute(sql: "UPDATE meta SET serial = serial + 1") }
        try FileManager.default.copyItem(atPath: otherPath + "-wal", toPath: path + "-wal")

        try expectRefused(workspace, saying: "the write-ahead log .vccctl/state.sqlite-wal does not belong to the state file .vccctl/state.sqlite")
        #expect(try Self.bytes(path) == before, "the foreign log was not written into the state")

        // The way out the message gives.
        try FileManager.default.moveItem(atPath: path + "-wal", toPath: path + "-wal.foreign")
        try? FileManager.default.removeItem(atPath: path + "-shm")
        try workspace.expect(["plan", "--detailed-exitcode", "vccctl.yaml"], status: 0)
    }
}
