import Foundation
import Testing
import OrgSimulator

@Suite struct SettingsTests {
    @Test func oneRecordPerOwner() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let ids = try fixture.ids()
        let sales = try #require(ids.profiles["Sales"])
        let first = try fixture.simulator.createSettings(org: "prod", [NewSetting(ownerId: sales, clientId: "ACME-EU-01")])
        #expect(first.value[0].success)
        let firstId = try #require(first.value[0].id)
        #expect(firstId.hasPrefix("a0X") && firstId.count == 18)

        // A second record for the same owner, also with the 15-character form of its Id.
        let second = try fixture.simulator.createSettings(org: "prod", [
            NewSetting(ownerId: sales, clientId: "ACME-EU-02"),
            NewSetting(ownerId: String(sales.prefix(15)), clientId: "ACME-EU-03"),
        ])
        for result in second.value {
            #expect(!result.success)
            #expect(result.id == nil)
            #expect(result.errors.map(\.statusCode) == ["DUPLICATE_VALUE"])
            #expect(result.errors[0].message.contains(firstId))
            #expect(result.errors[0].fields == ["SetupOwnerId"])
        }
        let records = try fixture.simulator.querySettings(org: "prod").value
        #expect(records.map(\.clientId) == ["ACME-EU-01"])
    }

    @Test func duplicateOwnerInOneRequestKeepsTheFirst() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let ids = try fixture.ids()
        let results = try fixture.simulator.createSettings(org: "prod", [
            NewSetting(ownerId: ids.org, clientId: "A"),
            NewSetting(ownerId: ids.org, clientId: "B"),
        ]).value
        #expect(results.map(\.success) == [true, false])
        #expect(try fixture.simulator.querySettings(org: "prod").value.map(\.clientId) == ["A"])
    }

    @Test func unknownOrMalformedOwnerIsRejected() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let uat = try fixture.ids(org: "uat")
        let results = try fixture.simulator.createSettings(org: "prod", [
            NewSetting(ownerId: "005000000000000AAA", clientId: "A"),
            NewSetting(ownerId: try #require(uat.profiles["VCC API"]), clientId: "A"),
            NewSetting(ownerId: uat.org, clientId: "A"),
            NewSetting(ownerId: "not-an-id", clientId: "A"),
            NewSetting(ownerId: "a0X000000000000EAA", clientId: "A"),
        ]).value
        #expect(results.map { $0.errors.first?.statusCode } == [
            "INVALID_CROSS_REFERENCE_KEY", "INVALID_CROSS_REFERENCE_KEY", "INVALID_CROSS_REFERENCE_KEY",
            "MALFORMED_ID", "INVALID_CROSS_REFERENCE_KEY",
        ])
        #expect(try fixture.simulator.querySettings(org: "prod").value.isEmpty)
    }

    @Test func requestsOver200AreSplitCountedAndAnsweredInOrder() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let userCount = 450
        try fixture.simulator.seed(DirectorySeed(orgs: [
            OrgSeed(name: "prod", environment: .production, profiles: ["Sales"],
                    users: (0..<userCount).map { UserSeed(username: "u\($0)@acme.example", profile: "Sales") }),
        ]))
        let ids = try fixture.ids()
        var records = (0..<userCount).map { index in
            NewSetting(ownerId: ids.users["u\(index)@acme.example"] ?? "", clientId: "KEY-\(index % 7)")
        }
        // Failures in the second and third request, to see results keep their input positions.
        records[201] = NewSetting(ownerId: records[0].ownerId, clientId: "DUP")
        records[300] = NewSetting(ownerId: "005000000000000AAA", clientId: "X")

        let usageBefore = try fixture.simulator.apiUsage(org: "prod")
        let created = try fixture.simulator.createSettings(org: "prod", records)
        #expect(created.apiCalls == 3, "450 records are requests of 200, 200 and 50")
        #expect(try fixture.simulator.apiUsage(org: "prod") == usageBefore + 3)
        #expect(created.value.count == userCount)
        #expect(created.value[201].errors.first?.statusCode == "DUPLICATE_VALUE")
        #expect(created.value[300].errors.first?.statusCode == "INVALID_CROSS_REFERENCE_KEY")
        #expect(created.value.filter(\.success).count == userCount - 2)

        let queried = try fixture.simulator.querySettings(org: "prod")
        #expect(queried.apiCalls == 1)
        #expect(queried.value.count == userCount - 2)
        // Results carry the Id of the record made from the input at the same position.
        let byId = Dictionary(uniqueKeysWithValues: queried.value.map { ($0.id, $0) })
        for (index, result) in created.value.enumerated() where result.success {
            let id = try #require(result.id)
            let record = try #require(byId[id])
            #expect(record.ownerId == records[index].ownerId)
            #expect(record.clientId == records[index].clientId)
        }

        let updates = queried.value.map { SettingUpdate(id: $0.id, clientId: .set("NEW")) }
        let updated = try fixture.simulator.updateSettings(org: "prod", updates)
        #expect(updated.apiCalls == 3)
        #expect(updated.value.allSatisfy { $0.success })
        #expect(updated.value.map(\.id) == queried.value.map(\.id))

        let deleted = try fixture.simulator.deleteSettings(org: "prod", queried.value.map(\.id))
        #expect(deleted.apiCalls == 3)
        #expect(deleted.value.allSatisfy { $0.success })
        #expect(try fixture.simulator.querySettings(org: "prod").value.isEmpty)
    }

    @Test func queryIsMeteredPerPageOf2000() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        #expect(try fixture.simulator.querySettings(org: "prod").apiCalls == 1, "an empty result still costs a call")
        try fixture.simulator.seed(DirectorySeed(orgs: [
            OrgSeed(name: "prod", environment: .production, profiles: ["Sales"],
                    users: (0..<2001).map { UserSeed(username: "u\($0)@acme.example", profile: "Sales") }),
        ]))
        let ids = try fixture.ids()
        let created = try fixture.simulator.createSettings(org: "prod", ids.users.values.map { NewSetting(ownerId: $0, clientId: "K") })
        #expect(created.apiCalls == 11, "2005 records in requests of 200")
        let queried = try fixture.simulator.querySettings(org: "prod")
        #expect(queried.value.count == 2005)
        #expect(queried.apiCalls == 2)
        #expect(queried.value.map(\.id) == queried.value.map(\.id).sorted(), "records come in Id order")
    }

    @Test func updateAndDeleteErrors() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let ids = try fixture.ids()
        let id = try #require(
            try fixture.simulator.createSettings(org: "prod", [NewSetting(ownerId: ids.org, clientId: "A")]).value[0].id)
        #expect(try fixture.simulator.deleteSettings(org: "prod", [id]).value == [RecordResult(id: id, success: true)])

        let again = try fixture.simulator.deleteSettings(org: "prod", [id, "a0X000000000000EAA", "bad"]).value
        #expect(again.map { $0.errors.first?.statusCode } == ["ENTITY_IS_DELETED", "NOT_FOUND", "MALFORMED_ID"])
        #expect(again.map(\.success) == [false, false, false])
        let update = try fixture.simulator.updateSettings(org: "prod", [
            SettingUpdate(id: id, clientId: .set("B")), SettingUpdate(id: "a0X000000000000EAA", clientId: .set("B")),
        ]).value
        #expect(update.map { $0.errors.first?.statusCode } == ["ENTITY_IS_DELETED", "NOT_FOUND"])
        #expect(try fixture.simulator.createSettings(org: "prod", []).apiCalls == 0, "nothing to send, no call")
        #expect(throws: SimulatorError.unknownOrg("nope")) {
            try fixture.simulator.createSettings(org: "nope", [NewSetting(ownerId: ids.org)])
        }
        #expect(throws: SimulatorError.unknownOrg("nope")) {
            try fixture.simulator.deleteSettings(org: "nope", [])
        }
    }

    @Test func updatesFollowPatchSemantics() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let ids = try fixture.ids()
        let id = try #require(try fixture.simulator.createSettings(org: "prod", [
            NewSetting(ownerId: ids.org, clientId: "A", baseURL: "https://vcc.example", flags: ""),
        ]).value[0].id)
        var record = try #require(try fixture.simulator.querySettings(org: "prod").value.first)
        #expect(record.flags == nil, "an empty text value is stored as null")
        #expect(record.ownerKind == .org)

        _ = try fixture.simulator.updateSettings(org: "prod", [SettingUpdate(id: id, clientId: .set("B"), baseURL: .clear)])
        record = try #require(try fixture.simulator.querySettings(org: "prod").value.first)
        #expect(record.clientId == "B")
        #expect(record.baseURL == nil)

        let tooLong = String(repeating: "x", count: 256)
        let result = try fixture.simulator.updateSettings(org: "prod", [SettingUpdate(id: id, clientId: .set(tooLong))])
        #expect(result.value[0].errors.first?.statusCode == "STRING_TOO_LONG")
        #expect(try fixture.simulator.querySettings(org: "prod").value.first?.clientId == "B")
    }

    @Test func adminActionsByOwnerName() throws {
        let clock = ManualClock()
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let simulator = try OrgSimulator(path: fixture.path, clock: clock.source)
        let created = try simulator.setSetting(org: "prod", owner: .profile("Support Agent"), clientId: "ACME-EU-01")
        #expect(created.clientId == "ACME-EU-01")
        #expect(created.lastModified == clock.now())
        clock.advance(60)
        let changed = try simulator.setSetting(org: "prod", owner: .profile("Support Agent"), clientId: "ACME-EU-02")
        #expect(changed.id == created.id, "the owner's one record is updated, not duplicated")
        #expect(changed.lastModified == clock.now())
        let noKey = try simulator.setSetting(org: "prod", owner: .user("jane@acme.example"), clientId: nil)
        #expect(noKey.clientId == nil)

        try simulator.deleteSetting(org: "prod", owner: .profile("Support Agent"))
        #expect(throws: SimulatorError.settingNotFound(org: "prod", owner: .profile("Support Agent"))) {
            try simulator.deleteSetting(org: "prod", owner: .profile("Support Agent"))
        }
        #expect(throws: SimulatorError.unknownProfile(org: "prod", name: "Nope")) {
            try simulator.setSetting(org: "prod", owner: .profile("Nope"), clientId: "A")
        }
        #expect(throws: SimulatorError.unknownUser(org: "prod", username: "ghost@acme.example")) {
            try simulator.deleteSetting(org: "prod", owner: .user("ghost@acme.example"))
        }
        #expect(try simulator.apiUsage(org: "prod") == 0, "admin clicks in Setup are not API calls")
    }

    @Test func retiredTokenIsVisibleToQueriesAndClearable() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        try fixture.simulator.setSetting(org: "prod", owner: .org, clientId: "ACME-EU-01")
        try fixture.simulator.setRetiredToken(org: "prod", owner: .org, token: "old-plaintext")
        #expect(try fixture.simulator.querySettings(org: "prod").value.first?.retiredToken == "old-plaintext")
        let snapshot = try fixture.simulator.snapshot()
        #expect(snapshot.orgs[0].settings.first?.retiredTokenPresent == true)
        #expect(!String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self).contains("old-plaintext"))

        try fixture.simulator.clearRetiredToken(org: "prod", owner: .org)
        #expect(try fixture.simulator.querySettings(org: "prod").value.first?.retiredToken == nil)

        // The migration a plan makes: clear the field through the API.
        try fixture.simulator.setRetiredToken(org: "prod", owner: .org, token: "old-plaintext")
        let id = try #require(try fixture.simulator.querySettings(org: "prod").value.first?.id)
        _ = try fixture.simulator.updateSettings(org: "prod", [SettingUpdate(id: id, retiredToken: .clear)])
        #expect(try fixture.simulator.querySettings(org: "prod").value.first?.retiredToken == nil)
        #expect(throws: SimulatorError.settingNotFound(org: "prod", owner: .profile("Sales"))) {
            try fixture.simulator.setRetiredToken(org: "prod", owner: .profile("Sales"), token: "t")
        }
    }
}
