import Foundation
import Testing
import TestSupport
import YAMLSyntax
@testable import VCCModel

/// Connection settings (schemas/connection.schema.json): the examples, every rule with its code
/// and location, and literal secrets that never reach a message.
@Suite struct ConnectionSettingsTests {
    static let root = RepositoryRoot.path()
    static let canary = "CANARY-7f3a9c-sec"

    /// What decoding one text gave, parse findings included.
    struct Decoded {
        var settings: ConnectionSettings?
        var diagnostics: [Diagnostic]
        var secretRanges: [SourceRange]

        var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        var codes: [String] { diagnostics.map(\.code) }
        var summary: String { diagnostics.map { "\($0.location?.description ?? "-"): \($0.code): \($0.message)" }.joined(separator: "\n") }

        /// The one diagnostic with `code`; fails the test when there is none or more than one.
        func only(_ code: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
            let found = diagnostics.filter { $0.code == code }
            try #require(found.count == 1, "expected one \(code), got:\n\(summary)", sourceLocation: sourceLocation)
            return found[0]
        }

        func settings(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> ConnectionSettings {
            try #require(settings, "errors:\n\(summary)", sourceLocation: sourceLocation)
        }
    }

    static func decode(_ text: String, path: String = "connection.yaml") -> Decoded {
        let parsed = YAMLParser.parse(text, path: path)
        guard let document = parsed.document else {
            return Decoded(settings: nil, diagnostics: parsed.diagnostics, secretRanges: [])
        }
        let context = DecodeContext()
        let settings = ConnectionSettingsDecoder(context: context).decode(document)
        return Decoded(settings: parsed.hasErrors ? nil : settings, diagnostics: parsed.diagnostics + context.diagnostics,
                       secretRanges: context.secretRanges)
    }

    static func decodeExample(_ relativePath: String) throws -> Decoded {
        let text = try String(contentsOfFile: root + "/" + relativePath, encoding: .utf8)
        return decode(text, path: relativePath)
    }

    static func files(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
    }

    // MARK: Examples

    @Test(arguments: files(in: "examples/connection"))
    func everyExamplePasses(_ path: String) throws {
        let decoded = try Self.decodeExample(path)
        #expect(decoded.diagnostics.isEmpty, "\(decoded.summary)")
        #expect(decoded.settings != nil)
        #expect(decoded.secretRanges.isEmpty)
    }

    @Test func theEmulatorExample() throws {
        let settings = try Self.decodeExample("examples/connection/emulator.yaml").settings()
        #expect(settings.target == .emulator)
        #expect(settings.state == .sqlite(path: ".vccctl/emulator.sqlite"))
        #expect(settings.emulator == EmulatorConnection(url: "https://127.0.0.1:8443", caFile: ".vccctl/emulator/ca.pem"))
        #expect(settings.orgs.isEmpty)
        #expect(settings.vcc == nil)
    }

