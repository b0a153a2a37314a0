import YAMLSyntax

/// Decodes a connection-settings file (schemas/connection.schema.json) into `ConnectionSettings`,
/// to the standards of the configuration decoder: every finding located, all of them at once,
/// unknown keys with a did-you-mean, `x-` top-level keys ignored.
///
/// Credentials are only ever `{env: NAME}`. A credential written in the file and a password in a
/// URL are errors; their text goes to `context.secretRanges` (masked wherever the line is shown)
/// and no message repeats it. So does the value of any unknown key: it may be a misplaced
/// credential, and vccctl has no use for it.
struct ConnectionSettingsDecoder {
    static let topLevelKeys = ["version", "target", "state", "emulator", "orgs", "vcc"]
    static let emulatorKeys = ["url", "caFile"]
    static let orgKeys = ["instanceUrl", "auth", "apiVersion", "caFile", "tokenUrl", "audience"]
    static let requiredOrgKeys = ["instanceUrl", "auth"]
    static let authMethods = ["accessToken", "jwt", "clientCredentials"]
    static let jwtKeys = ["consumerKey", "username", "privateKey"]
    static let clientCredentialsKeys = ["clientId", "clientSecret"]
    static let vccKeys = ["url", "token", "caFile"]
    /// Schemes of `state` read as PostgreSQL or SQLite, for the did-you-mean of other schemes.
    static let stateSchemes = StateLocation.postgresSchemes + ["sqlite"]
    static let stateForms = "write a file path, 'sqlite:PATH', a postgres:// URL without a password, or {env: VCCCTL_STATE_URL}"
    static let authForms = "an org authenticates one way: 'accessToken', 'jwt' or 'clientCredentials'"

    let context: DecodeContext

    /// The settings, or nil when the file has errors (every one reported to the context).
    func decode(_ document: YAMLDocument) -> ConnectionSettings? {
        let errorsBefore = errorCount
        let settings = decodeSettings(document)
        return errorCount == errorsBefore ? settings : nil
    }

    private var errorCount: Int { context.diagnostics.count { $0.severity == .error } }

    private func decodeSettings(_ document: YAMLDocument) -> ConnectionSettings? {
        let supported = ConnectionSettings.supportedVersion
        guard let root = document.root, !root.isNull else {
            context.diagnostics.append(.error(
                "config.empty-file", "the file holds no connection settings",
                at: SourceLocation(file: document.path, range: SourceRange(at: SourcePosition(line: 1, column: 1))),
                notes: [.init("connection settings start with 'version: \(supported)'")]))
            return nil
        }
        guard let pairs = context.pairs(root, "the top level of a connection-settings file",
                                        hint: "connection settings are a mapping with 'version', 'target' and 'state'")
        else { return nil }

        var settings = ConnectionSettings.default
        var version: YAMLNode?
        var target: (kind: TargetKind, node: YAMLNode)?
        var present: Set<String> = []
        for pair in pairs {
            guard let key = pair.key.scalar, pair.key.kind == .scalar else {
                context.error("config.wrong-type", "top-level keys must be plain names", at: pair.key)
                continue
            }
            present.insert(key)
            switch key {
            case "version":
                version = pair.value
            case "target":
                if let kind = context.choice(pair.value, "target", as: TargetKind.self) {
                    settings.target = kind
                    target = (kind, pair.value)
                }
            case "state":
                if let state = decodeState(pair.value) { settings.state = state }
            case "emulator":
                settings.emulator = decodeEmulator(pair.value)
            case "orgs":
                settings.orgs = decodeOrgs(pair.value)
            case "vcc":
                settings.vcc = decodeVCC(pair.value)
            default:
                // `x-…` keys are extension fields: a home for anchors, ignored by vccctl.
                if key.hasPrefix("x-") { continue }
                var notes = [Suggestion.note(for: key, in: Self.topLevelKeys, expected: "one of")]
                if key == "accounts" {
                    notes.append(.init("'accounts' belongs in the configuration, not in the connection settings"))
                }
                notes.append(.init("put shared anchors under a key starting with 'x-'"))
                context.secretRanges.append(pair.value.range)
                context.error("config.unknown-key", "unknown top-level key '\(DiagnosticText.quoted(key))'", at: pair.key, notes: notes)
            }
        }
        settings.version = context.version(version, root: root, supported: supported, document: "connection-settings",
                                           missing: "the connection settings are missing 'version'") ?? supported
        if let target { checkRequirements(of: target.kind, at: target.node, present: present) }
        return settings
    }

