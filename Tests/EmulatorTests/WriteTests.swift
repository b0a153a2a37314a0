import Emulator
import Foundation
import OrgSimulator
import Testing

@Suite struct WriteTests {
    static let collections = "/services/data/v67.0/composite/sobjects"

    static func ids(_ simulator: OrgSimulator, _ usernames: [String]) throws -> [String] {
        try simulator.reading { access in try usernames.map { try access.users(username: $0)[0].id } }
    }

    static func record(owner: String, key: String) -> String {
        #"{"attributes":{"type":"NVMContactWorld__Settings__c"},"SetupOwnerId":"\#(owner)","NVMContactWorld__clientId__c":"\#(key)"}"#
    }

    @Test func collectionsCreateUpdateDelete() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let simulator = try fixture.simulator()
        let owners = try Self.ids(simulator, ["jane@acme.example", "vcc-api@acme.example"])
        let create = try await fixture.request("POST", Self.collections, body: #"{"allOrNone":false,"records":[\#(Self.record(owner: owners[0], key: "K1")),\#(Self.record(owner: owners[1], key: "K2")),\#(Self.record(owner: owners[0], key: "K3"))]}"#)
        #expect(create.status == 200, "\(create.body)")
        let results = create.array
        #expect(results.count == 3)
        #expect(results[0]["success"] as? Bool == true && results[1]["success"] as? Bool == true)
        let first = try #require(results[0]["id"] as? String)
        let errors = results[2]["errors"] as? [[String: Any]] ?? []
        #expect(errors.first?["statusCode"] as? String == "DUPLICATE_VALUE")
        #expect(errors.first?["message"] as? String == "duplicate value found: SetupOwnerId duplicates value on record with id: \(first)")
        #expect(errors.first?["fields"] as? [String] == ["SetupOwnerId"])

        let update = try await fixture.request("PATCH", Self.collections, body: #"{"records":[{"attributes":{"type":"NVMContactWorld__Settings__c"},"id":"\#(first)","NVMContactWorld__clientId__c":"K1b"}]}"#)
        #expect(update.array.first?["success"] as? Bool == true, "\(update.body)")
        let record = try await fixture.get("/services/data/v67.0/sobjects/NVMContactWorld__Settings__c/\(first)")
        #expect(record.object["NVMContactWorld__clientId__c"] as? String == "K1b")

        let delete = try await fixture.request("DELETE", Self.collections + "?ids=\(first)&allOrNone=false")
        #expect(delete.array.first?["success"] as? Bool == true, "\(delete.body)")
        let again = try await fixture.request("DELETE", Self.collections + "?ids=\(first)")
        #expect((again.array.first?["errors"] as? [[String: Any]])?.first?["statusCode"] as? String == "ENTITY_IS_DELETED")
        let stale = try await fixture.request("PATCH", Self.collections, body: #"{"records":[{"attributes":{"type":"NVMContactWorld__Settings__c"},"id":"\#(first)","NVMContactWorld__clientId__c":"x"}]}"#)
        #expect((stale.array.first?["errors"] as? [[String: Any]])?.first?["statusCode"] as? String == "ENTITY_IS_DELETED")
        let gone = try await fixture.get("/services/data/v67.0/sobjects/NVMContactWorld__Settings__c/\(first)")
        #expect(gone.status == 404 && gone.errorCode == "ENTITY_IS_DELETED")
    }

    @Test func aPatchWithNullClearsTheRetiredTokenAndKeepsTheKey() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let simulator = try fixture.simulator()
        let record = try simulator.setSetting(org: "prod", owner: .user("jane@acme.example"), clientId: "K1")
        try simulator.setRetiredToken(org: "prod", owner: .user("jane@acme.example"), token: "CANARY-emulator-retired")
        let held = try await fixture.get("/services/data/v67.0/query?q=" + QueryTests.encode(
            "SELECT Id FROM NVMContactWorld__Settings__c WHERE NVMContactWorld__clientSecret__c != null"))
        #expect(held.object["totalSize"] as? Int == 1, "\(held.body)")

        let clear = try await fixture.request("PATCH", Self.collections, body: #"{"allOrNone":false,"records":[{"attributes":{"type":"NVMContactWorld__Settings__c"},"Id":"\#(record.id)","NVMContactWorld__clientSecret__c":null}]}"#)
        #expect(clear.array.first?["success"] as? Bool == true, "\(clear.body)")
        let after = try await fixture.get("/services/data/v67.0/sobjects/NVMContactWorld__Settings__c/\(record.id)")
        #expect(after.object["NVMContactWorld__clientSecret__c"] is NSNull, "\(after.body)")
        #expect(after.object["NVMContactWorld__clientId__c"] as? String == "K1")
        let none = try await fixture.get("/services/data/v67.0/query?q=" + QueryTests.encode(
            "SELECT Id FROM NVMContactWorld__Settings__c WHERE NVMContactWorld__clientSecret__c != null"))
        #expect(none.object["totalSize"] as? Int == 0, "\(none.body)")
    }

    @Test func allOrNoneRollsBackTheDatabase() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let simulator = try fixture.simulator()
        let owners = try Self.ids(simulator, ["jane@acme.example", "vcc-api@acme.example"])
        let reply = try await fixture.request("POST", Self.collections, body: #"{"allOrNone":true,"records":[\#(Self.record(owner: owners[0], key: "A")),\#(Self.record(owner: owners[1], key: "B")),\#(Self.record(owner: SalesforceIdentifiers.make(keyPrefix: "005", counter: 99_999), key: "C"))]}"#)
        #expect(reply.status == 200)
        let codes = reply.array.map { ($0["errors"] as? [[String: Any]])?.first?["statusCode"] as? String }
        #expect(codes == ["ALL_OR_NONE_OPERATION_ROLLED_BACK", "ALL_OR_NONE_OPERATION_ROLLED_BACK", "INVALID_CROSS_REFERENCE_KEY"])
        #expect(reply.array.allSatisfy { $0["success"] as? Bool == false })
        #expect(try simulator.snapshot().orgs.first { $0.org.name == "prod" }?.settings.isEmpty == true)
    }

    @Test func singleRecordRoutes() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let owner = try Self.ids(try fixture.simulator(), ["jane@acme.example"])[0]
        for path in ["/services/data/v67.0/sobjects/NVMContactWorld__Settings__c/", "/services/data/v67.0/sobjects/NVMContactWorld__Settings__c"] {
            let created = try await fixture.request("POST", path, body: #"{"SetupOwnerId":"\#(owner)","NVMContactWorld__clientId__c":"S"}"#)
            if path.hasSuffix("/") {
                #expect(created.status == 201, "\(created.body)")
                #expect(created.object["success"] as? Bool == true)
                let id = try #require(created.object["id"] as? String)
                let patched = try await fixture.request("PATCH", "/services/data/v67.0/sobjects/NVMContactWorld__Settings__c/\(id)",
                                                        body: #"{"NVMContactWorld__clientId__c":null}"#)
                #expect(patched.status == 204)
                let deleted = try await fixture.request("DELETE", "/services/data/v67.0/sobjects/NVMContactWorld__Settings__c/\(id)")
                #expect(deleted.status == 204)
            } else {
                #expect(created.status == 201)
            }
        }
        let duplicate = try await fixture.request("POST", "/services/data/v67.0/sobjects/NVMContactWorld__Settings__c",
                                                  body: #"{"SetupOwnerId":"\#(owner)"}"#)
        #expect(duplicate.status == 400 && duplicate.errorCode == "DUPLICATE_VALUE")
        let readOnly = try await fixture.request("POST", "/services/data/v67.0/sobjects/User", body: #"{"Username":"x"}"#)
        #expect(readOnly.status == 400 && readOnly.errorCode == "INVALID_TYPE_FOR_OPERATION")
        let unknownField = try await fixture.request("POST", "/services/data/v67.0/sobjects/NVMContactWorld__Settings__c",
                                                     body: #"{"SetupOwnerId":"\#(owner)","Bogus__c":"1"}"#)
        #expect(unknownField.errorCode == "INVALID_FIELD")
    }

    @Test func writesNeedCustomizeApplication() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let viewer = try await fixture.jwtSession(username: "viewer@acme.example")
        let owner = try Self.ids(try fixture.simulator(), ["jane@acme.example"])[0]
        let reply = try await fixture.request("POST", Self.collections, body: #"{"records":[\#(Self.record(owner: owner, key: "X"))]}"#,
                                              token: .some(viewer))
        #expect((reply.array.first?["errors"] as? [[String: Any]])?.first?["statusCode"] as? String == "INSUFFICIENT_ACCESS_OR_READONLY")
    }

    @Test func badBodiesAndTooManyRecords() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        for body in ["{", "[1,2", "{\"records\": [}", String(repeating: "[", count: 100_000)] {
            let reply = try await fixture.request("POST", Self.collections, body: body)
            #expect(reply.status == 400)
            #expect(reply.errorCode == "JSON_PARSER_ERROR")
        }
        let many = (0..<201).map { _ in Self.record(owner: "005Sm0000000001AAA", key: "K") }.joined(separator: ",")
        let reply = try await fixture.request("POST", Self.collections, body: #"{"records":[\#(many)]}"#)
        #expect(reply.status == 400 && reply.errorCode == "EXCEEDED_ID_LIMIT")
        let huge = try await fixture.request("POST", Self.collections, body: String(repeating: " ", count: 7 * 1024 * 1024))
        #expect(huge.status == 413)
    }

    @Test func collectionsRetrieveByIds() async throws {
        var created = ""
        let fixture = try await EmulatorFixture.start { simulator in
            created = try simulator.setSetting(org: "prod", owner: .org, clientId: "ORG").id
        }
        defer { Task { await fixture.stop() } }
        let reply = try await fixture.get(Self.collections + "/NVMContactWorld__Settings__c?ids=\(created),a0XSm0000000099AAA&fields=Id,NVMContactWorld__clientId__c")
        #expect(reply.status == 200, "\(reply.body)")
        let values = reply.json as? [Any] ?? []
        #expect(values.count == 2)
        #expect((values.first as? [String: Any])?["NVMContactWorld__clientId__c"] as? String == "ORG")
        #expect(values.last is NSNull)
    }
}
