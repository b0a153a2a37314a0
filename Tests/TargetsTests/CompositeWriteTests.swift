import Testing
import VCCModel
@testable import Targets

@Suite struct CompositeWriteTests {
    let write = CompositeWrite(names: .standard, apiVersion: "67.0")

    @Test func thousandCreatesPackIntoFiveCollectionsOfTwoHundred() throws {
        let operations = (0..<1000).map { WriteOperation.create(ownerId: "005\($0)", key: "K\($0)") }
        let (body, counts) = write.body(operations)
        #expect(counts == [200, 200, 200, 200, 200])
        #expect(body["allOrNone"] == .bool(false))
        let subrequests = try #require(body["compositeRequest"]?.array)
        #expect(subrequests.count == 5)
        for (index, subrequest) in subrequests.enumerated() {
            #expect(subrequest["method"] == .string("POST"))
            #expect(subrequest["url"] == .string("/services/data/v67.0/composite/sobjects"))
            #expect(subrequest["referenceId"] == .string("write\(index)"))
            #expect(subrequest["body"]?["allOrNone"] == .bool(false))
            let records = try #require(subrequest["body"]?["records"]?.array)
            #expect(records.count == 200)
            #expect(records.first?["SetupOwnerId"] == .string("005\(index * 200)"))
            #expect(records.first?["NVMContactWorld__clientId__c"] == .string("K\(index * 200)"))
            #expect(records.first?["attributes"]?["type"] == .string("NVMContactWorld__Settings__c"))
        }
    }

    @Test func oddSizesSplitInOrder() {
        let operations = (0..<401).map { WriteOperation.update(recordId: "a00\($0)", key: "K") }
        #expect(write.body(operations).counts == [200, 200, 1])
        #expect(CompositeWrite.requests((0..<2001).map { .delete(recordId: "a\($0)") }).map(\.count) == [1000, 1000, 1])
    }

    @Test func updatesPatchByIdAndDeletesListIdsInTheURL() throws {
        let update = write.body([.update(recordId: "a01", key: "NEW")]).body
        let patch = try #require(update["compositeRequest"]?.array?.first)
        #expect(patch["method"] == .string("PATCH"))
        #expect(patch["body"]?["records"]?.array?.first == .object([
            "attributes": .object(["type": .string("NVMContactWorld__Settings__c")]),
            "Id": .string("a01"), "NVMContactWorld__clientId__c": .string("NEW"),
        ]))
        let delete = write.body([.delete(recordId: "a01"), .delete(recordId: "a02")]).body
        let subrequest = try #require(delete["compositeRequest"]?.array?.first)
        #expect(subrequest["method"] == .string("DELETE"))
        #expect(subrequest["url"] == .string("/services/data/v67.0/composite/sobjects?ids=a01,a02&allOrNone=false"))
        #expect(subrequest["body"] == nil)
    }

    @Test func aClearOfTheRetiredFieldPatchesItToNull() throws {
        let body = write.body([.clearRetired(recordId: "a01")]).body
        let patch = try #require(body["compositeRequest"]?.array?.first)
        #expect(patch["method"] == .string("PATCH"))
        // Only the retired field: the key is not sent, so it stays.
        #expect(patch["body"]?["records"]?.array?.first == .object([
            "attributes": .object(["type": .string("NVMContactWorld__Settings__c")]),
            "Id": .string("a01"), "NVMContactWorld__clientSecret__c": .null,
        ]))
        #expect(WriteRecovery.next(.retiredCleared(recordId: "a01"), found: nil) == .send(.clearRetired(recordId: "a01")))
    }

    @Test func bodyIsCompactSortedJSON() {
        let text = String(decoding: write.body([.create(ownerId: "00D1", key: "K")]).body.encoded(), as: UTF8.self)
        #expect(text.hasPrefix(#"{"allOrNone":false,"compositeRequest":[{"body":{"allOrNone":false,"records":[{"#))
        #expect(text.contains(#""url":"/services/data/v67.0/composite/sobjects""#))
    }
}

@Suite struct CompositeResponseTests {
    static func part(_ ref: String, _ status: Int, _ body: SalesforceJSON) -> SalesforceJSON {
        .object(["referenceId": .string(ref), "httpStatusCode": .number(Double(status)), "body": body, "httpHeaders": .object([:])])
    }

    static func ok(_ id: String) -> SalesforceJSON { .object(["id": .string(id), "success": .bool(true), "errors": .array([])]) }
    static func error(_ code: String, _ message: String = "", fields: [String] = []) -> SalesforceJSON {
        .object(["success": .bool(false), "errors": .array([.object([
            "statusCode": .string(code), "message": .string(message), "fields": .array(fields.map(SalesforceJSON.string)),
        ])])])
    }

    @Test func resultsMapBackInOrderAcrossSubrequests() throws {
        let json = SalesforceJSON.object(["compositeResponse": .array([
            Self.part("write1", 200, .array([Self.ok("a3")])),
            Self.part("write0", 200, .array([Self.ok("a1"), Self.error("FIELD_CUSTOM_VALIDATION_EXCEPTION", "bad key")])),
        ])])
        let results = try CompositeResponse(json, org: "prod").recordResults(counts: [2, 1])
        #expect(results.map(\.id) == ["a1", nil, "a3"])
        #expect(results.map(\.success) == [true, false, true])
        #expect(results[1].errors.first?.code == "FIELD_CUSTOM_VALIDATION_EXCEPTION")
    }

    @Test func aSubrequestFailingAsAWholeFailsItsRecordsAndAShortAnswerLeavesThemUnknown() throws {
        let json = SalesforceJSON.object(["compositeResponse": .array([
            Self.part("write0", 400, .array([.object(["errorCode": .string("INVALID_FIELD"), "message": .string("No such column")])])),
            Self.part("write1", 200, .array([Self.ok("a9")])),
        ])])
        let results = try CompositeResponse(json, org: "prod").recordResults(counts: [2, 2])
        #expect(results.map { $0.errors.first?.code } == ["INVALID_FIELD", "INVALID_FIELD", nil, WriteRecovery.noResultCode])
    }

    @Test func missingCompositeResponseIsAnError() {
        #expect(throws: SalesforceError.self) { try CompositeResponse(.object([:]), org: "prod") }
    }
}