    /// `target: emulator` needs `emulator`, `target: salesforce` needs `orgs`: reported at the
    /// target, which is what makes them required.
    private func checkRequirements(of target: TargetKind, at node: YAMLNode, present: Set<String>) {
        switch target {
        case .local:
            break
        case .emulator where !present.contains("emulator"):
            context.error("config.missing-field", "target 'emulator' needs 'emulator: {url: …}', where the emulator listens",
                          at: node, notes: [.init("add 'emulator: {url: http://127.0.0.1:8443}', the address of 'vccctl emulator serve'")])
        case .salesforce where !present.contains("orgs"):
            context.error("config.missing-field", "target 'salesforce' needs 'orgs': how to reach and authenticate to each org",
                          at: node, notes: [.init("add 'orgs: {prod: {instanceUrl: https://acme.my.salesforce.com, auth: {accessToken: {env: SF_PROD_ACCESS_TOKEN}}}}'")])
        case .emulator, .salesforce:
            break
        }
    }

    // MARK: State

    private func decodeState(_ node: YAMLNode) -> StateLocation? {
        if node.kind == .mapping {
            return EnvironmentReferenceDecoder(context: context)
                .decodeReference(node, "'state'", example: "VCCCTL_STATE_URL")
                .map(StateLocation.environment)
        }
        guard node.kind == .scalar, !node.isNull else {
            context.wrongType(node, "'state'", expected: "a file path, a postgres:// URL or {env: NAME}", hint: Self.stateForms)
            return nil
        }
        guard let text = context.string(node, "'state'") else { return nil }
        let location: StateLocation
        do {
            location = try StateLocation.parse(text, origin: SourceOrigin(node))
        } catch {
            // Most likely a misspelt URL: never read as a path (its password would become a
            // directory name), and its user information is masked in every message.
            let scheme = StateLocation.urlScheme(text) ?? ""
            let secrets = ConnectionURLRules.userInformationOffsets(in: text)
            let (location, masked) = secretRanges(in: node, text: text, offsets: secrets)
            context.secretRanges += masked
            context.diagnostics.append(.error(
                "connection.unknown-state-scheme",
                "'state' is a URL, but '\(scheme)' is not a state store vccctl knows",
                at: secrets.isEmpty ? node.location : location,
                notes: [Suggestion.note(for: scheme, in: Self.stateSchemes, expected: "one of"), .init(Self.stateForms)]))
            return nil
        }
        switch location {
        case .postgres(let url, _):
            let secrets = ConnectionURLRules.passwordOffsets(in: url, queryParameter: "password")
            guard secrets.isEmpty else {
                reportSecrets(in: node, text: url, offsets: secrets,
                              message: "the PostgreSQL URL of 'state' holds a password; a password is never written in the file",
                              notes: [.init("write 'state: {env: VCCCTL_STATE_URL}' and put the whole URL in that variable where vccctl runs"),
                                      .init("this password is now in the file's history: change it")])
                return nil
            }
        case .sqlite(let path, _):
            if path.isEmpty {
                context.error("config.empty", "the SQLite path of 'state' must not be empty", at: node,
                              notes: [.init("write 'state: sqlite:\(StateLocation.defaultPath)'")])
                return nil
            }
        case .environment:
            break
        }
        return location
    }

    // MARK: Emulator and VCC

    private func decodeEmulator(_ node: YAMLNode) -> EmulatorConnection? {
        guard let fields = fields(node, "'emulator'", known: Self.emulatorKeys, required: ["url"],
                                  hint: "write 'emulator: {url: http://127.0.0.1:8443}'"),
              let urlNode = fields["url"],
              let url = decodeURL(urlNode, "the emulator URL", rule: ConnectionURLRules.emulatorURLProblem,
                                  hint: "write the base URL of 'vccctl emulator serve', such as http://127.0.0.1:8443")
        else { return nil }
        let caFile = fields["caFile"].flatMap { decodePath($0, "'caFile' of 'emulator'") }
        return EmulatorConnection(url: url, caFile: caFile, origin: SourceOrigin(urlNode))
    }

