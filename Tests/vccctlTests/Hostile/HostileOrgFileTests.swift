import Foundation
import GRDB
import Testing
import TestSupport

/// The embedded org's file named at another SQLite database, or written by a newer vccctl: every
/// command that opens it (`sim show` included) refuses it with exit 1 and a message that says
/// what to do, and not a byte of the file changes.
@Suite struct HostileOrgFileTests {
    static let commands: [[String]] = [["sim", "show"], ["plan", "vccctl.yaml"], ["sim", "seed", "sim/directory.yaml"]]

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func anotherDatabaseIsRefusedUntouched() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false, seed: false)
        defer { workspace.remove() }
        let path = workspace.path + "/notes.sqlite"
        let raw = try DatabaseQueue(path: path)
        try raw.write { db in try db.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')") }
        try raw.close()
        let before = try Self.bytes(path)
        for command in Self.commands {
            let result = try workspace.expect(command, status: 1, environment: ["VCCCTL_LOCAL_ORG": path])
            #expect(result.stderr.contains("is a SQLite database but not a vccctl embedded org"), "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("SQLite error"), "\(result.stderr)")
        }
        #expect(try Self.bytes(path) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    /// A zero-byte org file (a `sim seed` killed before it wrote, a truncated file) is not an
    /// empty org to plan every setting against: plan, apply and drift refuse it untouched, and
    /// `sim seed` creates the org in it.
    @Test func anEmptyOrgFileIsRefusedUntilSeeded() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false, seed: false)
        defer { workspace.remove() }
        try FileManager.default.createDirectory(atPath: workspace.path + "/.vccctl", withIntermediateDirectories: true)
        let path = workspace.path + "/.vccctl/org.sqlite"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        for command in [["plan", "vccctl.yaml"], ["apply", "--auto-approve", "vccctl.yaml"], ["drift", "vccctl.yaml"]] {
            let result = try workspace.expect(command, status: 1)
            #expect(result.stderr.contains("holds no org") && result.stderr.contains("vccctl sim seed FILE"), "\(command): \(result.stderr)")
            #expect(try Self.bytes(path).isEmpty, "\(command) left the file untouched")
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.path + "/.vccctl/state.sqlite"), "nothing was applied")
        try workspace.expect(["sim", "seed", "sim/directory.yaml"], status: 0)
        try workspace.expect(["apply", "--auto-approve", "vccctl.yaml"], status: 0)
    }

    @Test func anOrgOfANewerVccctlIsRefused() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        let path = workspace.path + "/.vccctl/org.sqlite"
        let raw = try DatabaseQueue(path: path)
        try raw.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try raw.close()
        for command in Self.commands {
            let result = try workspace.expect(command, status: 1)
            #expect(result.stderr.contains("was written by a newer vccctl") && result.stderr.contains("upgrade vccctl"),
                    "\(command): \(result.stderr)")
        }
    }
}