    @Test func theSalesforceExample() throws {
        let settings = try Self.decodeExample("examples/connection/salesforce.yaml").settings()
        #expect(settings.target == .salesforce)
        #expect(settings.state == .environment(EnvironmentReference(name: "VCCCTL_STATE_URL")))
        #expect(settings.orgs.keys.sorted() == ["dev", "prod", "uat"])
        #expect(settings.orgs["prod"] == OrgConnection(
            instanceUrl: "https://acme.my.salesforce.com",
            auth: .jwt(consumerKey: EnvironmentReference(name: "SF_PROD_CONSUMER_KEY"),
                       username: "vccctl-deploy@acme.example",
                       privateKey: EnvironmentReference(name: "SF_PROD_PRIVATE_KEY"))))
        #expect(settings.orgs["uat"]?.auth == .clientCredentials(
            clientId: EnvironmentReference(name: "SF_UAT_CLIENT_ID"),
            clientSecret: EnvironmentReference(name: "SF_UAT_CLIENT_SECRET")))
        #expect(settings.orgs["dev"]?.auth == .accessToken(EnvironmentReference(name: "SF_DEV_ACCESS_TOKEN")))
        #expect(settings.vcc == VCCAdminConnection(url: "https://vcc-admin.acme.example",
                                                   token: EnvironmentReference(name: "VCC_ADMIN_TOKEN")))
        // Origins point back into the file, without taking part in equality.
        #expect(settings.orgs["prod"]?.origin.location?.description == "examples/connection/salesforce.yaml:10:3")
        #expect(settings.vcc?.token.origin.location?.description == "examples/connection/salesforce.yaml:30:10")
    }

    // MARK: Invalid examples

    struct Expected: Sendable, CustomStringConvertible {
        var file: String
        var code: String
        var line: Int
        var column: Int
        var description: String { file }
    }

    static let invalidExamples: [Expected] = [
        Expected(file: "bad-target.yaml", code: "config.bad-value", line: 4, column: 9),
        Expected(file: "emulator-without-url.yaml", code: "config.missing-field", line: 4, column: 9),
        Expected(file: "literal-secret.yaml", code: "connection.literal-secret", line: 9, column: 20),
        Expected(file: "password-in-state-url.yaml", code: "connection.literal-secret", line: 4, column: 26),
        Expected(file: "plain-http-instance.yaml", code: "connection.bad-url", line: 7, column: 18),
        Expected(file: "two-auth-methods.yaml", code: "connection.auth-method", line: 10, column: 7),
        Expected(file: "unknown-state-scheme.yaml", code: "connection.unknown-state-scheme", line: 4, column: 20),
    ]

    @Test func everyInvalidExampleIsListed() {
        #expect(Self.invalidExamples.map { "examples/invalid/connection/" + $0.file }
                == Self.files(in: "examples/invalid/connection"))
    }

    @Test(arguments: invalidExamples)
    func invalidExampleGivesItsDiagnostic(_ expected: Expected) throws {
        let path = "examples/invalid/connection/" + expected.file
        let decoded = try Self.decodeExample(path)
        #expect(decoded.settings == nil)
        #expect(decoded.errors.count == 1, "\(decoded.summary)")
        let diagnostic = try decoded.only(expected.code)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location?.file == path)
        #expect(diagnostic.location?.range.start == SourcePosition(line: expected.line, column: expected.column))
    }

    @Test func theLiteralSecretExampleIsMasked() throws {
        let decoded = try Self.decodeExample("examples/invalid/connection/literal-secret.yaml")
        let secret = "00D5e000000AbCd!AQ4AQExampleExampleExample"
        #expect(decoded.secretRanges == [SourceRange(start: SourcePosition(line: 9, column: 20),
                                                     end: SourcePosition(line: 9, column: 20 + secret.count))])
        #expect(!Self.texts(of: decoded.diagnostics).contains { $0.contains(secret) })
        let notes = try decoded.only("connection.literal-secret").notes.map(\.message)
        #expect(notes.contains("write 'accessToken: {env: SF_PROD_ACCESS_TOKEN}' and set that variable where vccctl runs"))
    }

    @Test func aPasswordInTheStateURLIsMaskedAlone() throws {
        let decoded = try Self.decodeExample("examples/invalid/connection/password-in-state-url.yaml")
        // `state: postgres://vccctl:s3cret@…`: only `s3cret` (columns 26 to 31) is hidden.
        #expect(decoded.secretRanges == [SourceRange(start: SourcePosition(line: 4, column: 26),
                                                     end: SourcePosition(line: 4, column: 32))])
        #expect(!Self.texts(of: decoded.diagnostics).contains { $0.contains("s3cret") })
    }

    // MARK: Literal secrets

    /// A canary in every place a credential could be written by mistake.
    static let canaryPlacements: [(name: String, text: String)] = [
        ("access token", "version: 1\ntarget: salesforce\norgs:\n  prod:\n    instanceUrl: https://acme.my.salesforce.com\n    auth: {accessToken: \(canary)}\n"),
        ("quoted access token", "version: 1\norgs:\n  prod:\n    instanceUrl: https://acme.my.salesforce.com\n    auth: {accessToken: \"\(canary)\"}\n"),
        ("jwt private key block", "version: 1\norgs:\n  prod:\n    instanceUrl: https://acme.my.salesforce.com\n    auth:\n      jwt:\n        consumerKey: {env: K}\n        username: deploy@acme.example\n        privateKey: |\n          -----BEGIN PRIVATE KEY-----\n          \(canary)\n          -----END PRIVATE KEY-----\n"),
        ("jwt consumer key", "version: 1\norgs:\n  prod:\n    instanceUrl: https://acme.my.salesforce.com\n    auth: {jwt: {consumerKey: \(canary), username: d@acme.example, privateKey: {env: P}}}\n"),
        ("client secret", "version: 1\norgs:\n  prod:\n    instanceUrl: https://acme.my.salesforce.com\n    auth:\n      clientCredentials: {clientId: {env: ID}, clientSecret: \(canary)}\n"),
        ("client id in a list", "version: 1\norgs:\n  prod:\n    instanceUrl: https://acme.my.salesforce.com\n    auth:\n      clientCredentials: {clientId: [\(canary)], clientSecret: {env: S}}\n"),
        ("vcc token", "version: 1\nvcc: {url: https://vcc.acme.example, token: \(canary)}\n"),
        ("vcc token misspelt", "version: 1\nvcc: {url: https://vcc.acme.example, token: {env: T}, tokn: \(canary)}\n"),
        ("extra key beside env", "version: 1\nvcc: {url: https://vcc.acme.example, token: {env: T, value: \(canary)}}\n"),
        ("secret as the variable name", "version: 1\nvcc: {url: https://vcc.acme.example, token: {env: \(canary)}}\n"),
        ("auth as a scalar", "version: 1\norgs:\n  prod: {instanceUrl: https://acme.my.salesforce.com, auth: \(canary)}\n"),
        ("unknown auth method", "version: 1\norgs:\n  prod: {instanceUrl: https://acme.my.salesforce.com, auth: {password: \(canary)}}\n"),
        ("unknown top-level key", "version: 1\npassword: \(canary)\n"),
        ("state URL password", "version: 1\nstate: postgres://vccctl:\(canary)@db.acme.example/vccctl\n"),
        ("state URL password, quoted", "version: 1\nstate: 'postgresql://vccctl:\(canary)@db.acme.example/vccctl'\n"),
        ("state URL password parameter", "version: 1\nstate: postgres://db.acme.example/vccctl?sslmode=require&password=\(canary)\n"),
        ("misspelt state URL password", "version: 1\nstate: postgress://vccctl:\(canary)@db.acme.example/vccctl\n"),
        ("instance URL password", "version: 1\norgs:\n  prod:\n    instanceUrl: https://admin:\(canary)@acme.my.salesforce.com\n    auth: {accessToken: {env: T}}\n"),
        ("vcc URL password", "version: 1\nvcc: {url: \"https://admin:\(canary)@vcc.acme.example/api\", token: {env: T}}\n"),
    ]

    @Test(arguments: canaryPlacements.map(\.name))
    func aLiteralSecretNeverReachesAMessage(_ name: String) throws {
        let text = try #require(Self.canaryPlacements.first { $0.name == name }).text
        let decoded = Self.decode(text)
        #expect(!decoded.diagnostics.isEmpty)
        #expect(!Self.texts(of: decoded.diagnostics).contains { $0.contains("CANARY") }, "\(decoded.summary)")
        for occurrence in Self.occurrences(of: Self.canary, in: text) {
            #expect(decoded.secretRanges.contains { Self.range($0, covers: occurrence) },
                    "canary at \(occurrence.start) not masked; masked: \(decoded.secretRanges)")
        }
    }

    @Test func literalCredentialsAreErrors() {
        for (name, text) in Self.canaryPlacements where name != "misspelt state URL password" {
            let decoded = Self.decode(text)
            #expect(decoded.settings == nil, "\(name)")
            #expect(!decoded.errors.isEmpty, "\(name)")
        }
        let literal = Self.decode(Self.canaryPlacements[0].text)
        #expect(literal.codes == ["connection.literal-secret"])
    }

    // MARK: Defaults

    @Test func defaults() throws {
        let settings = ConnectionSettings.default
        #expect(settings.version == 1)
        #expect(settings.target == .local)
        #expect(settings.state == .sqlite(path: ".vccctl/state.sqlite"))
        #expect(settings.emulator == nil)
        #expect(settings.orgs.isEmpty)
        #expect(settings.vcc == nil)
        #expect(try Self.decode("version: 1\n").settings() == .default)
        #expect(try Self.decode("# comment\nversion: 1\nx-anchors: {a: &a 1}\n").settings() == .default)
    }

    @Test func emptyFilesAndWrongShapes() throws {
        #expect(try Self.decode("").only("config.empty-file").location?.range.start == SourcePosition(line: 1, column: 1))
        #expect(try Self.decode("# only a comment\n").only("config.empty-file").code == "config.empty-file")
        #expect(try Self.decode("- version: 1\n").only("config.wrong-type").location?.range.start == SourcePosition(line: 1, column: 1))
        let missing = try Self.decode("target: local\n").only("config.missing-field")
        #expect(missing.message == "the connection settings are missing 'version'")
        #expect(try Self.decode("version: 2\n").only("config.bad-version").location?.description == "connection.yaml:1:10")
        #expect(try Self.decode("version: '1'\n").only("config.wrong-type").message == "'version' must be the integer 1, not a scalar")
    }

    // MARK: Rules

    @Test func unknownKeysGetADidYouMean() throws {
        let decoded = Self.decode("""
            version: 1
            tagret: emulator
            emulator: {url: http://127.0.0.1:8443, urll: x}
            accounts: {}
            x-shared: &shared {anything: goes}
            """)
        let unknown = decoded.diagnostics.filter { $0.code == "config.unknown-key" }
        #expect(unknown.map { $0.location?.description ?? "" } == ["connection.yaml:2:1", "connection.yaml:3:40", "connection.yaml:4:1"])
        #expect(unknown[0].notes.first?.message == "did you mean 'target'?")
        #expect(unknown[1].notes.first?.message == "did you mean 'url'?")
        #expect(unknown[2].notes.map(\.message).contains("'accounts' belongs in the configuration, not in the connection settings"))
        #expect(decoded.settings == nil)
    }

    @Test func everyErrorOfTheFileAtOnce() {
        let decoded = Self.decode("""
            version: 1
            target: salesforc
            state: ''
            emulator: {url: ftp://127.0.0.1}
            orgs:
              1prod:
                instanceUrl: https://acme.my.salesforce.com/home
                auth: {}
              uat:
                instanceUrl: https://acme--uat.sandbox.my.salesforce.com
                auth:
                  jwt: {consumerKey: {env: 9KEY}, username: not-an-email, privateKey: {env: PK}}
            vcc: {url: http://vcc.acme.example, token: {env: VCC_ADMIN_TOKEN}}
            """)
        #expect(decoded.codes == [
            "config.bad-value", "config.empty", "connection.bad-url", "config.bad-name", "connection.bad-url",
            "connection.auth-method", "config.bad-env-name", "config.bad-username", "connection.bad-url",
        ], "\(decoded.summary)")
        #expect(decoded.diagnostics.map { $0.location?.range.start.line ?? 0 } == [2, 3, 4, 6, 7, 8, 12, 12, 13])
        #expect(decoded.diagnostics[0].notes.first?.message == "did you mean 'salesforce'?")
        #expect(decoded.settings == nil)
    }

    @Test func targetsRequireTheirSections() throws {
        let salesforce = try Self.decode("version: 1\ntarget: salesforce\n").only("config.missing-field")
        #expect(salesforce.location?.description == "connection.yaml:2:9")
        #expect(salesforce.message.contains("'orgs'"))
        // Present but broken: reported once, where it is broken.
        let broken = Self.decode("version: 1\ntarget: emulator\nemulator: {}\n")
        #expect(try broken.only("config.missing-field").location?.description == "connection.yaml:3:11")
        // Sections for other targets are allowed: switching target is one line.
        let local = try Self.decode("version: 1\ntarget: local\nemulator: {url: https://emu.acme.example/base}\n").settings()
        #expect(local.target == .local)
        #expect(local.emulator?.url == "https://emu.acme.example/base")
    }

    @Test func authenticationIsExactlyOneMethod() throws {
        func auth(_ body: String) -> Decoded {
            Self.decode("version: 1\norgs:\n  prod:\n    instanceUrl: https://acme.my.salesforce.com\n    auth: \(body)\n")
        }
        #expect(try auth("{}").only("connection.auth-method").location?.description == "connection.yaml:5:11")
        #expect(try auth("~").only("config.wrong-type").code == "config.wrong-type")
        let three = auth("{accessToken: {env: A}, jwt: {consumerKey: {env: K}, username: d@acme.example, privateKey: {env: P}}, clientCredentials: {clientId: {env: I}, clientSecret: {env: S}}}")
        #expect(three.errors.map(\.code) == ["connection.auth-method", "connection.auth-method"])
        #expect(three.errors.first?.notes.last?.location?.description == "connection.yaml:5:12")
        #expect(try auth("{acessToken: {env: A}}").only("config.unknown-key").notes.first?.message == "did you mean 'accessToken'?")
        #expect(try auth("{accessToken: {env: SF_TOKEN}}").settings().orgs["prod"]?.auth
                == .accessToken(EnvironmentReference(name: "SF_TOKEN")))
        let missing = auth("{jwt: {consumerKey: {env: K}}}")
        #expect(missing.errors.map(\.message) == ["'jwt' of org 'prod' is missing 'username'", "'jwt' of org 'prod' is missing 'privateKey'"])
    }

    @Test func instanceURLsAreHTTPSOrigins() throws {
        func instance(_ url: String) -> Decoded {
            Self.decode("version: 1\norgs:\n  prod: {instanceUrl: '\(url)', auth: {accessToken: {env: T}}}\n")
        }
        for valid in ["https://acme.my.salesforce.com", "https://acme.my.salesforce.com/", "https://acme.my.salesforce.com:443"] {
            #expect(instance(valid).diagnostics.isEmpty, "\(valid)")
        }
        for invalid in ["http://acme.my.salesforce.com", "https://acme.my.salesforce.com/home", "https://", "acme.my.salesforce.com",
                        "https://acme.my.salesforce.com?x=1", "https://acme .my.salesforce.com", "HTTPS://acme.my.salesforce.com"] {
            #expect(instance(invalid).codes == ["connection.bad-url"], "\(invalid)")
        }
        #expect(try instance("http://acme.my.salesforce.com").only("connection.bad-url").message
                == "the instance URL of org 'prod' must use https, not plain http")
    }

    @Test func theVCCEndpointUsesHTTPSOrALoopback() {
        func vcc(_ url: String) -> Decoded {
            Self.decode("version: 1\nvcc: {url: '\(url)', token: {env: VCC_ADMIN_TOKEN}}\n")
        }
        for valid in ["https://vcc-admin.acme.example", "https://vcc-admin.acme.example:8443/api/v1", "http://127.0.0.1:8080",
                      "http://127.10.0.1/api", "http://localhost", "http://localhost:9/x", "http://[::1]:8443/"] {
            #expect(vcc(valid).diagnostics.isEmpty, "\(valid)")
        }
        for invalid in ["http://vcc-admin.acme.example", "http://localhost.acme.example", "http://127.0.0.1@evil.example",
                        "http://128.0.0.1", "http://127.0.0.1:123456", "http://[::2]", "ftp://127.0.0.1", "https://", "vcc.acme.example",
                        "https://vcc.acme.example?x", "http://127.0.0.1?x"] {
            #expect(vcc(invalid).codes == ["connection.bad-url"], "\(invalid)")
        }
        #expect(vcc("http://vcc-admin.acme.example").diagnostics.first?.message.contains("not a loopback address") == true)
    }

    @Test func emulatorURLs() {
        func emulator(_ url: String) -> Decoded {
            Self.decode("version: 1\ntarget: emulator\nemulator: {url: '\(url)'}\n")
        }
        for valid in ["http://127.0.0.1:8443", "https://emulator.acme.example/base/path", "http://emu"] {
            #expect(emulator(valid).diagnostics.isEmpty, "\(valid)")
        }
        for invalid in ["127.0.0.1:8443", "ws://127.0.0.1", "http://", "http://emu?x", "http://emu/a b"] {
            #expect(emulator(invalid).codes == ["connection.bad-url"], "\(invalid)")
        }
    }

    @Test func stateLocations() throws {
        func state(_ text: String) -> Decoded { Self.decode("version: 1\nstate: \(text)\n") }
        #expect(try state("sqlite:/var/lib/vccctl/state.sqlite").settings().state == .sqlite(path: "/var/lib/vccctl/state.sqlite"))
        #expect(try state("state/vccctl.sqlite").settings().state == .sqlite(path: "state/vccctl.sqlite"))
        #expect(try state("postgres://vccctl@127.0.0.1:5432/vccctl").settings().state
                == .postgres(url: "postgres://vccctl@127.0.0.1:5432/vccctl"))
        #expect(try state("postgresql://db.acme.example/vccctl?sslmode=require").settings().state
                == .postgres(url: "postgresql://db.acme.example/vccctl?sslmode=require"))
        #expect(try state("{env: VCCCTL_STATE_URL}").settings().state == .environment(EnvironmentReference(name: "VCCCTL_STATE_URL")))
        #expect(try state("'sqlite:'").only("config.empty").location?.description == "connection.yaml:2:8")
        #expect(try state("''").only("config.empty").code == "config.empty")
        #expect(try state("[a]").only("config.wrong-type").notes.first?.message.contains("{env: VCCCTL_STATE_URL}") == true)
        #expect(try state("{env: 1STATE}").only("config.bad-env-name").message == "'1STATE' is not a valid environment variable name")
        // Even an empty password matches the schema's rule.
        #expect(try state("postgres://vccctl:@db/vccctl").only("connection.literal-secret").location?.description == "connection.yaml:2:8")
        // An unknown scheme is an error, never a path (its password would become a directory name).
        let misspelt = state("postgress://db.acme.example/vccctl")
        let error = try misspelt.only("connection.unknown-state-scheme")
        #expect(error.severity == .error)
        #expect(error.notes.first?.message == "did you mean 'postgres'?")
        #expect(misspelt.settings == nil)
        // Its user information is masked, the user as well as the password.
        let secret = state("mysql://canary-user:canary-pass@db.acme.example/vccctl")
        let masked = try secret.only("connection.unknown-state-scheme")
        #expect(!masked.message.contains("canary") && masked.location?.description == "connection.yaml:2:16")
        #expect(secret.secretRanges.count == 1)
    }

    @Test func orgNamesAndUsernames() throws {
        let decoded = Self.decode("""
            version: 1
            orgs:
              prod_eu:
                instanceUrl: https://acme.my.salesforce.com
                auth: {jwt: {consumerKey: {env: K}, username: deploy@acme.example.uat, privateKey: {env: P}}}
              -bad:
                instanceUrl: https://acme.my.salesforce.com
                auth: {accessToken: {env: T}}
            """)
        #expect(try decoded.only("config.bad-name").location?.description == "connection.yaml:6:3")
        let jwt = Self.decode("version: 1\norgs:\n  prod:\n    instanceUrl: https://a.my.salesforce.com\n    auth: {jwt: {consumerKey: {env: K}, username: deploy, privateKey: {env: P}}}\n")
        #expect(try jwt.only("config.bad-username").location?.description == "connection.yaml:5:51")
    }

    @Test func hintsNameTheVariableForTheField() throws {
        let decoded = Self.decode("version: 1\norgs:\n  acme-uat:\n    instanceUrl: https://a.my.salesforce.com\n    auth: {clientCredentials: {clientId: abc, clientSecret: {env: S}}}\n")
        let notes = try decoded.only("connection.literal-secret").notes.map(\.message)
        #expect(notes.first == "write 'clientId: {env: SF_ACME_UAT_CLIENT_ID}' and set that variable where vccctl runs")
    }

    @Test func syntaxErrorsAreReported() throws {
        let decoded = Self.decode("version: 1\ntarget: local\ntarget: emulator\n")
        #expect(decoded.codes.contains("yaml.duplicate-key"))
        #expect(decoded.settings == nil)
    }

    @Test func hostileBytesEndInADiagnostic() {
        let inputs: [[UInt8]] = [
            [], [0xFF, 0xFE] + Array("version: 2\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
            [0xC3, 0x28, 0xFF], Array("just a string".utf8), Array("version: 1\n---\nversion: 1\n".utf8),
            Array(("a: &a [x, x]\nb: [" + String(repeating: "*a,", count: 500) + "*a]\n").utf8),
            Array("version: 1\norgs: &o {p: *o}\n".utf8), Array("\t- x".utf8),
        ]
        for bytes in inputs {
            let loaded = ConnectionSettingsLoader.load(SourceText(path: "hostile.yaml", bytes: bytes))
            #expect(loaded.settings == nil)
            #expect(loaded.errorCount > 0, "\(bytes.prefix(16))")
            #expect(loaded.diagnostics.allSatisfy { $0.location == nil || $0.location?.file == "hostile.yaml" })
        }
    }

    // MARK: Model

    @Test func originsDoNotTakePartInEquality() throws {
        let one = try Self.decode("version: 1\nvcc: {url: https://v.acme.example, token: {env: T}}\n", path: "a.yaml").settings()
        let two = try Self.decode("# moved\n\nversion: 1\nvcc:\n  token: {env: T}\n  url: https://v.acme.example\n", path: "b.yaml").settings()
        #expect(one == two)
        #expect(one.hashValue == two.hashValue)
        #expect(one.vcc?.token.origin.location?.description != two.vcc?.token.origin.location?.description)
    }

    @Test func settingsRoundTripThroughCodable() throws {
        let settings = try Self.decodeExample("examples/connection/salesforce.yaml").settings()
        let data = try JSONEncoder().encode(settings)
        #expect(try JSONDecoder().decode(ConnectionSettings.self, from: data) == settings)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"instanceUrl\""))
    }

    @Test func stateFromTheEnvironmentResolves() throws {
        let location = StateLocation.environment(EnvironmentReference(name: "VCCCTL_STATE_URL"))
        #expect(try location.resolved(in: ["VCCCTL_STATE_URL": "postgres://u:p@db/vccctl"]) == .postgres(url: "postgres://u:p@db/vccctl"))
        #expect(try location.resolved(in: ["VCCCTL_STATE_URL": "sqlite:/tmp/s.sqlite"]) == .sqlite(path: "/tmp/s.sqlite"))
        #expect(try location.resolved(in: ["VCCCTL_STATE_URL": ""]) == nil)
        #expect(try location.resolved(in: [:]) == nil)
        #expect(try StateLocation.default.resolved(in: [:]) == .default)
        // A variable holding a URL of an unknown scheme is refused, naming the scheme only.
        do {
            _ = try location.resolved(in: ["VCCCTL_STATE_URL": "mysql://u:canary@db/vccctl"])
            Issue.record("a URL of an unknown scheme was accepted")
        } catch {
            #expect(error == .unknownScheme("mysql"))
        }
        #expect(!StateLocationError.unknownScheme("mysql").description.contains("canary"))
    }

    @Test func loaderReadsFiles() throws {
        let loaded = ConnectionSettingsLoader.load(path: Self.root + "/examples/connection/emulator.yaml")
        #expect(loaded.isValid)
        #expect(loaded.settings?.target == .emulator)
        #expect(loaded.source != nil)
        let invalid = ConnectionSettingsLoader.load(path: Self.root + "/examples/invalid/connection/literal-secret.yaml")
        #expect(invalid.settings == nil)
        #expect(invalid.errorCount == 1)
        #expect(invalid.secretRanges.count == 1)
        let missing = ConnectionSettingsLoader.load(path: "/no/such/connection.yaml")
        #expect(missing.settings == nil)
        #expect(missing.source == nil)
        #expect(missing.diagnostics.map(\.code) == ["io.unreadable"])
    }

    // MARK: Helpers

    /// Every message and note of the diagnostics.
    static func texts(of diagnostics: [Diagnostic]) -> [String] {
        diagnostics.flatMap { [$0.message] + $0.notes.map(\.message) }
    }

    /// Where `needle` stands in `text`, as source ranges (1-based lines, columns in scalars).
    static func occurrences(of needle: String, in text: String) -> [SourceRange] {
        var found: [SourceRange] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let match = rest.firstRange(of: needle) {
                let column = line.unicodeScalars.distance(from: line.startIndex, to: match.lowerBound) + 1
                found.append(SourceRange(start: SourcePosition(line: index + 1, column: column),
                                         end: SourcePosition(line: index + 1, column: column + needle.unicodeScalars.count)))
                rest = line[match.upperBound...]
            }
        }
        return found
    }

    static func range(_ outer: SourceRange, covers inner: SourceRange) -> Bool {
        outer.start <= inner.start && inner.end <= outer.end
    }
}
