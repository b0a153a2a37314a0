import Foundation
import Testing
import TestSupport
import YAMLSyntax
@testable import VCCModel

/// The secrets rule on its own: each shape a credential can be written in, with the characters
/// that must be masked between pairs of `‸` marks. Nothing else of the line may change.
@Suite struct SecretMaskTests {
    /// An obviously fake token.
    static let canary = "CANARY-fake-3e9d"

    /// The lines of `marked` as they must be quoted: every non-blank character between a pair of
    /// marks replaced by `*`.
    static func expectedLines(_ marked: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var inside = false
        for character in marked {
            if character == MarkedText.mark {
                inside.toggle()
            } else if character == "\n" {
                lines.append(current)
                current = ""
            } else {
                current.append(inside && character != " " && character != "\t" ? "*" : character)
            }
        }
        lines.append(current)
        return lines
    }

    static let shapes: [String] = [
        "token: ‸\(canary)‸",
        "token: ‸\"\(canary)\"‸",
        "token: ‸'\(canary)'‸   ",
        "  A-1: {token: ‸\(canary)‸, locations: {prod: [org]}}",
        "  A-1: {token: {‸\(canary)‸}, locations: {prod: [org]}}",
        "token: {env: VCC_TOKEN, ‸\(canary)‸}",
        "token: {‸value‸: ‸\(canary)‸, env: VCC_TOKEN}",
        "vcc: {url: https://vcc.acme.example, token: {‸\(canary)‸}}",
        "token: ‸\"\(canary)‸",
        "\ttoken: ‸\(canary)‸",
        "token: ‸\(canary): x‸",
        "tokn: ‸\(canary)‸",
        "toekn: ‸\(canary)‸",
        "api_token: ‸\(canary)‸",
        "password: ‸\(canary) # a comment‸",
        "  - {clientSecret: ‸\(canary)‸}",
        "state: postgres://vccctl:‸\(canary)‸@db.acme.example/vccctl",
        "token: ‸|‸\n  ‸\(canary)‸\n  ‸\(canary)‸\nnext: 1",
        "token:\n  ‸\(canary)‸",
        "token:\n  env: VCC_TOKEN\n  ‸value: \(canary)‸\n  ‸- \(canary)‸\nother: 1",
        "token: {env: VCC_TOKEN,\n    ‸\(canary)}‸",
        "token: [‸\(canary)‸]",
        "token: ‸&anchor \(canary)‸",
    ]

    @Test(arguments: shapes)
    func theLineRuleMasksEveryShape(_ marked: String) {
        let text = marked.replacingOccurrences(of: String(MarkedText.mark), with: "")
        var mask = SecretMask(source: SourceText(path: "c.yaml", text: text), ranges: [])
        let expected = Self.expectedLines(marked)
        for (index, line) in expected.enumerated() {
            let quoted = mask.line(index + 1)
            #expect(quoted == line, "line \(index + 1) of \(text.debugDescription)")
            #expect(quoted?.contains("CANARY") == false)
        }
    }

