import Testing
import YAMLSyntax
@testable import VCCModel

/// Decoding one file into the desired state: every field, typed by the schema.
@Suite struct DecodingTests {
    @Test func everyFieldIsDecoded() throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            orgs:
              ‸prod:
                environment: production
              uat:
                environment: sandbox
                customSetting:
                  object: Acme_Settings__c
                  keyField: Acme_Key__c
                  retiredTokenField: Acme_Secret__c
            accounts:
              ‸ACME-EU-01:
                token: ‸{env: VCC_TOKEN_ACME_EU}
                locations:
                  prod: [‸org, ‸{profile: Support Agent}, {user: jane@acme.example}]
                  uat:
                    - {user: jane@acme.example.uat}
                link: {org: prod, apiUser: ‸vcc-api@acme.example}
              ACME-US-01:
                link: ‸unlinked
              ACME-APAC-01:
                token: {env: VCC_TOKEN_APAC}
            """)
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
        let state = try loaded.state()
        #expect(state == DesiredState(
            orgs: [
                "prod": OrgDeclaration(name: "prod", environment: .production),
                "uat": OrgDeclaration(name: "uat", environment: .sandbox, customSetting: CustomSettingNames(
                    object: "Acme_Settings__c", keyField: "Acme_Key__c", retiredTokenField: "Acme_Secret__c")),
            ],
            accounts: [
                "ACME-EU-01": AccountDeclaration(
                    key: "ACME-EU-01", token: TokenReference(environmentVariable: "VCC_TOKEN_ACME_EU"),
                    locations: [
                        "prod": [.org(), .profile("Support Agent"), .user("jane@acme.example")],
                        "uat": [.user("jane@acme.example.uat")],
                    ],
                    link: .linked(org: "prod", apiUser: "vcc-api@acme.example", origin: .none)),
                "ACME-US-01": AccountDeclaration(key: "ACME-US-01", link: .unlinked(origin: .none)),
                "ACME-APAC-01": AccountDeclaration(
                    key: "ACME-APAC-01", token: TokenReference(environmentVariable: "VCC_TOKEN_APAC")),
            ]))
        #expect(state.locationCount == 4)

        // Origins point back into the file.
        let file = loaded.path
        let prod = try #require(state.orgs["prod"])
        #expect(prod.origin.location?.file == file)
        #expect(prod.origin.range.start == marks[0])
        let eu = try #require(state.accounts["ACME-EU-01"])
        #expect(eu.origin.range.start == marks[1])
        #expect(eu.origin.file?.path == file)
        #expect(eu.token?.origin.range.start == marks[2])
        #expect(eu.locations["prod"]?.map(\.origin.range.start).prefix(2) == [marks[3], marks[4]])
        #expect(eu.link?.origin.range.start == marks[5])
        #expect(state.accounts["ACME-US-01"]?.link?.origin.range.start == marks[6])
    }

    /// The account key is the scalar's text, whatever YAML would resolve it to.
    @Test(arguments: [
        ("0123", "0123"), ("no", "no"), ("1e3", "1e3"), ("null", "null"), ("'true'", "true"),
        ("true", "true"), ("~", "~"), ("1_000", "1_000"), ("0x1F", "0x1F"), ("+12", "+12"),
        ("1.50", "1.50"), ("\"0777\"", "0777"), ("Yes", "Yes"), (".inf", ".inf"),
    ])
    func accountKeysStayExactStrings(written: String, key: String) throws {
        let loaded = try load("""
            version: 1
            orgs: {prod: {environment: production}}
            accounts:
              \(written):
                locations: {prod: [org]}
            """)
        let state = try loaded.state()
        #expect(Array(state.accounts.keys) == [key])
        #expect(state.accounts[key]?.key == key)
        #expect(state.accounts[key]?.locations == ["prod": [.org()]])
    }

    @Test func severalLookalikeKeysAreDistinctAccounts() throws {
        let loaded = try load("""
            version: 1
            accounts:
              0123: ~
              123: ~
              '0123.0': ~
              no: ~
              'false': ~
            """)
        #expect(try loaded.state().accounts.keys.sorted() == ["0123", "0123.0", "123", "false", "no"])
    }

    @Test func nullCollectionsAreEmpty() throws {
        let loaded = try load("""
            version: 1
            orgs:
              prod: {environment: production}
            accounts:
              A-1:
              A-2: ~
              A-3:
                locations:
              A-4:
                locations:
                  prod:
              A-5: {locations: {prod: ~}, token: {env: T}}
            """)
        let state = try loaded.state()
        #expect(state.accounts["A-1"] == AccountDeclaration(key: "A-1"))
        #expect(state.accounts["A-2"] == AccountDeclaration(key: "A-2"))
        #expect(state.accounts["A-3"]?.locations == [:])
        #expect(state.accounts["A-4"]?.locations == ["prod": []])
        #expect(state.accounts["A-5"]?.locations == ["prod": []])
        #expect(state.accounts["A-5"]?.token?.environmentVariable == "T")
        #expect(state.locationCount == 0)
    }

    @Test(arguments: ["orgs:\naccounts:\n", "orgs: ~\naccounts: null\n", "orgs: {}\naccounts: {}\n", ""])
    func emptyTopLevelCollections(body: String) throws {
        let loaded = try load("version: 1\n" + body)
        #expect(loaded.diagnostics.isEmpty)
        #expect(try loaded.state() == DesiredState())
    }

    @Test func linkForms() throws {
        let loaded = try load("""
            version: 1
            orgs: {prod: {environment: production}}
            accounts:
              LINKED:
                locations: {prod: [org]}
                link: {org: prod, apiUser: vcc-api@acme.example}
              UNLINKED: {link: unlinked}
              UNTOUCHED: {locations: {prod: [{profile: Sales}]}}
            """)
        let state = try loaded.state()
        #expect(state.accounts["LINKED"]?.link == .linked(org: "prod", apiUser: "vcc-api@acme.example", origin: .none))
        #expect(state.accounts["UNLINKED"]?.link == .unlinked(origin: .none))
        #expect(state.accounts["UNTOUCHED"]?.link == nil)
        #expect(state.accounts["LINKED"]?.link != state.accounts["UNLINKED"]?.link)
    }

    @Test func quotedUnlinkedIsStillTheKeyword() throws {
        let loaded = try load("version: 1\naccounts:\n  A: {link: 'unlinked'}\n")
        #expect(try loaded.state().accounts["A"]?.link == .unlinked(origin: .none))
    }

    @Test func customSettingNamesDefaultWhenAbsent() throws {
        let loaded = try load("""
            version: 1
            orgs:
              a: {environment: production}
              b: {environment: sandbox, customSetting: {}}
              c: {environment: sandbox, customSetting: {keyField: Other_Key__c}}
              d:
                environment: sandbox
                customSetting:
                  object: ns__Obj__c
                  retiredTokenField: Old__c
            """)
        let orgs = try loaded.state().orgs
        #expect(orgs["a"]?.customSetting == .standard)
        #expect(orgs["b"]?.customSetting == .standard)
        #expect(orgs["c"]?.customSetting == CustomSettingNames(keyField: "Other_Key__c"))
        #expect(orgs["c"]?.customSetting.object == "NVMContactWorld__Settings__c")
        #expect(orgs["c"]?.customSetting.retiredTokenField == "NVMContactWorld__clientSecret__c")
        #expect(orgs["d"]?.customSetting == CustomSettingNames(
            object: "ns__Obj__c", keyField: "NVMContactWorld__clientId__c", retiredTokenField: "Old__c"))
    }

    @Test func theStandardNamesAreThoseOfTheManagedPackage() {
        #expect(CustomSettingNames.standard.object == "NVMContactWorld__Settings__c")
        #expect(CustomSettingNames.standard.keyField == "NVMContactWorld__clientId__c")
        #expect(CustomSettingNames.standard.retiredTokenField == "NVMContactWorld__clientSecret__c")
    }

    @Test func locationsKeepTheOrderWritten() throws {
        let loaded = try load("""
            version: 1
            orgs: {prod: {environment: production}}
            accounts:
              A:
                locations:
                  prod:
                    - {user: zed@acme.example}
                    - org
                    - {profile: Agents}
                    - {profile: "Support Agent"}
            """)
        #expect(try loaded.state().accounts["A"]?.locations["prod"]
            == [.user("zed@acme.example"), .org(), .profile("Agents"), .profile("Support Agent")])
    }

    @Test func scalarValuesAreTakenAsWritten() throws {
        // Profile names and usernames that YAML would resolve to other types stay their text.
        let loaded = try load("""
            version: 1
            orgs: {prod: {environment: production}}
            accounts:
              A: {locations: {prod: [{profile: 2024}, {profile: yes}, {profile: 'null'}]}}
            """)
        #expect(try loaded.state().accounts["A"]?.locations["prod"]
            == [.profile("2024"), .profile("yes"), .profile("null")])
    }

    @Test func extensionKeysAreIgnored() throws {
        let loaded = try load("""
            version: 1
            x-anything: {whatever: [1, 2, 3]}
            x-: 1
            orgs: {prod: {environment: production}}
            """)
        #expect(loaded.diagnostics.isEmpty)
        #expect(try loaded.state().orgs.keys.sorted() == ["prod"])
    }

    @Test func aValidConfigurationHasNoSecretRanges() throws {
        let loaded = try load("version: 1\naccounts:\n  A: {token: {env: T}}\n")
        #expect(loaded.configuration.secretRanges.isEmpty)
        #expect(loaded.configuration.isValid)
        #expect(loaded.configuration.errorCount == 0)
        #expect(loaded.configuration.warningCount == 0)
        #expect(loaded.configuration.sources.map(\.path) == [loaded.path])
    }

    @Test func warningsKeepTheDesiredState() throws {
        let loaded = try load("""
            version: 1
            orgs: {prod: {environment: production}}
            accounts:
              A: {link: {org: prod, apiUser: vcc@acme.example}}
            """)
        #expect(loaded.codes == ["config.link-without-location"])
        #expect(loaded.configuration.warningCount == 1)
        #expect(loaded.configuration.isValid)
        #expect(try loaded.state().accounts["A"] != nil)
    }

    @Test func errorsWithholdTheDesiredState() throws {
        let loaded = try load("version: 1\norgs: {prod: {environment: prod}}\n")
        #expect(loaded.configuration.desiredState == nil)
        #expect(!loaded.configuration.isValid)
        #expect(loaded.configuration.errorCount == 1)
    }
}
