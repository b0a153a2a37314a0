import Testing
import SOQL
import VCCModel
@testable import Targets

@Suite struct SettingsQueryTests {
    let query = SettingsQuery(names: .standard)

    @Test func recordsQueryNamesOwnersWithTypeof() {
        #expect(query.records == "SELECT Id, SetupOwnerId, NVMContactWorld__clientId__c, SystemModstamp, TYPEOF SetupOwner "
            + "WHEN User THEN Username, IsActive, ProfileId WHEN Profile THEN Name WHEN Organization THEN Name END "
            + "FROM NVMContactWorld__Settings__c")
    }

    @Test func retiredTokenQuerySelectsOnlyIds() {
        #expect(query.retiredTokenHolders == "SELECT Id FROM NVMContactWorld__Settings__c WHERE NVMContactWorld__clientSecret__c != null")
        #expect(!query.retiredTokenHolders.hasPrefix("SELECT Id, "))
    }

    @Test func configuredNamesMustBeAPINames() {
        #expect(SettingsQuery.isAPIName("NVMContactWorld__Settings__c"))
        #expect(SettingsQuery.isAPIName("My_Field2__c"))
        for bad in ["", "1abc", "a b", "Name FROM User --", "x'y", "Key__c,Id", "é__c"] {
            #expect(!SettingsQuery.isAPIName(bad), "\(bad)")
        }
        let bad = SettingsQuery(names: CustomSettingNames(object: "Obj__c WHERE Id != null", keyField: "K__c", retiredTokenField: "R__c"))
        #expect(throws: SalesforceError.self) { try bad.validate(org: "prod") }
    }

    @Test func usersByNameQuotesEveryLiteral() {
        let names = ["o'brien@acme.example", #"back\slash@acme.example"#, "zoë@acme.example", "quote\"d@acme.example"]
        let queries = SettingsQuery.usersByName.queries(names, prefixLength: 100)
        #expect(queries.count == 1)
        #expect(queries[0] == #"SELECT Id, Username, IsActive, ProfileId FROM User WHERE Username IN ('o\'brien@acme.example', 'back\\slash@acme.example', 'zoë@acme.example', 'quote\"d@acme.example')"#)
    }

    @Test func queryPathIsPercentEncoded() {
        let encoded = PercentEncoding.encode("SELECT Id FROM User WHERE Username IN ('a b', 'zoë+1@x')")
        #expect(encoded == "SELECT%20Id%20FROM%20User%20WHERE%20Username%20IN%20%28%27a%20b%27%2C%20%27zo%C3%AB%2B1%40x%27%29")
        #expect(PercentEncoding.encodedLength("zoë+1 '") == PercentEncoding.encode("zoë+1 '").count)
        #expect(PercentEncoding.form([("grant_type", "client_credentials"), ("client_secret", "a&b=c d")])
            == "grant_type=client_credentials&client_secret=a%26b%3Dc%20d")
    }
}
