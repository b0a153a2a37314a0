import YAMLSyntax

/// Decodes one configuration file's document into a fragment, typing every scalar by what the
/// schema expects there (an account key `0123` stays that text; `version` must be the integer 1).
struct ConfigFileDecoder {
    static let supportedVersion = 1
    static let topLevelKeys = ["version", "orgs", "accounts"]
    static let orgKeys = ["environment", "customSetting"]
    static let customSettingKeys = ["object", "keyField", "retiredTokenField"]
    static let accountKeys = ["token", "locations", "link"]
    static let linkKeys = ["org", "apiUser"]

    let context: DecodeContext

    func decode(_ document: YAMLDocument) -> ConfigFragment {
        var fragment = ConfigFragment(path: document.path)
        guard let root = document.root, !root.isNull else {
            context.diagnostics.append(.error(
                "config.empty-file", "the file holds no configuration",
                at: SourceLocation(file: document.path, range: SourceRange(at: SourcePosition(line: 1, column: 1))),
                notes: [.init("a configuration starts with 'version: \(Self.supportedVersion)'")]))
            return fragment
        }
        guard let pairs = context.pairs(root, "the top level of a configuration file",
                                        hint: "a configuration is a mapping with 'version', 'orgs' and 'accounts'")
        else { return fragment }

        var version: YAMLNode?
        for pair in pairs {
            guard let key = pair.key.scalar, pair.key.kind == .scalar else {
                context.error("config.wrong-type", "top-level keys must be plain names", at: pair.key)
                continue
            }
            switch key {
            case "version": version = pair.value
            case "orgs": decodeOrgs(pair.value, into: &fragment)
            case "accounts": decodeAccounts(pair.value, into: &fragment)
            default:
                // `x-…` keys are extension fields: a home for anchors, ignored by vccctl.
                if key.hasPrefix("x-") { continue }
                context.error("config.unknown-key", "unknown top-level key '\(DiagnosticText.quoted(key))'", at: pair.key,
                              notes: [Suggestion.note(for: key, in: Self.topLevelKeys, expected: "one of"),
                                      .init("put shared anchors under a key starting with 'x-'")])
            }
        }
        context.version(version, root: root, supported: Self.supportedVersion, document: "configuration",
                        missing: "the file is missing 'version'")
        return fragment
    }

    // MARK: Orgs

    private func decodeOrgs(_ node: YAMLNode, into fragment: inout ConfigFragment) {
        guard let pairs = context.pairs(node, "'orgs'", expected: "a mapping of org names to orgs", nullIsEmpty: true)
        else { return }
        for pair in pairs {
            guard let name = context.string(pair.key, "an org name") else { continue }
            if let problem = NameRules.orgNameProblem(name) {
                context.error("config.bad-name", problem, at: pair.key)
                continue
            }
            let what = "org '\(name)'"
            fragment.brokenOrgNames.insert(name)
            guard let fields = context.fields(pair.value, what, known: Self.orgKeys, required: ["environment"],
                                              hint: "write '\(name): {environment: production}'")
            else { continue }
            let environment = fields["environment"].flatMap { context.choice($0, "environment", as: OrgEnvironment.self) }
            // Checked even when the environment is wrong, so that one run shows every mistake.
            var names: CustomSettingNames? = .standard
            if let custom = fields["customSetting"] { names = decodeCustomSetting(custom, org: name) }
            guard let environment, let names else { continue }
            fragment.brokenOrgNames.remove(name)
            fragment.orgs.append(.init(
                declaration: OrgDeclaration(name: name, environment: environment, customSetting: names,
                                            origin: SourceOrigin(pair.key)),
                keyNode: pair.key))
        }
    }

    private func decodeCustomSetting(_ node: YAMLNode, org: String) -> CustomSettingNames? {
        guard let fields = context.fields(node, "'customSetting' of org '\(org)'", known: Self.customSettingKeys)
        else { return nil }
        var names = CustomSettingNames.standard
        var valid = true
        func read(_ key: String, _ assign: (String) -> Void) {
            guard let value = fields[key] else { return }
            guard let text = context.string(value, "'\(key)'") else { valid = false; return }
            if let problem = NameRules.customAPINameProblem(text) {
                context.error("config.bad-name", problem, at: value)
                valid = false
                return
            }
            assign(text)
        }
        read("object") { names.object = $0 }
        read("keyField") { names.keyField = $0 }
        read("retiredTokenField") { names.retiredTokenField = $0 }
        return valid ? names : nil
    }

    // MARK: Accounts

    /// Below this many locations in a file, decoding on one core is faster than splitting.
    static let parallelThreshold = 20_000

