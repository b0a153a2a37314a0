import Testing
@testable import Targets

@Suite struct WriteRecoveryTests {
    func failed(_ code: String, fields: [String] = []) -> CollectionRecordResult {
        .failed(SalesforceAPIError(code: code, message: "m", fields: fields))
    }

    @Test func successKeepsTheIdTheOrgGave() {
        #expect(WriteRecovery.decide(.create(ownerId: "005A", key: "K"), CollectionRecordResult(id: "a01", success: true)) == .applied(recordId: "a01"))
        #expect(WriteRecovery.decide(.update(recordId: "a02", key: "K"), CollectionRecordResult(id: nil, success: true)) == .applied(recordId: "a02"))
    }

    @Test func duplicateOwnerOnCreateIsReread() {
        #expect(WriteRecovery.decide(.create(ownerId: "00D1", key: "K"), failed("DUPLICATE_VALUE", fields: ["SetupOwnerId"])) == .reread)
        #expect(WriteRecovery.decide(.create(ownerId: "00D1", key: "K"), failed("DUPLICATE_VALUE")) == .reread)
        // A duplicate on another field is a plain failure.
        #expect(WriteRecovery.decide(.create(ownerId: "00D1", key: "K"), failed("DUPLICATE_VALUE", fields: ["Other__c"]))
            == .failed(SalesforceAPIError(code: "DUPLICATE_VALUE", message: "m", fields: ["Other__c"])))
    }

    @Test(arguments: ["ENTITY_IS_DELETED", "INVALID_CROSS_REFERENCE_KEY", "NOT_FOUND"])
    func goneRecords(code: String) {
        #expect(WriteRecovery.decide(.update(recordId: "a01", key: "K"), failed(code)) == .reread)
        #expect(WriteRecovery.decide(.delete(recordId: "a01"), failed(code)) == .applied(recordId: nil))
        // A create has no record to be gone: the error stands.
        #expect(WriteRecovery.decide(.create(ownerId: "005", key: "K"), failed(code)) == .failed(SalesforceAPIError(code: code, message: "m")))
    }

    @Test func otherErrorsFail() {
        #expect(WriteRecovery.decide(.update(recordId: "a01", key: "K"), failed("FIELD_INTEGRITY_EXCEPTION"))
            == .failed(SalesforceAPIError(code: "FIELD_INTEGRITY_EXCEPTION", message: "m")))
    }

    @Test func afterRereadTheOrgDecides() {
        let holding = WriteRecovery.Desired.holding(ownerId: "00D1", key: "K")
        // The Apex-created org default: update it.
        #expect(WriteRecovery.next(holding, found: .init(recordId: "a05", ownerId: "00D1", key: nil)) == .send(.update(recordId: "a05", key: "K")))
        // A lost answer that did land: nothing to send again.
        #expect(WriteRecovery.next(holding, found: .init(recordId: "a06", ownerId: "00D1", key: "K")) == .done(recordId: "a06"))
        // The record is gone: create one.
        #expect(WriteRecovery.next(holding, found: nil) == .send(.create(ownerId: "00D1", key: "K")))
        let gone = WriteRecovery.Desired.gone(recordId: "a07")
        #expect(WriteRecovery.next(gone, found: nil) == .done(recordId: nil))
        #expect(WriteRecovery.next(gone, found: .init(recordId: "a07", ownerId: "005", key: "K")) == .send(.delete(recordId: "a07")))
    }
}
