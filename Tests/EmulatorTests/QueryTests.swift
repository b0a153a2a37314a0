import Emulator
import Foundation
import OrgSimulator
import Testing

@Suite struct QueryTests {
    /// `count` settings records, one per user owner, made directly in the simulator.
    static func manySettings(_ count: Int) -> (OrgSimulator) throws -> Void {
        { simulator in
            try simulator.addProfile(org: "prod", name: "Bulk")
            for index in 0..<count {
                try simulator.addUser(org: "prod", UserSeed(username: "bulk\(index)@acme.example", profile: "Bulk"))
            }
            let ids = try simulator.reading { access in try access.users(org: "prod").filter { $0.username.hasPrefix("bulk") }.map(\.id) }
            _ = try simulator.createSettings(org: "prod", ids.map { NewSetting(ownerId: $0, clientId: "KEY-\($0.suffix(4))") })
        }
    }

    static func encode(_ query: String) -> String {
        query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? query
    }

    @Test func pagesFollowNextRecordsUrl() async throws {
        let fixture = try await EmulatorFixture.start(prepare: Self.manySettings(4500))
        defer { Task { await fixture.stop() } }
        var path = "/services/data/v67.0/query/?q=" + Self.encode("SELECT Id, NVMContactWorld__clientId__c FROM NVMContactWorld__Settings__c")
        var ids: [String] = []
        var pages = 0
        while true {
            let reply = try await fixture.get(path)
            #expect(reply.status == 200)
            #expect(reply.object["totalSize"] as? Int == 4500)
            let records = reply.object["records"] as? [[String: Any]] ?? []
            ids += records.compactMap { $0["Id"] as? String }
            pages += 1
            if reply.object["done"] as? Bool == true { break }
            let next = try #require(reply.object["nextRecordsUrl"] as? String)
            #expect(next.hasPrefix("/services/data/v67.0/query/01g"))
            #expect(records.count == 2000)
            path = next
        }
        #expect(pages == 3)
        #expect(ids.count == 4500 && Set(ids).count == 4500)
        #expect(ids == ids.sorted())
    }

    @Test func batchSizeSetsThePageSize() async throws {
        let fixture = try await EmulatorFixture.start(prepare: Self.manySettings(450))
        defer { Task { await fixture.stop() } }
        let reply = try await fixture.get("/services/data/v67.0/query?q=" + Self.encode("SELECT Id FROM NVMContactWorld__Settings__c"),
                                          headers: [("Sforce-Query-Options", "batchSize=200")])
        #expect((reply.object["records"] as? [Any])?.count == 200)
        let next = try #require(reply.object["nextRecordsUrl"] as? String)
        #expect(next.hasSuffix("-200"))
        let second = try await fixture.get(next, headers: [("Sforce-Query-Options", "batchSize=200")])
        #expect((second.object["records"] as? [Any])?.count == 200)
        #expect(second.object["done"] as? Bool == false)
    }

