import Emulator
import Foundation
import Testing

@Suite struct DescribeTests {
    @Test func describeReflectsTheSessionsPermissions() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let path = "/services/data/v67.0/sobjects/NVMContactWorld__Settings__c/describe"
        let admin = try await fixture.get(path)
        #expect(admin.status == 200)
        #expect(admin.object["customSetting"] as? Bool == true)
        #expect(admin.object["queryable"] as? Bool == true)
        #expect(admin.object["createable"] as? Bool == true)
        let fields = admin.object["fields"] as? [[String: Any]] ?? []
        let owner = fields.first { $0["name"] as? String == "SetupOwnerId" }
        #expect(owner?["type"] as? String == "reference")
        #expect(owner?["referenceTo"] as? [String] == ["Organization", "Profile", "User"])
        #expect(fields.first { $0["name"] as? String == "NVMContactWorld__clientId__c" }?["length"] as? Int == 255)

        let viewer = try await fixture.jwtSession(username: "viewer@acme.example")
        let limited = try await fixture.get(path, token: .some(viewer))
        #expect(limited.object["queryable"] as? Bool == false)
        #expect(limited.object["createable"] as? Bool == false)
        #expect(limited.object["updateable"] as? Bool == false)
        #expect(limited.object["deletable"] as? Bool == false)

        let global = try await fixture.get("/services/data/v67.0/sobjects/")
        let names = (global.object["sobjects"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.contains("User") && names.contains("NVMContactWorld__Settings__c") && names.contains("PermissionSetAssignment"))
        #expect(try await fixture.get("/services/data/v67.0/sobjects/Bogus__c/describe").status == 404)
    }
}
