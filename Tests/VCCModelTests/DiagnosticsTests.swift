import Testing
import TestSupport
import YAMLSyntax
@testable import VCCModel

/// Each class of finding: its code, severity, exact location and notes.
@Suite struct DiagnosticsTests {
    // MARK: Shape of the file

    @Test func unknownTopLevelKeyWithDidYouMean() throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            ‸acounts‸:
              A: ~
            """)
        let diagnostic = try loaded.only("config.unknown-key")
        #expect(loaded.codes == ["config.unknown-key"])
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message == "unknown top-level key 'acounts'")
        #expect(diagnostic.location == location(loaded.path, marks, 0, 1))
        #expect(diagnostic.notes.map(\.message) == [
            "did you mean 'accounts'?", "put shared anchors under a key starting with 'x-'",
        ])
    }

    @Test func unknownKeyFarFromAnyListsWhatIsExpected() throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            orgs:
              prod:
                environment: production
                ‸colour‸: blue
            """)
        let diagnostic = try loaded.only("config.unknown-key")
        #expect(diagnostic.message == "unknown key 'colour' in org 'prod'")
        #expect(diagnostic.location == location(loaded.path, marks, 0, 1))
        #expect(diagnostic.notes.map(\.message) == ["expected one of: 'environment', 'customSetting'"])
    }

    @Test(arguments: [
        ("version: 1\norgs:\n  prod: {‸enviroment‸: production, environment: production}\n", "environment"),
        ("version: 1\norgs:\n  prod: {environment: production, customSetting: {‸keyfield‸: A__c}}\n", "keyField"),
        ("version: 1\naccounts:\n  A: {‸tokens‸: {env: T}}\n", "token"),
        ("version: 1\naccounts:\n  A: {‸location‸: ~}\n", "locations"),
        ("version: 1\naccounts:\n  A: {link: {org: prod, ‸apiuser‸: a@b.c, apiUser: a@b.c}}\norgs: {prod: {environment: production}}\n", "apiUser"),
        ("version: 1\naccounts:\n  A: {token: {‸envs‸: T, env: T}}\n", "env"),
        ("version: 1\norgs: {prod: {environment: production}}\naccounts:\n  A: {locations: {prod: [{‸users‸: a@b.c}]}}\n", "user"),
    ])
    func unknownKeysSuggestTheKnownOne(marked: String, suggestion: String) throws {
        let (loaded, marks) = try load(marked: marked)
        let diagnostic = try loaded.only("config.unknown-key")
        #expect(diagnostic.location == location(loaded.path, marks, 0, 1))
        #expect(diagnostic.notes.first?.message == "did you mean '\(suggestion)'?")
    }

    @Test func wrongType() throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            orgs: ‸[prod]‸
            accounts:
              A:
                locations: {prod: ‸org‸}
              B: ‸[token]‸
            """)
        let found = loaded.diagnostics.filter { $0.code == "config.wrong-type" }
        #expect(loaded.codes == Array(repeating: "config.wrong-type", count: 3))
        #expect(found.map(\.location) == [
            location(loaded.path, marks, 0, 1), location(loaded.path, marks, 2, 3), location(loaded.path, marks, 4, 5),
        ])
        #expect(found.map(\.message) == [
            "'orgs' must be a mapping of org names to orgs, not a list",
            "the locations of account 'A' in org 'prod' must be a list, not a scalar",
            "account 'B' must be a mapping, not a list",
        ])
        #expect(found[1].notes.map(\.message) == ["write 'prod: [org, {profile: Support Agent}]'"])
    }

    @Test func wrongTypeOfANullSaysNothing() throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            accounts:
              A: {link: ‸~‸}
            """)
        let diagnostic = try loaded.only("config.wrong-type")
        #expect(diagnostic.location == location(loaded.path, marks, 0, 1))
        #expect(diagnostic.message.hasSuffix("not nothing (null)"))
    }

    @Test(arguments: ["'1'", "\"1\"", "1.0", "one", "[1]", "~"])
    func versionMustBeThePlainInteger(written: String) throws {
        let (loaded, marks) = try load(marked: "version: ‸\(written)‸\n")
        let diagnostic = try loaded.only("config.wrong-type")
        #expect(loaded.codes == ["config.wrong-type"])
        #expect(diagnostic.message.hasPrefix("'version' must be the integer 1"))
        #expect(diagnostic.location?.range.start == marks[0])
        if written != "~" { #expect(diagnostic.location?.range.end == marks[1]) }
    }

    @Test func missingVersionIsReportedAtTheRoot() throws {
        let (loaded, marks) = try load(marked: "‸orgs: {}\n‸")
        let diagnostic = try loaded.only("config.missing-field")
        #expect(loaded.codes == ["config.missing-field"])
        #expect(diagnostic.message == "the file is missing 'version'")
        #expect(diagnostic.location == location(loaded.path, marks, 0, 1))
        #expect(diagnostic.notes.map(\.message) == ["add 'version: 1' as the first line"])
    }

    @Test func missingRequiredFields() throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            orgs:
              prod: ‸{customSetting: {}}‸
            accounts:
              A: {token: ‸{}‸}
              B: {link: ‸{org: prod}‸}
            """)
        let found = loaded.diagnostics.filter { $0.code == "config.missing-field" }
        #expect(Set(loaded.codes) == ["config.missing-field"])
        #expect(found.map(\.message) == [
            "org 'prod' is missing 'environment'",
            "'token' of account 'A' is missing 'env'",
            "'link' of account 'B' is missing 'apiUser'",
        ])
        #expect(found.map(\.location) == [
            location(loaded.path, marks, 0, 1), location(loaded.path, marks, 2, 3), location(loaded.path, marks, 4, 5),
        ])
    }

    @Test func badValueWithDidYouMean() throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            orgs:
              prod: {environment: ‸prodution‸}
              uat: {environment: ‸staging‸}
            """)
        let found = loaded.diagnostics.filter { $0.code == "config.bad-value" }
        #expect(loaded.codes == ["config.bad-value", "config.bad-value"])
        #expect(found.map(\.location) == [location(loaded.path, marks, 0, 1), location(loaded.path, marks, 2, 3)])
        #expect(found.map(\.message) == ["'prodution' is not a valid environment", "'staging' is not a valid environment"])
        #expect(found[0].notes.map(\.message) == ["did you mean 'production'?"])
        #expect(found[1].notes.map(\.message) == ["expected one of: 'production', 'sandbox'"])
    }

    @Test(arguments: [0, 2, 10])
    func badVersion(number: Int) throws {
        let (loaded, marks) = try load(marked: "version: ‸\(number)‸\norgs: {}\n")
        let diagnostic = try loaded.only("config.bad-version")
        #expect(loaded.codes == ["config.bad-version"])
        #expect(diagnostic.message == "unsupported configuration version \(number)")
        #expect(diagnostic.location == location(loaded.path, marks, 0, 1))
        #expect(diagnostic.notes.map(\.message) == ["this vccctl reads version 1"])
    }

    @Test(arguments: ["", "# only a comment\n", "\n\n", "~\n", "---\n", "null"])
    func emptyFile(text: String) throws {
        let loaded = try load(text)
        let diagnostic = try loaded.only("config.empty-file")
        #expect(loaded.codes == ["config.empty-file"])
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location == YAMLSyntax.SourceLocation(file: loaded.path, range: SourceRange(at: at(1, 1))))
        #expect(diagnostic.notes.map(\.message) == ["a configuration starts with 'version: 1'"])
        #expect(loaded.configuration.desiredState == nil)
    }

    @Test func aTopLevelListIsTheWrongType() throws {
        let loaded = try load("- version: 1\n")
        #expect(loaded.codes == ["config.wrong-type"])
        #expect(loaded.diagnostics.first?.location?.range.start == at(1, 1))
    }

    // MARK: Claims

    @Test func duplicateClaimPointsAtTheFirstClaim() throws {
        let (loaded, marks) = try load(marked: twoOrgs + """
            accounts:
              FIRST:
                locations:
                  prod: [org, ‸{profile: Support Agent}‸]
                  uat: [{profile: Support Agent}]
              SECOND:
                locations:
                  uat: [org]
                  prod: [{user: jane@acme.example}, ‸{profile: Support Agent}‸]
            """)
        let diagnostic = try loaded.only("config.duplicate-claim")
        #expect(loaded.codes == ["config.duplicate-claim"])
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message == "profile 'Support Agent' in org 'prod' is already claimed by account 'FIRST'")
        #expect(diagnostic.location == location(loaded.path, marks, 2, 3))
        #expect(diagnostic.notes.count == 2)
        #expect(diagnostic.notes.first?.message == "claimed first here")
        #expect(diagnostic.notes.first?.location == location(loaded.path, marks, 0, 1))
        #expect(diagnostic.notes.last?.location == nil)
    }

    @Test(arguments: ["org", "{user: jane@acme.example}", "{profile: Agents}"])
    func everyKindOfLocationCanBeClaimedTwice(written: String) throws {
        let (loaded, marks) = try load(marked: twoOrgs + """
            accounts:
              A: {locations: {prod: [‸\(written)]}}
              B: {locations: {prod: [‸\(written)]}}
            """)
        let diagnostic = try loaded.only("config.duplicate-claim")
        #expect(diagnostic.location?.range.start == marks[1])
        #expect(diagnostic.notes.first?.location?.range.start == marks[0])
    }

    @Test func theSameLocationInDifferentOrgsIsNoClaimConflict() throws {
        let loaded = try load(twoOrgs + """
            accounts:
              A: {locations: {prod: [org, {profile: P}]}}
              B: {locations: {uat: [org, {profile: P}]}}
              C: {locations: {prod: [{user: p@acme.example}, {profile: Q}]}}
            """)
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
    }

    @Test func aProfileAndAUserOfTheSameNameDoNotClash() throws {
        let loaded = try load(twoOrgs + """
            accounts:
              A: {locations: {prod: [{profile: a@b.c}]}}
              B: {locations: {prod: [{user: a@b.c}]}}
            """)
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
    }

    @Test func namesAreCaseSensitive() throws {
        let loaded = try load(twoOrgs + """
            accounts:
              A: {locations: {prod: [{profile: Agents}]}}
              B: {locations: {prod: [{profile: agents}]}}
            """)
        #expect(loaded.diagnostics.isEmpty)
    }

    @Test func everyLaterClaimPointsAtTheFirst() throws {
        let (loaded, marks) = try load(marked: twoOrgs + """
            accounts:
              A: {locations: {prod: [‸org]}}
              B: {locations: {prod: [‸org]}}
              C: {locations: {prod: [‸org]}}
            """)
        let found = loaded.diagnostics.filter { $0.code == "config.duplicate-claim" }
        #expect(found.count == 2)
        #expect(found.map { $0.location?.range.start } == [marks[1], marks[2]])
        #expect(found.map { $0.notes.first?.location?.range.start } == [marks[0], marks[0]])
        #expect(found.allSatisfy { $0.message.hasSuffix("already claimed by account 'A'") })
    }

    @Test func duplicateClaimThroughAnAlias() throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            orgs: {prod: {environment: production}}
            x-agents: &agents [‸{profile: Support Agent}‸]
            accounts:
              FIRST:
                locations:
                  prod: *agents
              SECOND:
                locations:
                  ‸prod‸: *agents
            """)
        let diagnostic = try loaded.only("config.duplicate-claim")
        #expect(loaded.codes == ["config.duplicate-claim"])
        #expect(diagnostic.message == "profile 'Support Agent' in org 'prod' is already claimed by account 'FIRST'")
        // Both claims are the anchored node; the alias used by SECOND is named in a note.
        #expect(diagnostic.location == location(loaded.path, marks, 0, 1))
        try #require(diagnostic.notes.count == 3)
        #expect(diagnostic.notes[0].message == "claimed first here")
        #expect(diagnostic.notes[0].location == location(loaded.path, marks, 0, 1))
        #expect(diagnostic.notes[1].message == "through the alias used in the locations of account 'SECOND' here")
        #expect(diagnostic.notes[1].location == location(loaded.path, marks, 2, 3))
        #expect(diagnostic.notes[2].location == nil)
    }

    @Test func duplicateClaimOfAListedLocationThroughAnAlias() throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            orgs: {prod: {environment: production}}
            x-agents: &agents [‸{profile: Support Agent}]
            accounts:
              FIRST:
                locations:
                  prod: [org, ‸{profile: Support Agent}]
              SECOND:
                locations:
                  ‸prod: *agents
            """)
        let diagnostic = try loaded.only("config.duplicate-claim")
        #expect(diagnostic.location?.range.start == marks[0])
        #expect(diagnostic.notes.map { $0.location?.range.start } == [marks[1], marks[2], nil])
    }

    @Test func duplicateLocationWithinOneAccount() throws {
        let (loaded, marks) = try load(marked: twoOrgs + """
            accounts:
              A:
                locations:
                  prod: [‸{user: jane@acme.example}‸, org, ‸{user: jane@acme.example}‸]
            """)
        let diagnostic = try loaded.only("config.duplicate-location")
        #expect(loaded.codes == ["config.duplicate-location"])
        #expect(diagnostic.message == "user 'jane@acme.example' is listed twice for account 'A' in org 'prod'")
        #expect(diagnostic.location == location(loaded.path, marks, 2, 3))
        #expect(diagnostic.notes.map(\.message) == ["first listed here; remove one"])
        #expect(diagnostic.notes.first?.location == location(loaded.path, marks, 0, 1))
    }

    @Test func anAliasUsedTwiceInOneAccountIsADuplicateLocation() throws {
        let loaded = try load("""
            version: 1
            orgs: {prod: {environment: production}}
            x-org: &org-default org
            accounts:
              A: {locations: {prod: [*org-default, *org-default]}}
            """)
        #expect(loaded.codes == ["config.duplicate-location"])
    }

    // MARK: Orgs

    @Test func undeclaredOrgInLocationsAndInTheLink() throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            orgs: {prod: {environment: production}}
            accounts:
              A:
                locations:
                  ‸prd‸: [org]
                  ‸qa‸: [org]
                link: {org: ‸prodd‸, apiUser: vcc@acme.example}
            """)
        let found = loaded.diagnostics.filter { $0.code == "config.undeclared-org" }
        #expect(loaded.codes == Array(repeating: "config.undeclared-org", count: 3))
        #expect(found.map(\.location) == [
            location(loaded.path, marks, 0, 1), location(loaded.path, marks, 2, 3), location(loaded.path, marks, 4, 5),
        ])
        #expect(found.map(\.message) == [
            "org 'prd' used in locations of account 'A' is not declared under 'orgs'",
            "org 'qa' used in locations of account 'A' is not declared under 'orgs'",
            "org 'prodd' used in the link of account 'A' is not declared under 'orgs'",
        ])
        #expect(found[0].notes.map(\.message) == [
            "did you mean 'prod'?", "declare it under 'orgs:' with its environment, e.g. 'prd: {environment: sandbox}'",
        ])
        #expect(found[1].notes.map(\.message) == [
            "declare it under 'orgs:' with its environment, e.g. 'qa: {environment: sandbox}'",
        ])
        #expect(found[2].notes.first?.message == "did you mean 'prod'?")
    }

    @Test func anOrgDeclaredWithErrorsIsNotAlsoUndeclared() throws {
        let loaded = try load("""
            version: 1
            orgs:
              prod: {environment: prodution}
              uat: {}
            accounts:
              A:
                locations: {prod: [org], uat: [org]}
                link: {org: prod, apiUser: vcc@acme.example}
            """)
        #expect(loaded.codes == ["config.bad-value", "config.missing-field"])
    }

    @Test func linkWithoutLocationIsAWarning() throws {
        let (loaded, marks) = try load(marked: twoOrgs + """
            accounts:
              A:
                locations: {prod: [org]}
                link: {org: ‸uat‸, apiUser: vcc@acme.example.uat}
              B:
                locations: {uat: []}
                link: {org: ‸uat‸, apiUser: vcc@acme.example.uat}
              C:
                locations: {uat: [org]}
                link: {org: uat, apiUser: vcc@acme.example.uat}
            """)
        let found = loaded.diagnostics.filter { $0.code == "config.link-without-location" }
        #expect(loaded.codes == ["config.link-without-location", "config.link-without-location"])
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(found.map(\.location) == [location(loaded.path, marks, 0, 1), location(loaded.path, marks, 2, 3)])
        #expect(found.first?.message == "account 'A' is linked to org 'uat' but has no location there")
        #expect(found.first?.notes.count == 1)
        #expect(loaded.configuration.desiredState != nil)
    }

    @Test func apiUserLimitNamesAllSixAccounts() throws {
        let keys = ["A-1", "A-2", "A-3", "A-4", "A-5", "A-6"]
        var marked = twoOrgs + "x-link: &link {org: prod, apiUser: vcc@acme.example}\naccounts:\n"
        for key in keys { marked += "  ‸\(key)‸: {locations: {prod: [{profile: \(key)}]}, link: *link}\n" }
        marked += "  OTHER: {locations: {prod: [org]}, link: {org: prod, apiUser: other@acme.example}}\n"
        let (loaded, marks) = try load(marked: marked)
        let diagnostic = try loaded.only("config.api-user-limit")
        #expect(loaded.codes == ["config.api-user-limit"])
        #expect(diagnostic.message == "API user 'vcc@acme.example' is linked to 6 VCC accounts ('A-1', 'A-2', 'A-3', 'A-4', 'A-5', 'A-6'); one API user can serve at most 5")
        #expect(diagnostic.location == location(loaded.path, marks, 10, 11), "at the sixth account")
        try #require(diagnostic.notes.count == 7)
        for (index, key) in keys.enumerated() {
            #expect(diagnostic.notes[index].message == "account '\(key)' links through it")
            #expect(diagnostic.notes[index].location == location(loaded.path, marks, 2 * index, 2 * index + 1))
        }
        #expect(diagnostic.notes[6].location == nil)
    }

    @Test(arguments: [5, 6, 7])
    func apiUserLimitIsFive(count: Int) throws {
        var text = twoOrgs + "accounts:\n"
        for index in 1...count {
            text += "  K\(index): {locations: {prod: [{profile: P\(index)}]}, link: {org: prod, apiUser: api@acme.example}}\n"
        }
        let loaded = try load(text)
        #expect(loaded.codes == (count > 5 ? ["config.api-user-limit"] : []))
    }

    @Test func theLimitCountsAccountsAcrossOrgsAndFiles() throws {
        var first = twoOrgs + "accounts:\n"
        var second = "version: 1\naccounts:\n"
        for index in 1...3 {
            first += "  P\(index): {locations: {prod: [{profile: P\(index)}]}, link: {org: prod, apiUser: api@acme.example}}\n"
            second += "  U\(index): {locations: {uat: [{profile: U\(index)}]}, link: {org: uat, apiUser: api@acme.example}}\n"
        }
        let loaded = try load([("a.yaml", first), ("b.yaml", second)])
        let diagnostic = try loaded.only("config.api-user-limit")
        #expect(diagnostic.location?.file == loaded.paths[1])
        #expect(diagnostic.notes.prefix(6).map { $0.location?.file } == Array(repeating: loaded.paths[0], count: 3) + Array(repeating: loaded.paths[1], count: 3))
    }

    // MARK: Tokens

    @Test func literalTokenIsAnErrorAndItsRangeIsSecret() throws {
        let token = "s3cr3t-T0KEN-value"
        let (loaded, marks) = try load(marked: """
            version: 1
            accounts:
              ACME:
                token: ‸\(token)‸
            """)
        let diagnostic = try loaded.only("config.literal-token")
        #expect(loaded.codes == ["config.literal-token"])
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location == location(loaded.path, marks, 0, 1))
        #expect(diagnostic.message == "'token' of account 'ACME' is written in the file; tokens are referenced by environment variable, never written")
        #expect(loaded.configuration.secretRanges == [loaded.path: [SourceRange(start: marks[0], end: marks[1])]])
        let everything = loaded.diagnostics.map { ([$0.message] + $0.notes.map(\.message)).joined() }.joined()
        #expect(!everything.contains(token))
        #expect(!everything.contains("s3cr3t"))
    }

    @Test func aMultiLineLiteralTokenIsSecretOverAllItsLines() throws {
        let (loaded, marks) = try load(
            marked: "version: 1\naccounts:\n  ACME:\n    token: ‸|\n      first-half\n      second-half\n‸")
        #expect(loaded.codes == ["config.literal-token"])
        let ranges = try #require(loaded.configuration.secretRanges[loaded.path])
        #expect(ranges == [SourceRange(start: marks[0], end: marks[1])])
    }

    @Test func keysAndValuesBesideEnvAreSecret() throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            accounts:
              A: {token: {env: T, ‸value‸: ‸pasted-token‸}}
              B: {token: ‸[pasted-token]‸}
            """)
        #expect(loaded.codes == ["config.unknown-key", "config.wrong-type"])
        #expect(loaded.configuration.secretRanges[loaded.path] == [
            SourceRange(start: marks[0], end: marks[1]), SourceRange(start: marks[2], end: marks[3]),
            SourceRange(start: marks[4], end: marks[5]),
        ])
        let everything = loaded.diagnostics.map { ([$0.message] + $0.notes.map(\.message)).joined() }.joined()
        #expect(!everything.contains("pasted-token"))
    }

    /// A name wrong only by its first character is a typo and is shown.
    @Test(arguments: ["1ABC", "9_TOKEN"])
    func badEnvironmentVariableName(name: String) throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            accounts:
              A: {token: {env: ‸\(name)‸}}
            """)
        let diagnostic = try loaded.only("config.bad-env-name")
        #expect(loaded.codes == ["config.bad-env-name"])
        #expect(diagnostic.location == location(loaded.path, marks, 0, 1))
        #expect(diagnostic.message == "'\(name)' is not a valid environment variable name")
        #expect(diagnostic.notes.count == 1)
        #expect(loaded.configuration.secretRanges.isEmpty)
    }

    /// Characters no variable name holds: perhaps the token pasted in, so masked and not repeated.
    @Test(arguments: ["VCC-TOKEN", "VCC TOKEN", "$VCC_TOKEN", "TÖKEN", "tok/en+="])
    func anEnvironmentVariableNameThatMayBeATokenIsNotShown(name: String) throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            accounts:
              A: {token: {env: ‸'\(name)'‸}}
            """)
        let diagnostic = try loaded.only("config.bad-env-name")
        #expect(loaded.codes == ["config.bad-env-name"])
        #expect(diagnostic.location == location(loaded.path, marks, 0, 1))
        let everything = ([diagnostic.message] + diagnostic.notes.map(\.message)).joined()
        #expect(!everything.contains(name))
        #expect(loaded.configuration.secretRanges[loaded.path] == [SourceRange(start: marks[0], end: marks[1])])
    }

    // MARK: Names

    @Test(arguments: [
        ("''", "an account key must not be empty"),
        ("'ACME EU'", "account key 'ACME EU' contains whitespace"),
        ("\"ACME\\tEU\"", "account key 'ACME\tEU' contains whitespace"),
        ("\"ACME\\u00A0EU\"", "account key 'ACME\u{00A0}EU' contains whitespace"),
        (String(repeating: "K", count: 256), "is 256 characters long; the longest allowed is 255"),
        (String(repeating: "é", count: 256), "is 256 characters long; the longest allowed is 255"),
    ])
    func badAccountKey(written: String, message: String) throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            orgs: {prod: {environment: production}}
            accounts:
              ‸\(written)‸: {locations: {prod: [org]}}
            """)
        let diagnostic = try loaded.only("config.bad-account-key")
        #expect(loaded.codes == ["config.bad-account-key"])
        #expect(diagnostic.location == location(loaded.path, marks, 0, 1))
        #expect(diagnostic.message.contains(message), "\(diagnostic.message)")
        #expect(diagnostic.message.count < 200, "a long key is shortened in the message")
    }

    @Test func aKeyOf255CharactersIsFine() throws {
        let key = String(repeating: "K", count: 255)
        let loaded = try load("version: 1\naccounts:\n  \(key): ~\n")
        #expect(try loaded.state().accounts.keys.first == key)
    }

    @Test func aBadAccountKeyStillHasItsBodyChecked() throws {
        let loaded = try load("""
            version: 1
            accounts:
              'A B': {token: {env: 1X}, colour: red}
            """)
        #expect(loaded.codes == ["config.bad-account-key", "config.bad-env-name", "config.unknown-key"])
    }

    @Test(arguments: [
        "jane", "jane@acme", "@acme.example", "jane@@acme.example", "jane@acme..example", "jane@.acme.example",
        "jane@acme.example.", "jane doe@acme.example",
    ])
    func badUsernameInALocation(username: String) throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            orgs: {prod: {environment: production}}
            accounts:
              A: {locations: {prod: [{user: ‸'\(username)'‸}]}}
            """)
        let diagnostic = try loaded.only("config.bad-username")
        #expect(loaded.codes == ["config.bad-username"])
        #expect(diagnostic.location == location(loaded.path, marks, 0, 1))
        #expect(diagnostic.message.contains(username))
    }

    @Test func badUsernameOfTheAPIUser() throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            orgs: {prod: {environment: production}}
            accounts:
              A:
                locations: {prod: [org]}
                link: {org: prod, apiUser: ‸vcc-api‸}
            """)
        let diagnostic = try loaded.only("config.bad-username")
        #expect(loaded.codes == ["config.bad-username"])
        #expect(diagnostic.location == location(loaded.path, marks, 0, 1))
        #expect(diagnostic.message == "'vcc-api' is not a Salesforce username; usernames look like email addresses (jane@acme.example)")
    }

    @Test func tooLongUsername() throws {
        let username = String(repeating: "j", count: 70) + "@acme.example"
        let loaded = try load("""
            version: 1
            orgs: {prod: {environment: production}}
            accounts:
              A: {locations: {prod: [{user: \(username)}]}}
            """)
        let diagnostic = try loaded.only("config.bad-username")
        #expect(diagnostic.message.contains("is 83 characters long; Salesforce allows at most 80"))
    }

    @Test func badLocations() throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            orgs: {prod: {environment: production}}
            accounts:
              A:
                locations:
                  prod:
                    - ‸orgg‸
                    - ‸{profile: Agents, user: jane@acme.example}‸
                    - ‸default‸
            """)
        let found = loaded.diagnostics.filter { $0.code == "config.bad-location" }
        #expect(loaded.codes == Array(repeating: "config.bad-location", count: 3))
        #expect(found.map(\.location) == [
            location(loaded.path, marks, 0, 1), location(loaded.path, marks, 2, 3), location(loaded.path, marks, 4, 5),
        ])
        #expect(found.map(\.message) == [
            "'orgg' is not a location", "a location names one profile or one user, not 2 entries", "'default' is not a location",
        ])
        #expect(found[0].notes.map(\.message) == [
            "did you mean 'org'?", "a location is 'org', '{profile: NAME}' or '{user: USERNAME}'",
        ])
        #expect(found[2].notes.map(\.message) == ["a location is 'org', '{profile: NAME}' or '{user: USERNAME}'"])
    }

    @Test func badOrgName() throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            orgs:
              ‸1prod‸: {environment: production}
            """)
        let diagnostic = try loaded.only("config.bad-name")
        #expect(loaded.codes == ["config.bad-name"])
        #expect(diagnostic.location == location(loaded.path, marks, 0, 1))
    }

    @Test func badCustomSettingName() throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            orgs:
              prod:
                environment: production
                customSetting: {object: ‸Settings‸, keyField: ‸Key-Field__c‸}
            """)
        let found = loaded.diagnostics.filter { $0.code == "config.bad-name" }
        #expect(loaded.codes == ["config.bad-name", "config.bad-name"])
        #expect(found.map(\.location) == [location(loaded.path, marks, 0, 1), location(loaded.path, marks, 2, 3)])
        #expect(found[0].message == "'Settings' is not a custom object or field API name (such as NVMContactWorld__Settings__c)")
    }

    /// One run shows every mistake of an org: a missing environment does not hide a bad name.
    @Test func aMissingEnvironmentDoesNotHideABadCustomSetting() throws {
        let loaded = try load("""
            version: 1
            orgs:
              prod:
                customSetting: {object: Settings}
            """)
        #expect(loaded.codes == ["config.missing-field", "config.bad-name"])
    }

    @Test func emptyStrings() throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            orgs: {prod: {environment: production}}
            accounts:
              A: {locations: {prod: [{profile: ‸''‸}]}}
            """)
        let diagnostic = try loaded.only("config.empty")
        #expect(diagnostic.location == location(loaded.path, marks, 0, 1))
        #expect(diagnostic.message == "the profile of a location must not be empty")
    }

    // MARK: Several files

    @Test func orgDeclaredDifferentlyInTwoFiles() throws {
        let first = MarkedText("version: 1\norgs:\n  ‸prod‸: {environment: production}\n")
        let second = MarkedText("version: 1\norgs:\n  ‸prod‸: {environment: sandbox}\n")
        let loaded = try load([("a.yaml", first.text), ("b.yaml", second.text)])
        let diagnostic = try loaded.only("config.conflict")
        #expect(loaded.codes == ["config.conflict"])
        #expect(diagnostic.message == "org 'prod' is declared again with different settings")
        #expect(diagnostic.location == location(loaded.paths[1], second.positions, 0, 1))
        #expect(diagnostic.notes.count == 1)
        #expect(diagnostic.notes.first?.location == location(loaded.paths[0], first.positions, 0, 1))
        #expect(diagnostic.notes.first?.message.hasPrefix("first declared here") == true)
    }

    @Test func orgWithDifferentCustomSettingsConflicts() throws {
        let loaded = try load([
            ("a.yaml", "version: 1\norgs: {prod: {environment: production}}\n"),
            ("b.yaml", "version: 1\norgs: {prod: {environment: production, customSetting: {keyField: K__c}}}\n"),
        ])
        #expect(loaded.codes == ["config.conflict"])
        #expect(loaded.diagnostics.first?.location?.file == loaded.paths[1])
    }

    @Test func theSameOrgDeclaredIdenticallyInTwoFilesIsFine() throws {
        let loaded = try load([
            ("a.yaml", "version: 1\norgs:\n  prod:\n    environment: production\n"),
            ("b.yaml", "version: 1\n# spelled differently, meaning the same\norgs: {prod: {environment: 'production', customSetting: {object: NVMContactWorld__Settings__c}}}\n"),
        ])
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
        #expect(try loaded.state().orgs.count == 1)
        #expect(try loaded.state().orgs["prod"]?.origin.file?.path == loaded.paths[0], "the first declaration counts")
    }

    @Test func anAccountDeclaredInTwoFiles() throws {
        let first = MarkedText("version: 1\naccounts:\n  ‸ACME‸: {token: {env: T}}\n")
        let second = MarkedText("version: 1\naccounts:\n  ‸ACME‸: {token: {env: T}}\n")
        let loaded = try load([("a.yaml", first.text), ("b.yaml", second.text)])
        let diagnostic = try loaded.only("config.conflict")
        #expect(loaded.codes == ["config.conflict"])
        #expect(diagnostic.message == "account 'ACME' is declared twice")
        #expect(diagnostic.location == location(loaded.paths[1], second.positions, 0, 1))
        #expect(diagnostic.notes.first?.location == location(loaded.paths[0], first.positions, 0, 1))
    }

    @Test func findingsAreSortedByFileAndPosition() throws {
        let loaded = try load([
            ("a.yaml", "version: 1\norgs: {prod: {environment: x}}\naccounts: {'': ~}\n"),
            ("b.yaml", "version: 2\n"),
        ])
        let places = loaded.diagnostics.compactMap(\.location)
        #expect(places.map(\.file) == [loaded.paths[0], loaded.paths[0], loaded.paths[1]])
        #expect(places.map(\.range.start.line) == [2, 3, 1])
    }
}