    @Test func badLocatorsAreRefused() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        for locator in ["01gSm0000000000AAA-2000", "nonsense", "01g-x"] {
            let reply = try await fixture.get("/services/data/v67.0/query/\(locator)")
            #expect(reply.status == 400)
            #expect(reply.errorCode == "INVALID_QUERY_LOCATOR")
        }
    }

    @Test func queryErrors() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let cases = [("SELECT FROM User", "MALFORMED_QUERY"), ("SELECT Bogus FROM User", "INVALID_FIELD"),
                     ("SELECT Id FROM Bogus__c", "INVALID_TYPE"), ("SELEKT Id FROM User", "MALFORMED_QUERY")]
        for (query, code) in cases {
            let reply = try await fixture.get("/services/data/v67.0/query/?q=" + Self.encode(query))
            #expect(reply.status == 400, "\(query)")
            #expect(reply.errorCode == code, "\(query): \(reply.body)")
            #expect(reply.array.first?["message"] is String)
        }
    }

    @Test func typeOfSetupOwnerShapesEachOwnerKind() async throws {
        let fixture = try await EmulatorFixture.start { simulator in
            try simulator.setSetting(org: "prod", owner: .org, clientId: "ORG-KEY")
            try simulator.setSetting(org: "prod", owner: .profile("Support Agent"), clientId: "PROFILE-KEY")
            try simulator.setSetting(org: "prod", owner: .user("jane@acme.example"), clientId: "USER-KEY")
        }
        defer { Task { await fixture.stop() } }
        let query = "SELECT Id, SetupOwnerId, TYPEOF SetupOwner WHEN User THEN Username, IsActive, Profile.Name WHEN Profile THEN Name ELSE Name END, NVMContactWorld__clientId__c FROM NVMContactWorld__Settings__c ORDER BY NVMContactWorld__clientId__c"
        let reply = try await fixture.get("/services/data/v67.0/queryAll/?q=" + Self.encode(query))
        #expect(reply.status == 200, "\(reply.body)")
        let records = reply.object["records"] as? [[String: Any]] ?? []
        #expect(records.count == 3)
        let byKey = Dictionary(uniqueKeysWithValues: records.map { ($0["NVMContactWorld__clientId__c"] as? String ?? "", $0) })
        let user = byKey["USER-KEY"]?["SetupOwner"] as? [String: Any]
        #expect((user?["attributes"] as? [String: Any])?["type"] as? String == "User")
        #expect(user?["Username"] as? String == "jane@acme.example")
        #expect((user?["Profile"] as? [String: Any])?["Name"] as? String == "Support Agent")
        let profile = byKey["PROFILE-KEY"]?["SetupOwner"] as? [String: Any]
        #expect(profile?["Name"] as? String == "Support Agent")
        #expect(profile?["Username"] == nil)
        let org = byKey["ORG-KEY"]?["SetupOwner"] as? [String: Any]
        #expect((org?["attributes"] as? [String: Any])?["type"] as? String == "Organization")
        #expect(org?["Name"] as? String == "prod")
        let attributes = records.first?["attributes"] as? [String: Any]
        #expect((attributes?["url"] as? String)?.hasPrefix("/services/data/v67.0/sobjects/NVMContactWorld__Settings__c/a0X") == true)
        #expect(reply.body.contains(#"{"attributes":{"type":"NVMContactWorld__Settings__c""#))
    }

    @Test func directoryObjectsAnswerQueries() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let users = try await fixture.get("/services/data/v67.0/query?q=" + Self.encode(
            "SELECT Username, Profile.Name, Profile.PermissionsApiUserOnly FROM User WHERE IsActive = true ORDER BY Username"))
        #expect(users.object["totalSize"] as? Int == 4, "\(users.body)")
        let assignments = try await fixture.get("/services/data/v67.0/query?q=" + Self.encode(
            "SELECT Assignee.Username FROM PermissionSetAssignment WHERE PermissionSet.Name = 'NVMContactWorld__API_user'"))
        #expect(assignments.body.contains("vcc-api@acme.example"), "\(assignments.body)")
        #expect(assignments.object["totalSize"] as? Int == 1)
        let count = try await fixture.get("/services/data/v67.0/query?q=" + Self.encode("SELECT COUNT() FROM Profile"))
        #expect(count.body == #"{"totalSize":4,"done":true,"records":[]}"#)
    }

    @Test func profilesReportWhatAllTheirUsersHave() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let reply = try await fixture.get("/services/data/v67.0/query?q=" + Self.encode(
            "SELECT Name, PermissionsApiUserOnly, PermissionsCustomizeApplication, PermissionsViewAllCustomSettings FROM Profile ORDER BY Name"))
        let records = reply.object["records"] as? [[String: Any]] ?? []
        let flags = records.map { record in
            ["PermissionsApiUserOnly", "PermissionsCustomizeApplication", "PermissionsViewAllCustomSettings"].map { record[$0] as? Bool }
        }
        #expect(records.map { $0["Name"] as? String } == ["Read Only", "Support Agent", "System Administrator", "VCC API"])
        #expect(flags == [[false, false, false], [false, true, true], [false, true, true], [true, true, true]], "\(reply.body)")
    }

    @Test func settingsNeedViewAllCustomSettings() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let viewer = try await viewerToken(fixture)
        let reply = try await fixture.get("/services/data/v67.0/query?q=" + Self.encode("SELECT Id FROM NVMContactWorld__Settings__c"),
                                          token: .some(viewer))
        #expect(reply.status == 400)
        #expect(reply.errorCode == "INSUFFICIENT_ACCESS")
    }

    func viewerToken(_ fixture: EmulatorFixture) async throws -> String {
        try await fixture.jwtSession(username: "viewer@acme.example")
    }
}
