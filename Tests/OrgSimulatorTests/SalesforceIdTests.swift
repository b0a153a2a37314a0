import Testing
@testable import OrgSimulator

@Suite struct SalesforceIdTests {
    @Test func generatedIdsHaveThePrefixAndEighteenCharacters() {
        for prefix in SalesforceId.Prefix.allCases {
            let id = SalesforceId.make(prefix, counter: 12345)
            #expect(id.count == 18)
            #expect(id.hasPrefix(prefix.rawValue))
            #expect(SalesforceId.make(prefix, counter: 12345) == id, "same counter, same Id")
            #expect(SalesforceId.make(prefix, counter: 12346) != id)
        }
    }

    @Test func checksumFollowsSalesforce() {
        // A published pair: 15-character Id and its 18-character form.
        #expect(SalesforceId.normalize("001A0000006Vm9r") == "001A0000006Vm9rIAC")
        #expect(SalesforceId.normalize("001A0000006Vm9rIAC") == "001A0000006Vm9rIAC")
        #expect(SalesforceId.normalize("001A0000006Vm9riac") == "001A0000006Vm9rIAC", "checksum is case-insensitive")
    }

    @Test func malformedIdsAreRejected() {
        #expect(SalesforceId.normalize("") == nil)
        #expect(SalesforceId.normalize("001A0000006Vm9") == nil)
        #expect(SalesforceId.normalize("001A0000006Vm9rAAA") == nil, "wrong checksum")
        #expect(SalesforceId.normalize("001A0000006Vm9-") == nil)
    }

    @Test func ownerKindComesFromThePrefix() {
        #expect(OwnerKind(ownerId: SalesforceId.make(.org, counter: 1)) == .org)
        #expect(OwnerKind(ownerId: SalesforceId.make(.profile, counter: 1)) == .profile)
        #expect(OwnerKind(ownerId: SalesforceId.make(.user, counter: 1)) == .user)
        #expect(OwnerKind(ownerId: SalesforceId.make(.setting, counter: 1)) == nil)
    }
}
