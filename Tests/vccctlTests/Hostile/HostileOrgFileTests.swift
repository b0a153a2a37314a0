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
