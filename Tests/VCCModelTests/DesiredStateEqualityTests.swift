import Foundation
import Testing
import YAMLSyntax
@testable import VCCModel

/// Model types compare by meaning: where and how a declaration was written takes no part.
@Suite struct DesiredStateEqualityTests {
    static let reference = """
        version: 1
        orgs:
          prod:
            environment: production
          uat:
            environment: sandbox
            customSetting:
              keyField: Acme_Key__c
        accounts:
          ACME-EU-01:
            token:
              env: VCC_TOKEN_ACME_EU
            locations:
              prod:
                - org
                - profile: Support Agent
                - user: jane@acme.example
              uat:
                - user: jane@acme.example.uat
            link:
              org: prod
              apiUser: vcc-api@acme.example
          0123:
            link: unlinked
        """

    static func referenceState() throws -> DesiredState {
        try load(reference).state()
    }

    /// The reference configuration, written otherwise.
    static let restyled: [String: [(name: String, text: String)]] = [
        "flow style": [("flow.yaml", """
            {version: 1, orgs: {prod: {environment: production}, uat: {environment: sandbox, customSetting: {keyField: Acme_Key__c}}},
             accounts: {ACME-EU-01: {token: {env: VCC_TOKEN_ACME_EU}, locations: {prod: [org, {profile: Support Agent}, {user: jane@acme.example}], uat: [{user: jane@acme.example.uat}]}, link: {org: prod, apiUser: vcc-api@acme.example}}, 0123: {link: unlinked}}}
            """)],
        "reordered keys, quoting and comments": [("quoted.yaml", """
            # The same, with keys in another order.

            accounts:
              '0123': {link: "unlinked"}   # quoted key, same text
              "ACME-EU-01":
                link: {apiUser: 'vcc-api@acme.example', org: "prod"}
                locations:
                  uat: [{user: jane@acme.example.uat}]
                  prod: [org, {profile: 'Support Agent'}, {user: "jane@acme.example"}]
                token: {env: "VCC_TOKEN_ACME_EU"}
            orgs:
              uat: {customSetting: {keyField: "Acme_Key__c"}, environment: sandbox}
              prod: {environment: "production"}
            version: 1
            """)],
        "split across files": [
            ("orgs.yaml", "version: 1\norgs:\n  uat: {environment: sandbox, customSetting: {keyField: Acme_Key__c}}\n  prod: {environment: production}\n"),
            ("eu.yaml", "\n\n\nversion: 1\naccounts:\n  ACME-EU-01:\n    token: {env: VCC_TOKEN_ACME_EU}\n    locations: {prod: [org, {profile: Support Agent}, {user: jane@acme.example}], uat: [{user: jane@acme.example.uat}]}\n    link: {org: prod, apiUser: vcc-api@acme.example}\n"),
            ("other.yaml", "version: 1\norgs: {prod: {environment: production}}\naccounts: {0123: {link: unlinked}}\n"),
        ],
        "anchors and merge keys": [("shared.yaml", """
            version: 1
            x-sandbox: &sandbox {environment: sandbox}
            x-link: &link {org: prod, apiUser: vcc-api@acme.example}
            x-prod: &prod-locations [org, {profile: Support Agent}, {user: jane@acme.example}]
            orgs:
              prod: {environment: production, customSetting: {}}
              uat:
                <<: *sandbox
                customSetting: {keyField: Acme_Key__c, object: NVMContactWorld__Settings__c}
            accounts:
              ACME-EU-01:
                link: *link
                token: {env: VCC_TOKEN_ACME_EU}
                locations: {prod: *prod-locations, uat: [{user: jane@acme.example.uat}]}
              0123: {link: unlinked}
            """)],
        "CRLF and a byte order mark": [("crlf.yaml", "\u{FEFF}" + reference.replacingOccurrences(of: "\n", with: "\r\n"))],
    ]

