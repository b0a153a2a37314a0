import Emulator
import Foundation
import OrgSimulator
import Testing

@Suite struct CompositeTests {
    static let path = "/services/data/v67.0/composite"

    @Test func referencesFlowBetweenSubrequests() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let body = """
            {"allOrNone": false, "collateSubrequests": false, "compositeRequest": [
              {"method": "GET", "url": "/services/data/v67.0/query/?q=SELECT+Id+FROM+User+WHERE+Username='jane@acme.example'", "referenceId": "jane"},
              {"method": "POST", "url": "/services/data/v67.0/sobjects/NVMContactWorld__Settings__c", "referenceId": "newRec",
               "body": {"SetupOwnerId": "@{jane.records[0].Id}", "NVMContactWorld__clientId__c": "REF-KEY"}},
              {"method": "GET", "url": "/services/data/v67.0/sobjects/NVMContactWorld__Settings__c/@{newRec.id}", "referenceId": "readBack"}
            ]}
            """
        let before = try fixture.simulator().apiUsageReport().first { $0.org == "prod" }?.used ?? 0
        let reply = try await fixture.request("POST", Self.path, body: body)
        #expect(reply.status == 200, "\(reply.body)")
        let responses = reply.object["compositeResponse"] as? [[String: Any]] ?? []
        #expect(responses.map { $0["httpStatusCode"] as? Int } == [200, 201, 200])
        #expect(responses.map { $0["referenceId"] as? String } == ["jane", "newRec", "readBack"])
        #expect(((responses[1]["httpHeaders"] as? [String: Any])?["Location"] as? String)?.contains("/sobjects/NVMContactWorld__Settings__c/a0X") == true)
        #expect((responses[2]["body"] as? [String: Any])?["NVMContactWorld__clientId__c"] as? String == "REF-KEY")
        let after = try fixture.simulator().apiUsageReport().first { $0.org == "prod" }?.used ?? 0
        #expect(after == before + 1)
    }

    @Test func allOrNoneRollsBackEverySubrequest() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let jane = try WriteTests.ids(try fixture.simulator(), ["jane@acme.example"])[0]
        let body = """
            {"allOrNone": true, "compositeRequest": [
              {"method": "POST", "url": "/services/data/v67.0/sobjects/NVMContactWorld__Settings__c", "referenceId": "one",
               "body": {"SetupOwnerId": "\(jane)", "NVMContactWorld__clientId__c": "A"}},
              {"method": "POST", "url": "/services/data/v67.0/sobjects/NVMContactWorld__Settings__c", "referenceId": "two",
               "body": {"SetupOwnerId": "\(jane)", "NVMContactWorld__clientId__c": "B"}},
              {"method": "GET", "url": "/services/data/v67.0/limits", "referenceId": "three"}
            ]}
            """
        let reply = try await fixture.request("POST", Self.path, body: body)
        let responses = reply.object["compositeResponse"] as? [[String: Any]] ?? []
        #expect(responses.map { $0["httpStatusCode"] as? Int } == [400, 400, 400], "\(reply.body)")
        let codes = responses.map { (($0["body"] as? [[String: Any]])?.first?["errorCode"] as? String) }
        #expect(codes == ["PROCESSING_HALTED", "DUPLICATE_VALUE", "PROCESSING_HALTED"])
        #expect(try fixture.simulator().snapshot().orgs.first { $0.org.name == "prod" }?.settings.isEmpty == true)
    }

    @Test func limitsOnSubrequests() async throws {
        let fixture = try await EmulatorFixture.start()
        defer { Task { await fixture.stop() } }
        func request(_ index: Int, url: String) -> String {
            #"{"method":"GET","url":"\#(url)","referenceId":"r\#(index)"}"#
        }
        let six = (0..<6).map { request($0, url: "/services/data/v67.0/query?q=SELECT+Id+FROM+Profile") }.joined(separator: ",")
        let tooHeavy = try await fixture.request("POST", Self.path, body: #"{"compositeRequest":[\#(six)]}"#)
        #expect(tooHeavy.status == 400)
        #expect(tooHeavy.array.first?["message"] as? String == "You can have up to 5 sObject Collections and query operations in a composite request")
        let five = (0..<5).map { request($0, url: "/services/data/v67.0/query?q=SELECT+Id+FROM+Profile") }.joined(separator: ",")
        #expect(try await fixture.request("POST", Self.path, body: #"{"compositeRequest":[\#(five)]}"#).status == 200)
        let many = (0..<26).map { request($0, url: "/services/data/v67.0/limits") }.joined(separator: ",")
        #expect(try await fixture.request("POST", Self.path, body: #"{"compositeRequest":[\#(many)]}"#).status == 400)
    }
}