    private func decodeAccounts(_ node: YAMLNode, into fragment: inout ConfigFragment) {
        guard let pairs = context.pairs(node, "'accounts'", expected: "a mapping of account keys to accounts",
                                        nullIsEmpty: true)
        else { return }
        let weights = pairs.map { Self.locationCount($0.value) }
        let chunks = weights.reduce(0, +) >= Self.parallelThreshold ? Parallel.chunks(weights: weights) : [pairs.indices]
        // Accounts are independent: decode contiguous runs of them on separate cores, each into
        // its own context, and join the results in source order.
        let results = Parallel.map(chunks.count) { chunk in
            let decoder = ConfigFileDecoder(context: DecodeContext())
            let accounts = chunks[chunk].compactMap { decoder.decodeAccount(pairs[$0]) }
            return (accounts, decoder.context.diagnostics, decoder.context.secretRanges)
        }
        for (accounts, diagnostics, secrets) in results {
            fragment.accounts += accounts
            context.diagnostics += diagnostics
            context.secretRanges += secrets
        }
    }

    /// Roughly how many locations an account body declares, to balance the parallel split.
    private static func locationCount(_ body: YAMLNode) -> Int {
        guard body.kind == .mapping, let locations = body["locations"] else { return 1 }
        return locations.pairs.reduce(1) { $0 + $1.value.count }
    }

    private func decodeAccount(_ pair: YAMLNode.Pair) -> ConfigFragment.Account? {
        // Typed by the schema: whatever the scalar's text (`0123`, `no`, `null`), it is the key.
        guard pair.key.kind == .scalar, let key = pair.key.scalar else {
            context.wrongType(pair.key, "an account key", expected: "a string")
            return nil
        }
        let keyProblem = NameRules.accountKeyProblem(key)
        if let keyProblem { context.error("config.bad-account-key", keyProblem, at: pair.key) }
        // A bad key still gets its body checked, so one run shows every mistake.
        let account = decodeAccount(key: key, keyNode: pair.key, body: pair.value)
        return keyProblem == nil ? account : nil
    }

    private func decodeAccount(key: String, keyNode: YAMLNode, body: YAMLNode) -> ConfigFragment.Account? {
        var account = ConfigFragment.Account(
            declaration: AccountDeclaration(key: key, origin: SourceOrigin(keyNode)),
            keyNode: keyNode, locationOrgs: [])
        if body.isNull { return account }
        let what = "account '\(key)'"
        guard let fields = context.fields(body, what, known: Self.accountKeys) else { return nil }
        if let token = fields["token"] {
            account.declaration.token = TokenReferenceDecoder(context: context).decode(token, account: key)
        }
        if let locations = fields["locations"] {
            decodeLocations(locations, into: &account)
        }
        if let link = fields["link"] {
            decodeLink(link, into: &account)
        }
        return account
    }

    private func decodeLocations(_ node: YAMLNode, into account: inout ConfigFragment.Account) {
        let key = account.declaration.key
        guard let pairs = context.pairs(
            node, "'locations' of account '\(key)'", expected: "a mapping of org names to lists of locations",
            nullIsEmpty: true, hint: "write 'locations: {prod: [org, {profile: Support Agent}]}'")
        else { return }
        let decoder = LocationDecoder(context: context)
        for pair in pairs {
            guard let org = context.string(pair.key, "an org name") else { continue }
            guard let list = decoder.decodeList(pair.value, org: org, account: key) else { continue }
            account.declaration.locations[org, default: []].append(contentsOf: list)
            account.locationOrgs.append((org, pair.key))
        }
    }

    private func decodeLink(_ node: YAMLNode, into account: inout ConfigFragment.Account) {
        let key = account.declaration.key
        account.linkNode = node
        if node.kind == .scalar, node.isScalar("unlinked") {
            account.declaration.link = .unlinked(origin: SourceOrigin(node))
            return
        }
        let what = "'link' of account '\(key)'"
        guard node.kind == .mapping else {
            context.wrongType(node, what, expected: "a mapping {org, apiUser} or 'unlinked'",
                              hint: "write 'link: {org: prod, apiUser: vcc-api@acme.example}'")
            return
        }
        guard let fields = context.fields(node, what, known: Self.linkKeys, required: Self.linkKeys),
              let orgNode = fields["org"], let userNode = fields["apiUser"],
              let org = context.string(orgNode, "the org of \(what)"),
              let user = context.string(userNode, "the API user of \(what)")
        else { return }
        if let problem = NameRules.usernameProblem(user) {
            context.error("config.bad-username", problem, at: userNode)
            return
        }
        account.linkOrgNode = orgNode
        account.declaration.link = .linked(org: org, apiUser: user, origin: SourceOrigin(userNode))
    }
}