    @Test(arguments: restyled.keys.sorted())
    func theSameConfigurationWrittenOtherwiseIsEqual(variant: String) throws {
        let files = try #require(Self.restyled[variant])
        let loaded = try load(files)
        let state = try loaded.state()
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
        let reference = try Self.referenceState()
        #expect(state == reference)
        #expect(state.hashValue == reference.hashValue)
        // Equal, though the origins differ.
        #expect(state.accounts["ACME-EU-01"]?.origin.range != reference.accounts["ACME-EU-01"]?.origin.range
            || state.accounts["ACME-EU-01"]?.origin.file != reference.accounts["ACME-EU-01"]?.origin.file)
    }

    static let changes: [(name: String, from: String, to: String)] = [
        ("environment", "environment: production\n  uat:", "environment: sandbox\n  uat:"),
        ("custom setting field", "keyField: Acme_Key__c", "keyField: Acme_Key2__c"),
        ("account key", "ACME-EU-01:", "ACME-EU-02:"),
        ("account key case", "ACME-EU-01:", "acme-eu-01:"),
        ("numeric-looking account key", "0123:", "123:"),
        ("token variable", "env: VCC_TOKEN_ACME_EU", "env: VCC_TOKEN_ACME_US"),
        ("profile name", "profile: Support Agent", "profile: Support Agents"),
        ("location kind", "profile: Support Agent", "user: Support@agent.example"),
        ("added location", "- user: jane@acme.example.uat", "- user: jane@acme.example.uat\n        - org"),
        ("removed location", "        - org\n", ""),
        ("api user", "apiUser: vcc-api@acme.example", "apiUser: vcc-api2@acme.example"),
        ("link org", "org: prod\n      apiUser", "org: uat\n      apiUser"),
        ("unlinked to untouched", "    link: unlinked", "    token: {env: T}"),
    ]

    @Test(arguments: changes)
    func differentContentIsNotEqual(change: (name: String, from: String, to: String)) throws {
        let from = change.from
        try #require(Self.reference.contains(from), "the change \(change.name) must apply to the reference")
        let changed = Self.reference.replacingOccurrences(of: from, with: change.to)
        let loaded = try load(changed)
        let state = try loaded.state()
        #expect(state != (try Self.referenceState()), "\(change.name)")
    }

    @Test func tokenPresenceMatters() throws {
        let with = try load("version: 1\naccounts:\n  A: {token: {env: T}}\n").state()
        let without = try load("version: 1\naccounts:\n  A: ~\n").state()
        #expect(with != without)
    }

    @Test func originsTakeNoPartInEquality() {
        let here = SourceOrigin(file: SourceFileID(path: "a.yaml"), range: SourceRange(at: at(1, 1)))
        let there = SourceOrigin(file: SourceFileID(path: "b.yaml"), range: SourceRange(at: at(9, 9)))
        #expect(here == there)
        #expect(here == .none)
        #expect(Location.user("a@b.c", origin: here) == Location.user("a@b.c", origin: there))
        #expect(Location.user("a@b.c", origin: here).hashValue == Location.user("a@b.c").hashValue)
        #expect(Location.user("a@b.c") != Location.profile("a@b.c"))
        #expect(OrgDeclaration(name: "p", environment: .sandbox, origin: here)
            == OrgDeclaration(name: "p", environment: .sandbox, origin: there))
    }

    @Test func aDesiredStateSurvivesJSON() throws {
        let state = try Self.referenceState()
        let data = try JSONEncoder().encode(state)
        let decoded = try JSONDecoder().decode(DesiredState.self, from: data)
        #expect(decoded == state)
        // Origins are kept as file:line:column.
        let account = try #require(decoded.accounts["ACME-EU-01"])
        let original = try #require(state.accounts["ACME-EU-01"])
        #expect(account.origin.location?.description == original.origin.location?.description)
        #expect(account.origin.range.start == at(10, 3))
    }

    @Test(arguments: ["C:/configs/vccctl.yaml", "plain.yaml", "dir:with:colons/x.yaml"])
    func anOriginSurvivesJSON(path: String) throws {
        let origin = SourceOrigin(file: SourceFileID(path: path), range: SourceRange(at: at(12, 7)))
        let decoded = try JSONDecoder().decode(SourceOrigin.self, from: JSONEncoder().encode(origin))
        #expect(decoded.file?.path == path)
        #expect(decoded.range.start == at(12, 7))
    }

    @Test func noOriginIsNull() throws {
        let data = try JSONEncoder().encode([SourceOrigin.none])
        #expect(String(decoding: data, as: UTF8.self) == "[null]")
        let decoded = try JSONDecoder().decode([SourceOrigin].self, from: data)
        #expect(decoded.first?.file == nil)
    }
}
