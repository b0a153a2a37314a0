import Testing
@testable import VCCModel

/// The shape rules for names, against the patterns of schemas/vccctl.schema.json.
@Suite struct NameRulesTests {
    // MARK: Account keys: non-empty, no whitespace, at most 255 characters.

    @Test(arguments: [
        "ACME-EU-01", "0123", "no", "1e3", "null", "a", "ÄÖÜ-Konto", "key/with:punctuation!",
        String(repeating: "k", count: 255), String(repeating: "é", count: 255),
    ])
    func validAccountKeys(key: String) {
        #expect(NameRules.accountKeyProblem(key) == nil)
    }

    @Test(arguments: [
        "", " ", "ACME EU", " ACME", "ACME ", "A\tB", "A\nB", "A\u{00A0}B", "A\u{2003}B", "A\u{3000}B",
        String(repeating: "k", count: 256), String(repeating: "é", count: 256),
    ])
    func invalidAccountKeys(key: String) {
        #expect(NameRules.accountKeyProblem(key) != nil)
    }

    @Test func accountKeyMessages() {
        #expect(NameRules.accountKeyProblem("") == "an account key must not be empty")
        #expect(NameRules.accountKeyProblem("A B")?.hasPrefix("account key 'A B' contains whitespace") == true)
        let long = String(repeating: "k", count: 300)
        let message = NameRules.accountKeyProblem(long)
        #expect(message == "account key '\(String(repeating: "k", count: 24))…' is 300 characters long; the longest allowed is 255")
    }

    // MARK: Environment variables: [A-Za-z_][A-Za-z0-9_]*

    @Test(arguments: ["VCC_TOKEN", "_", "_1", "a", "Z9", "vcc_token_acme_eu", "A1B2C3"])
    func validEnvironmentVariables(name: String) {
        #expect(NameRules.environmentVariableProblem(name) == nil)
    }

    @Test(arguments: ["1A", "9", "A-B", "A B", "A.B", "$A", "Ä", "A\u{0}", "@", "[", "`", "{"])
    func invalidEnvironmentVariables(name: String) {
        #expect(NameRules.environmentVariableProblem(name) == "'\(name)' is not a valid environment variable name")
    }

    @Test func anEmptyEnvironmentVariableName() {
        #expect(NameRules.environmentVariableProblem("") == "the environment variable name must not be empty")
    }

    // MARK: Usernames: like email addresses, at most 80 characters.

    @Test(arguments: [
        "jane@acme.example", "jane@acme.example.uat", "a@b.c", "jane.doe+vcc@acme.co.uk", "j@a-b.c",
        "vcc-api@acme.example.full-copy", "jäne@acme.example", "jane@äcme.example",
        String(repeating: "j", count: 71) + "@acme.com", // 80 characters
        String(repeating: "ä", count: 71) + "@acme.com", // 80 characters, 151 bytes
    ])
    func validUsernames(username: String) {
        #expect(NameRules.usernameProblem(username) == nil)
    }

    @Test(arguments: [
        "", "jane", "jane@", "@acme.example", "jane@acme", "jane@@acme.example", "ja@ne@acme.example",
        "jane@.acme.example", "jane@acme..example", "jane@acme.example.", "jane doe@acme.example",
        "jane@acme.example ", "jane\t@acme.example", "jane@acme\u{7F}.example", "jane@acme.\nexample",
        "jane@.", "jane@a.", String(repeating: "j", count: 72) + "@acme.com",
        String(repeating: "ä", count: 72) + "@acme.com",
    ])
    func invalidUsernames(username: String) {
        #expect(NameRules.usernameProblem(username) != nil)
    }

    @Test func usernameLengthIsCountedInCharacters() {
        let username = String(repeating: "ä", count: 72) + "@acme.com"
        #expect(NameRules.usernameProblem(username)
            == "username '\(username)' is 81 characters long; Salesforce allows at most 80")
    }

    @Test func usernameMessages() {
        #expect(NameRules.usernameProblem("jane")
            == "'jane' is not a Salesforce username; usernames look like email addresses (jane@acme.example)")
        #expect(NameRules.usernameProblem("ja ne@acme.example")
            == "username 'ja ne@acme.example' contains whitespace or a control character")
    }

    // MARK: Org names: ^[A-Za-z][A-Za-z0-9_-]{0,63}$

    @Test(arguments: ["prod", "P", "uat-1", "dev_2", "Full-Copy_Sandbox", "a" + String(repeating: "9", count: 63)])
    func validOrgNames(name: String) {
        #expect(NameRules.orgNameProblem(name) == nil)
    }

    @Test(arguments: [
        "", "1prod", "-prod", "_prod", "pro d", "prød", "prod.eu", "prod/eu", "a" + String(repeating: "9", count: 64),
    ])
    func invalidOrgNames(name: String) {
        #expect(NameRules.orgNameProblem(name) != nil)
    }

    // MARK: Custom API names: ^[A-Za-z][A-Za-z0-9_]*__c$

    @Test(arguments: ["NVMContactWorld__Settings__c", "NVMContactWorld__clientId__c", "My_Setting__c", "X__c", "a1__c"])
    func validCustomAPINames(name: String) {
        #expect(NameRules.customAPINameProblem(name) == nil)
    }

    @Test(arguments: ["", "Settings", "__c", "_X__c", "1X__c", "X-Y__c", "X Y__c", "Settings__C", "Settings_c", "Séttings__c"])
    func invalidCustomAPINames(name: String) {
        #expect(NameRules.customAPINameProblem(name) != nil)
    }
}