    private func decodeVCC(_ node: YAMLNode) -> VCCAdminConnection? {
        guard let fields = fields(node, "'vcc'", known: Self.vccKeys, required: ["url", "token"],
                                  hint: "write 'vcc: {url: https://vcc-admin.acme.example, token: {env: VCC_ADMIN_TOKEN}}'",
                                  holdsCredentials: true)
        else { return nil }
        let url = fields["url"].flatMap {
            decodeURL($0, "the VCC admin URL", rule: ConnectionURLRules.adminURLProblem,
                      hint: "the admin token travels with every request: plain http is allowed only to this machine")
        }
        let token = fields["token"].flatMap { credential($0, key: "token", "'token' of 'vcc'", example: "VCC_ADMIN_TOKEN") }
        let caFile = fields["caFile"].flatMap { decodePath($0, "'caFile' of 'vcc'") }
        guard let url, let token else { return nil }
        return VCCAdminConnection(url: url, token: token, caFile: caFile, origin: SourceOrigin(node))
    }

    /// A file path (a CA bundle): a non-empty string.
    private func decodePath(_ node: YAMLNode, _ what: String) -> String? {
        guard let path = context.string(node, what) else { return nil }
        guard !path.isEmpty, !path.contains("\0") else {
            context.error("config.empty", "\(what) must be a file path", at: node,
                          notes: [.init("write the path of a PEM file, such as ca.pem")])
            return nil
        }
        return path
    }

