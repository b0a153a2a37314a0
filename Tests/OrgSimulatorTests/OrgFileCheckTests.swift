import Foundation
import GRDB
import OrgSimulator
import Testing
import TestSupport

/// The embedded org's file follows the state file's rules: another SQLite database is refused
/// without a byte of it changed, a file of a newer vccctl is refused, and SQLite's failures come
/// back as messages that name the file and what to do.
@Suite struct OrgFileCheckTests {
    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func anotherDatabaseIsRefusedUntouched() throws {
        let directory = try TemporaryDirectory("orgfile")
        defer { directory.remove() }
        let path = directory.path + "/notes.sqlite"
        let raw = try DatabaseQueue(path: path)
        try raw.write { db in try db.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')") }
        try raw.close()
        let before = try Self.bytes(path)

        let error = #expect(throws: SimulatorError.self) { try OrgSimulator(path: path) }
        #expect(error == .notAnOrgFile(path: path))
        #expect(error?.message.contains("left untouched") == true && error?.message.contains("VCCCTL_LOCAL_ORG") == true)
        #expect(try Self.bytes(path) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let check = try DatabaseQueue(path: path)
        defer { try? check.close() }
        #expect(try check.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") } == ["notes"])
    }

    @Test func anOrgOfANewerVccctlIsRefused() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let raw = try DatabaseQueue(path: fixture.path)
        try raw.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try raw.close()
        let error = #expect(throws: SimulatorError.self) { try OrgSimulator(path: fixture.path) }
        #expect(error == .newerOrgFile(path: fixture.path))
        #expect(error?.message.contains("upgrade vccctl") == true)
    }

    @Test func aFileThatIsNotADatabaseSaysWhatToDo() throws {
        let directory = try TemporaryDirectory("orgfile")
        defer { directory.remove() }
        let path = try directory.write("org.sqlite", String(repeating: "not a database. ", count: 512))
        let error = #expect(throws: SimulatorError.self) { try OrgSimulator(path: path) }
        guard case .damagedOrgFile(let named, _)? = error else {
            Issue.record("expected damagedOrgFile, got \(String(describing: error))")
            return
        }
        #expect(named == path)
        #expect(error?.message.contains("vccctl sim seed FILE") == true, "\(error!)")
        #expect(!(error?.message.contains("SQLite error") ?? true), "\(error!)")
    }

    /// A new or empty file is still an org file in the making.
    @Test func anEmptyFileBecomesAnOrg() throws {
        let directory = try TemporaryDirectory("orgfile")
        defer { directory.remove() }
        let path = try directory.write("org.sqlite", "")
        let simulator = try OrgSimulator(path: path)
        _ = try simulator.seed(SimulatorFixture.seed)
        #expect(try simulator.snapshot().orgs.map(\.org.name).sorted() == ["prod", "uat"])
    }
}