    @Test(arguments: [
        "token: {env: VCC_TOKEN_ACME}",
        "  ACME-EU-01: {token: {env: VCC_TOKEN_ACME_EU}, locations: {prod: [org, {user: jane@acme.example}]}}",
        "token:\n  env: VCC_TOKEN\nlocations:\n  prod: [org]",
        "vcc: {url: https://vcc.acme.example, token: {env: VCC_ADMIN_TOKEN}}",
        "state: postgres://vccctl@db.acme.example/vccctl",
        "link: {org: prod, apiUser: vcc-api@acme.example}",
        "environment: production   # the token: is elsewhere",
    ])
    func referencesAndOrdinaryLinesAreQuotedAsWritten(_ text: String) {
        var mask = SecretMask(source: SourceText(path: "c.yaml", text: text), ranges: [])
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            #expect(mask.line(index + 1) == String(line))
        }
    }

    @Test func credentialLikeKeys() {
        for key in ["token", "tokn", "toekn", "tken", "TOKEN", "vccToken", "api_token", "secret", "secert", "clientSecret",
                    "password", "pasword", "privateKey", "consumerKey", "clientId", "accessToken", "credentials"] {
            #expect(CredentialKeyRule.isCredentialLike(key), "\(key)")
        }
        for key in ["env", "org", "orgs", "link", "url", "locations", "environment", "apiUser", "user", "profile",
                    "version", "accounts", "keyField", "open", "caFile", "instanceUrl", "username", "retiredTokenField", "tokenUrl"] {
            #expect(!CredentialKeyRule.isCredentialLike(key), "\(key)")
        }
    }

    /// Every literal-token shape through the loader: no message or note repeats the canary, and
    /// every line a finding points at is quoted masked.
    @Test(arguments: [
        "  A-1:\n    token: {\(canary)}\n",
        "  A-1:\n    token: {env: VCC_TOKEN, \(canary)}\n",
        "  A-1:\n    token: {\(canary): \(canary)}\n",
        "  A-1:\n    token: {\(canary): 1, \(canary): 2}\n",
        "  A-1:\n    token: {env: VCC_TOKEN}\n    token: \(canary)\n",
        "  A-1:\n    tokn: \(canary)\n",
        "  A-1:\n    token: \"\(canary)\n",
        "  A-1:\n\ttoken: \(canary)\n",
        "  A-1:\n    token: \(canary): x\n",
        "  A-1:\n    token: {env: \(canary)}\n",
        "  A-1:\n    token: !!binary \(canary)\n",
        "  A-1: {token: {\(canary)}, tokn: \(canary)}\n",
        "  A-1:\n    token: *\(canary)\n",
        "  A-1:\n    token: {env: *\(canary)}\n",
    ])
    func noFindingRepeatsALiteralToken(_ accounts: String) throws {
        let loaded = try load("version: 1\norgs: {prod: {environment: production}}\naccounts:\n" + accounts)
        #expect(!loaded.diagnostics.isEmpty)
        for diagnostic in loaded.diagnostics {
            let texts = [diagnostic.message] + diagnostic.notes.map(\.message)
            #expect(!texts.contains { $0.contains("CANARY") }, "\(texts)")
        }
        var masks = loaded.configuration.sources.map {
            SecretMask(source: $0, ranges: loaded.configuration.secretRanges[$0.path] ?? [])
        }
        let lineCount = accounts.split(separator: "\n").count + 3
        for number in 1...lineCount {
            let quoted = masks[0].line(number) ?? ""
            #expect(!quoted.contains("CANARY"), "line \(number): \(quoted)")
        }
    }

    @Test func anUnknownKeyUnderACredentialIsNotRepeated() throws {
        let (loaded, marks) = try load(marked: """
            version: 1
            accounts:
              A-1:
                token: {env: VCC_TOKEN, ‸\(Self.canary)‸}
            """)
        let diagnostic = try loaded.only("config.unknown-key")
        #expect(diagnostic.message == "unknown key in 'token' of account 'A-1'; it is not shown: it may be a pasted credential")
        #expect(diagnostic.location == location(loaded.path, marks, 0, 1))
        #expect(diagnostic.notes.map(\.message) == ["expected only: 'env'"])
    }

    @Test func theConnectionFileFollowsTheSameRule() {
        let text = """
            version: 1
            target: local
            vcc: {url: https://vcc.acme.example, token: {\(Self.canary)}}
            orgs:
              prod:
                instanceUrl: https://acme.my.salesforce.com
                auth: {accessToken: {env: T}, tokn: \(Self.canary)}
            """
        let loaded = ConnectionSettingsLoader.load(SourceText(path: "connection.yaml", text: text))
        #expect(loaded.diagnostics.count >= 2)
        for diagnostic in loaded.diagnostics {
            #expect(!([diagnostic.message] + diagnostic.notes.map(\.message)).contains { $0.contains("CANARY") })
        }
        var mask = SecretMask(source: loaded.source!, ranges: loaded.secretRanges)
        for number in 1...7 { #expect(mask.line(number)?.contains("CANARY") == false) }
    }
}