    /// `NN.0`, a Salesforce REST API version.
    private func decodeAPIVersion(_ node: YAMLNode, org: String) -> String? {
        guard let version = context.string(node, "'apiVersion' of org '\(org)'") else { return nil }
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1] == "0", let major = Int(parts[0]), (20...99).contains(major),
              parts[0].allSatisfy(\.isASCII) else {
            context.error("config.bad-value", "'apiVersion' of org '\(org)' must be a Salesforce API version such as \"\(OrgConnection.defaultAPIVersion)\"",
                          at: node, notes: [.init("quote it, so YAML keeps it a string: apiVersion: \"\(OrgConnection.defaultAPIVersion)\"")])
            return nil
        }
        return version
    }

    // MARK: Orgs

    private func decodeOrgs(_ node: YAMLNode) -> [String: OrgConnection] {
        guard let pairs = context.pairs(
            node, "'orgs'", expected: "a mapping of org names to org connections",
            hint: "write 'orgs: {prod: {instanceUrl: https://acme.my.salesforce.com, auth: {accessToken: {env: SF_PROD_ACCESS_TOKEN}}}}'")
        else { return [:] }
        var orgs: [String: OrgConnection] = [:]
        for pair in pairs {
            guard let name = context.string(pair.key, "an org name") else { continue }
            let nameProblem = NameRules.orgNameProblem(name)
            if let nameProblem { context.error("config.bad-name", nameProblem, at: pair.key) }
            // A bad name still gets its body checked, so one run shows every mistake.
            guard let connection = decodeOrg(name: name, keyNode: pair.key, body: pair.value), nameProblem == nil
            else { continue }
            orgs[name] = connection
        }
        return orgs
    }

    private func decodeOrg(name: String, keyNode: YAMLNode, body: YAMLNode) -> OrgConnection? {
        guard let fields = fields(body, "org '\(name)'", known: Self.orgKeys, required: Self.requiredOrgKeys,
                                  hint: "write '\(name): {instanceUrl: https://…, auth: {…}}'",
                                  holdsCredentials: true)
        else { return nil }
        let instanceURL = fields["instanceUrl"].flatMap {
            decodeURL($0, "the instance URL of org '\(name)'", rule: ConnectionURLRules.instanceURLProblem,
                      hint: "write the org's My Domain URL as Setup shows it, such as https://acme.my.salesforce.com")
        }
        let auth = fields["auth"].flatMap { decodeAuth($0, org: name) }
        guard let instanceURL, let auth else { return nil }
        var connection = OrgConnection(instanceUrl: instanceURL, auth: auth, origin: SourceOrigin(keyNode))
        connection.apiVersion = fields["apiVersion"].flatMap { decodeAPIVersion($0, org: name) }
        connection.caFile = fields["caFile"].flatMap { decodePath($0, "'caFile' of org '\(name)'") }
        connection.tokenUrl = fields["tokenUrl"].flatMap {
            decodeURL($0, "the token URL of org '\(name)'", rule: ConnectionURLRules.adminURLProblem,
                      hint: "write the OAuth token endpoint, such as https://login.salesforce.com/services/oauth2/token")
        }
        connection.audience = fields["audience"].flatMap {
            decodeURL($0, "the JWT audience of org '\(name)'", rule: ConnectionURLRules.adminURLProblem,
                      hint: "write https://login.salesforce.com, https://test.salesforce.com or the org's My Domain URL")
        }
        return connection
    }

    private func decodeAuth(_ node: YAMLNode, org: String) -> OrgAuthentication? {
        let what = "'auth' of org '\(org)'"
        guard let fields = fields(node, what, known: Self.authMethods,
                                  hint: "write 'auth: {accessToken: {env: \(Self.environmentName(org: org, "ACCESS_TOKEN"))}}', or use 'jwt' or 'clientCredentials'",
                                  holdsCredentials: true)
        else { return nil }
        let methods = node.pairs.filter { pair in Self.authMethods.contains { pair.key.kind == .scalar && pair.key.scalar == $0 } }
        if node.pairs.isEmpty {
            context.error("connection.auth-method", "\(what) names no authentication method", at: node,
                          notes: [.init(Self.authForms)])
        }
        if let first = methods.first {
            let firstName = first.key.scalar ?? ""
            for extra in methods.dropFirst() {
                context.error("connection.auth-method",
                              "\(what) names more than one method: '\(extra.key.scalar ?? "")' besides '\(firstName)'",
                              at: extra.key,
                              notes: [.init(Self.authForms + "; keep one"),
                                      .init("'\(firstName)' is here", at: first.key.location)])
            }
        }
        // Every method is checked, so one run shows every mistake; only a single one counts.
        var decoded: [OrgAuthentication] = []
        for method in Self.authMethods {
            guard let body = fields[method] else { continue }
            let result: OrgAuthentication?
            switch method {
            case "accessToken": result = decodeAccessToken(body, org: org)
            case "jwt": result = decodeJWT(body, org: org)
            default: result = decodeClientCredentials(body, org: org)
            }
            if let result { decoded.append(result) }
        }
        return methods.count == 1 && decoded.count == 1 ? decoded[0] : nil
    }

    private func decodeAccessToken(_ node: YAMLNode, org: String) -> OrgAuthentication? {
        credential(node, key: "accessToken", "'accessToken' of org '\(org)'",
                   example: Self.environmentName(org: org, "ACCESS_TOKEN"))
            .map(OrgAuthentication.accessToken)
    }

    private func decodeJWT(_ node: YAMLNode, org: String) -> OrgAuthentication? {
        let what = "'jwt' of org '\(org)'"
        guard let fields = fields(node, what, known: Self.jwtKeys, required: Self.jwtKeys,
                                  hint: "write 'jwt: {consumerKey: {env: …}, username: deploy@acme.example, privateKey: {env: …}}'",
                                  holdsCredentials: true)
        else { return nil }
        let consumerKey = fields["consumerKey"].flatMap {
            credential($0, key: "consumerKey", "'consumerKey' of \(what)", example: Self.environmentName(org: org, "CONSUMER_KEY"))
        }
        let privateKey = fields["privateKey"].flatMap {
            credential($0, key: "privateKey", "'privateKey' of \(what)", example: Self.environmentName(org: org, "PRIVATE_KEY"))
        }
        var username: String?
        if let node = fields["username"], let text = context.string(node, "'username' of \(what)") {
            if let problem = NameRules.usernameProblem(text) {
                context.error("config.bad-username", problem, at: node)
            } else {
                username = text
            }
        }
        guard let consumerKey, let username, let privateKey else { return nil }
        return .jwt(consumerKey: consumerKey, username: username, privateKey: privateKey)
    }

    private func decodeClientCredentials(_ node: YAMLNode, org: String) -> OrgAuthentication? {
        let what = "'clientCredentials' of org '\(org)'"
        guard let fields = fields(node, what, known: Self.clientCredentialsKeys, required: Self.clientCredentialsKeys,
                                  hint: "write 'clientCredentials: {clientId: {env: …}, clientSecret: {env: …}}'",
                                  holdsCredentials: true)
        else { return nil }
        let clientId = fields["clientId"].flatMap {
            credential($0, key: "clientId", "'clientId' of \(what)", example: Self.environmentName(org: org, "CLIENT_ID"))
        }
        let clientSecret = fields["clientSecret"].flatMap {
            credential($0, key: "clientSecret", "'clientSecret' of \(what)", example: Self.environmentName(org: org, "CLIENT_SECRET"))
        }
        guard let clientId, let clientSecret else { return nil }
        return .clientCredentials(clientId: clientId, clientSecret: clientSecret)
    }

    // MARK: Shared readers

    /// `context.fields`, masking the value of every unknown key first. Where the mapping holds
    /// credentials, anything written instead of a mapping is masked too.
    private func fields(_ node: YAMLNode, _ what: String, known: [String], required: [String] = [],
                        hint: String? = nil, holdsCredentials: Bool = false) -> [String: YAMLNode]? {
        if node.kind == .mapping {
            for pair in node.pairs where !(pair.key.kind == .scalar && known.contains(pair.key.scalar ?? "")) {
                context.secretRanges.append(pair.value.range)
            }
        } else if holdsCredentials, !node.isNull {
            context.secretRanges.append(node.range)
        }
        return context.fields(node, what, known: known, required: required, hint: hint,
                              keysMayBeSecret: holdsCredentials)
    }

    /// A credential: `{env: NAME}`, anything else masked and never repeated.
    private func credential(_ node: YAMLNode, key: String, _ what: String, example: String) -> EnvironmentReference? {
        EnvironmentReferenceDecoder(context: context).decodeCredential(node, what, example: example) {
            .init(code: "connection.literal-secret",
                  message: "\(what) is written in the file; credentials are referenced by environment variable, never written",
                  notes: [.init("write '\(key): {env: \(example)}' and set that variable where vccctl runs"),
                          .init("this credential is now in the file's history: revoke it and issue a new one")])
        }
    }

    /// A URL checked by `rule`; a password in it is a literal secret.
    private func decodeURL(_ node: YAMLNode, _ what: String, rule: (String, String) -> String?,
                           hint: String) -> String? {
        guard let url = context.string(node, what) else { return nil }
        let secrets = ConnectionURLRules.passwordOffsets(in: url)
        if !secrets.isEmpty {
            reportSecrets(in: node, text: url, offsets: secrets,
                          message: "\(what) holds a password; credentials are never written in the file",
                          notes: [.init("remove 'user:password@' from the URL: vccctl authenticates with the credentials of its section"),
                                  .init("this password is now in the file's history: change it")])
        }
        if let problem = rule(url, what) {
            context.error("connection.bad-url", problem, at: node, notes: [.init(hint)])
            return nil
        }
        return secrets.isEmpty ? url : nil
    }

    /// A `connection.literal-secret` error for passwords inside the scalar `node`, located at the
    /// first of them and masking them all (the whole scalar where its columns cannot be mapped).
    private func reportSecrets(in node: YAMLNode, text: String, offsets: [Range<Int>], message: String,
                               notes: [Diagnostic.Note]) {
        let (location, masked) = secretRanges(in: node, text: text, offsets: offsets)
        context.secretRanges += masked
        context.diagnostics.append(.error("connection.literal-secret", message, at: location, notes: notes))
    }

    /// The source ranges of `offsets` (Unicode scalars) of a scalar's text, and where to point at
    /// them. Exact for a scalar on one line whose text is written as is (plain, or quoted without
    /// escapes); otherwise the whole node.
    private func secretRanges(in node: YAMLNode, text: String, offsets: [Range<Int>]) -> (SourceLocation, [SourceRange]) {
        let range = node.range
        let width = range.end.column - range.start.column
        let count = text.unicodeScalars.count
        let shift: Int?
        if range.start.line != range.end.line || node.tag != nil {
            shift = nil
        } else if node.scalarStyle == .plain, width == count {
            shift = 0
        } else if node.scalarStyle == .singleQuoted || node.scalarStyle == .doubleQuoted, width == count + 2 {
            shift = 1
        } else {
            shift = nil
        }
        let exact = offsets.filter { !$0.isEmpty }
        guard let shift, !exact.isEmpty else { return (node.location, [range]) }
        let line = range.start.line
        let column = range.start.column + shift
        let ranges = exact.map {
            SourceRange(start: SourcePosition(line: line, column: column + $0.lowerBound),
                        end: SourcePosition(line: line, column: column + $0.upperBound))
        }
        return (SourceLocation(file: node.document.path, range: ranges[0]), ranges)
    }

    /// A variable name for hints: `SF_<ORG>_<WHAT>`, such as `SF_PROD_ACCESS_TOKEN`.
    static func environmentName(org: String, _ suffix: String) -> String {
        let part = String(org.uppercased().unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) ? Character(scalar) : "_"
        })
        return "SF_\(part)_\(suffix)"
    }
}
