import Testing
import TestSupport
import YAMLSyntax
@testable import VCCModel

/// Several files and directories merge into one desired state; YAML sharing features work.
@Suite struct MergingTests {
    @Test func aDirectoryMergesItsFilesInNameOrder() throws {
        // Written in another order than their names sort in; "10-" sorts before "2-".
        let loaded = try load([
            ("2-second.yaml", "version: 1\naccounts:\n  ACME: {token: {env: SECOND}}\n"),
            ("10-first.yml", "version: 1\norgs: {prod: {environment: production}}\naccounts:\n  ACME: {token: {env: FIRST}}\n"),
            ("b.yaml", "version: 1\naccounts:\n  B: {locations: {prod: [org]}}\n"),
        ], loadDirectory: true)
        let directory = loaded.directory
        #expect(loaded.configuration.sources.map(\.path) == [
            directory + "/10-first.yml", directory + "/2-second.yaml", directory + "/b.yaml",
        ])
        // The account is declared twice: the file first in name order holds the first declaration.
        let conflict = try loaded.only("config.conflict")
        #expect(loaded.codes == ["config.conflict"])
        #expect(conflict.location?.file == directory + "/2-second.yaml")
        #expect(conflict.notes.first?.location?.file == directory + "/10-first.yml")
    }

    @Test func aDirectoryLoadsOnlyItsYAMLFiles() throws {
        let loaded = try load([
            ("orgs.yaml", "version: 1\norgs: {prod: {environment: production}}\n"),
            ("accounts.yml", "version: 1\naccounts:\n  A: {locations: {prod: [org]}}\n"),
            ("notes.txt", "not yaml: [\n"),
            (".hidden.yaml", "not: [valid\n"),
            ("backup.yaml.bak", "version: 2\n"),
            ("nested/deeper.yaml", "version: 2\n"),
        ], loadDirectory: true)
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
        #expect(loaded.configuration.sources.map(\.path) == [
            loaded.directory + "/accounts.yml", loaded.directory + "/orgs.yaml",
        ])
        let state = try loaded.state()
        #expect(state.orgs.keys.sorted() == ["prod"])
        #expect(state.accounts["A"]?.locations == ["prod": [.org()]])
    }

    @Test func aDirectoryWithoutConfigurationFilesIsAnError() throws {
        let loaded = try load([("README.md", "# nothing\n")], loadDirectory: true)
        #expect(loaded.codes == ["io.no-files"])
        #expect(loaded.diagnostics.first?.location == nil)
        #expect(loaded.configuration.desiredState == nil)
    }

    @Test func aMissingPathIsAnError() throws {
        let configuration = ConfigurationLoader.load(paths: ["/nonexistent/vccctl-test/none.yaml"])
        #expect(configuration.diagnostics.map(\.code) == ["io.unreadable"])
        #expect(configuration.diagnostics.first?.message.contains("/nonexistent/vccctl-test/none.yaml") == true)
        #expect(configuration.desiredState == nil)
    }

    @Test func severalFilesMergeIntoOneState() throws {
        let loaded = try load([
            ("orgs.yaml", "version: 1\norgs:\n  prod: {environment: production}\n  uat: {environment: sandbox}\n"),
            ("prod.yaml", "version: 1\naccounts:\n  P-1: {locations: {prod: [org]}, link: {org: prod, apiUser: api@acme.example}}\n"),
            ("uat.yaml", "version: 1\naccounts:\n  U-1: {locations: {uat: [org, {profile: Agents}]}}\n"),
            ("more-orgs.yaml", "version: 1\norgs:\n  dev: {environment: sandbox}\n  prod: {environment: production}\n"),
        ])
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
        let state = try loaded.state()
        #expect(state.orgs.keys.sorted() == ["dev", "prod", "uat"])
        #expect(state.accounts.keys.sorted() == ["P-1", "U-1"])
        #expect(state.locationCount == 3)
        #expect(state.accounts["P-1"]?.origin.file?.path == loaded.paths[1])
        #expect(state.accounts["U-1"]?.origin.file?.path == loaded.paths[2])
        #expect(loaded.configuration.sources.count == 4)
    }

    @Test func claimsAreCheckedAcrossFiles() throws {
        let first = MarkedText("version: 1\norgs: {prod: {environment: production}}\naccounts:\n  A: {locations: {prod: [‸org]}}\n")
        let second = MarkedText("version: 1\naccounts:\n  B: {locations: {prod: [‸org]}}\n")
        let loaded = try load([("a.yaml", first.text), ("b.yaml", second.text)])
        let diagnostic = try loaded.only("config.duplicate-claim")
        #expect(diagnostic.location?.file == loaded.paths[1])
        #expect(diagnostic.location?.range.start == second.positions[0])
        #expect(diagnostic.notes.first?.location?.file == loaded.paths[0])
        #expect(diagnostic.notes.first?.location?.range.start == first.positions[0])
    }

    @Test func everyFileNeedsItsVersion() throws {
        let loaded = try load([
            ("a.yaml", "version: 1\norgs: {prod: {environment: production}}\n"),
            ("b.yaml", "accounts:\n  A: {locations: {prod: [org]}}\n"),
        ])
        #expect(loaded.codes == ["config.missing-field"])
        #expect(loaded.diagnostics.first?.location?.file == loaded.paths[1])
    }

    @Test func aFileThatDoesNotParseDoesNotStopTheOthers() throws {
        let loaded = try load([
            ("a.yaml", "version: 1\norgs: {prod: [unterminated\n"),
            ("b.yaml", "version: 1\naccounts:\n  A: {locations: {prod: [orgg]}}\n"),
        ])
        #expect(loaded.codes.contains { $0.hasPrefix("yaml.") })
        #expect(loaded.codes.contains("config.bad-location"))
    }

    @Test func anchorsAndAliasesShareLocationLists() throws {
        let loaded = try load("""
            version: 1
            orgs:
              uat: {environment: sandbox}
              dev: {environment: sandbox}
            x-agents: &agents
              - org
              - {profile: Support Agent}
            accounts:
              TEST:
                locations:
                  uat: *agents
                  dev: *agents
            """)
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
        let expected: [Location] = [.org(), .profile("Support Agent")]
        #expect(try loaded.state().accounts["TEST"]?.locations == ["uat": expected, "dev": expected])
    }

    @Test func mergeKeysShareSettings() throws {
        let loaded = try load("""
            version: 1
            x-package: &package {object: NVMContactWorld__Settings__c, keyField: Custom_Key__c}
            x-sandbox: &sandbox
              environment: sandbox
              customSetting: *package
            x-prod-account: &prod-account
              link: {org: prod, apiUser: vcc-api@acme.example}
              token: {env: DEFAULT_TOKEN}
            orgs:
              prod: {environment: production}
              uat:
                <<: *sandbox
              dev:
                <<: *sandbox
                environment: production
            accounts:
              A:
                <<: *prod-account
                locations: {prod: [org]}
              B:
                <<: *prod-account
                token: {env: B_TOKEN}
                locations: {prod: [{profile: B}]}
            """)
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
        let state = try loaded.state()
        let custom = CustomSettingNames(keyField: "Custom_Key__c")
        #expect(state.orgs["uat"] == OrgDeclaration(name: "uat", environment: .sandbox, customSetting: custom))
        #expect(state.orgs["dev"] == OrgDeclaration(name: "dev", environment: .production, customSetting: custom),
                "a key written beside the merge key overrides the merged one")
        let link = LinkDeclaration.linked(org: "prod", apiUser: "vcc-api@acme.example", origin: .none)
        #expect(state.accounts["A"]?.link == link)
        #expect(state.accounts["A"]?.token?.environmentVariable == "DEFAULT_TOKEN")
        #expect(state.accounts["B"]?.link == link)
        #expect(state.accounts["B"]?.token?.environmentVariable == "B_TOKEN")
    }

    @Test func theMultiOrgExampleMerges() throws {
        let root = RepositoryRoot.path()
        let configuration = ConfigurationLoader.load(paths: [root + "/examples/multi-org"])
        #expect(configuration.diagnostics.isEmpty, "\(describe(configuration.diagnostics))")
        let state = try #require(configuration.desiredState)
        #expect(state.orgs.keys.sorted() == ["dev", "prod", "uat"])
        #expect(state.accounts.keys.sorted() == ["ACME-APAC-01", "ACME-EU-01", "ACME-TEST-01", "ACME-US-01"])
        #expect(state.orgs["uat"]?.environment == .sandbox)
        #expect(state.accounts["ACME-TEST-01"]?.locations["dev"] == [.org(), .profile("Support Agent"), .profile("Sales Agent")])
    }
}
