import Foundation
import Testing
import OrgSimulator
import TestSupport

@Suite struct PersistenceTests {
    @Test func everythingSurvivesReopening() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        try fixture.simulator.setSetting(org: "prod", owner: .org, clientId: "ACME-EU-01")
        try fixture.simulator.setToken(org: "prod", clientId: "ACME-EU-01", token: "t")
        try fixture.simulator.startLink(key: "ACME-EU-01", org: "prod", username: "vcc-api@acme.example")
        try fixture.simulator.giveConsent(key: "ACME-EU-01", as: "vcc-api@acme.example")
        _ = try fixture.simulator.querySettings(org: "prod")
        let before = try fixture.simulator.snapshot()

        let reopened = try fixture.reopen()
        #expect(try reopened.snapshot() == before)
        #expect(try reopened.tokenMatches(org: "prod", clientId: "ACME-EU-01", token: "t"))
        // Id counters persist too: a new record gets a fresh Id.
        let created = try reopened.setSetting(org: "prod", owner: .profile("Sales"), clientId: "B")
        #expect(!before.orgs[0].settings.map(\.id).contains(created.id))
    }

    @Test func databaseFileIsOwnerOnly() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        try fixture.simulator.setSetting(org: "prod", owner: .org, clientId: "K")
        let folder = URL(fileURLWithPath: fixture.path).deletingLastPathComponent().path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(names.contains("org.sqlite"))
        for name in names {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + name)
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
            #expect(mode == 0o600, "\(name) is owner-only")
        }
    }

    /// vccctl changes the mode only of files it creates: an existing file keeps its own.
    @Test func anExistingFilesModeIsLeftAlone() throws {
        let directory = try TemporaryDirectory("orgsim")
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("org.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o640]))
        _ = try OrgSimulator(path: path)
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o640)
    }

    /// A dangling link is not followed to create a database where it points.
    @Test func aDanglingLinkIsRefusedNotFollowed() throws {
        let directory = try TemporaryDirectory("orgsim")
        defer { directory.remove() }
        let path = directory.path + "/org.sqlite"
        #expect(SpecialFiles.makeSymbolicLink(path, to: directory.path + "/elsewhere.sqlite"))
        let error = #expect(throws: SimulatorError.self) { try OrgSimulator(path: path) }
        #expect(error.map { "\($0)" }?.contains("it is a symbolic link") == true, "\(String(describing: error))")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/elsewhere.sqlite"))
    }

    @Test func notADatabaseIsAStorageError() throws {
        let directory = try TemporaryDirectory("orgsim")
        defer { directory.remove() }
        let path = try directory.write("org.sqlite", String(repeating: "not a database ", count: 100))
        let error = #expect(throws: SimulatorError.self) { try OrgSimulator(path: path) }
        #expect(error?.statusCode == "STORAGE_ERROR")
    }

    @Test func twoInstancesShareOneFile() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let other = try fixture.reopen()
        try other.setSetting(org: "prod", owner: .org, clientId: "K")
        #expect(try fixture.simulator.querySettings(org: "prod").value.map(\.clientId) == ["K"])
        #expect(try other.apiUsage(org: "prod") == 1)
    }

    @Test func concurrentWritersDoNotLoseRecords() async throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        try fixture.simulator.seed(DirectorySeed(orgs: [
            OrgSeed(name: "prod", environment: .production, profiles: ["Sales"],
                    users: (0..<400).map { UserSeed(username: "u\($0)@acme.example", profile: "Sales") }),
        ]))
        let userIds = try fixture.ids().users.values.sorted()
        let simulators = [fixture.simulator, try fixture.reopen()]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, part) in stride(from: 0, to: userIds.count, by: 50).enumerated() {
                let simulator = simulators[index % 2]
                let owners = Array(userIds[part..<min(part + 50, userIds.count)])
                group.addTask {
                    _ = try simulator.createSettings(org: "prod", owners.map { NewSetting(ownerId: $0, clientId: "K") })
                }
            }
            try await group.waitForAll()
        }
        let records = try fixture.simulator.querySettings(org: "prod").value
        #expect(records.count == userIds.count)
        #expect(Set(records.map(\.id)).count == userIds.count, "Ids stay unique across connections")
    }
}
