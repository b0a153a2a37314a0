import YAMLSyntax

/// Decodes location lists: `org`, `{profile: NAME}`, `{user: USERNAME}`. The hot path of a large
/// configuration (one call per location), so it reads nodes directly instead of through `fields`.
struct LocationDecoder {
    static let forms = "a location is 'org', '{profile: NAME}' or '{user: USERNAME}'"
    let context: DecodeContext

    func decodeList(_ node: YAMLNode, org: String, account: String) -> [Location]? {
        if node.isNull { return [] }
        guard node.kind == .sequence else {
            context.wrongType(node, "the locations of account '\(account)' in org '\(org)'",
                              expected: "a list", hint: "write '\(org): [org, {profile: Support Agent}]'")
            return nil
        }
        var locations: [Location] = []
        locations.reserveCapacity(node.count)
        for element in node.elements {
            if let location = decode(element) { locations.append(location) }
        }
        return locations
    }

    private func decode(_ node: YAMLNode) -> Location? {
        switch node.kind {
        case .scalar:
            if node.isScalar("org") { return .org(origin: SourceOrigin(node)) }
            let text = node.scalar ?? ""
            let guess = Suggestion.closest(to: text, in: ["org", "profile", "user"])
            context.error("config.bad-location", "'\(text)' is not a location", at: node,
                          notes: (guess.map { [.init("did you mean '\($0)'?")] } ?? []) + [.init(Self.forms)])
            return nil
        case .sequence:
            context.wrongType(node, "a location", expected: "'org' or a mapping", hint: Self.forms)
            return nil
        case .mapping:
            guard node.count == 1 else {
                context.error("config.bad-location", "a location names one profile or one user, not \(node.count) entries",
                              at: node, notes: [.init(Self.forms)])
                return nil
            }
            let pair = node.pairs[0]
            let kind: Location.Kind
            if pair.key.isScalar("user") {
                kind = .user
            } else if pair.key.isScalar("profile") {
                kind = .profile
            } else {
                let key = pair.key.scalar ?? pair.key.description
                context.error("config.unknown-key", "unknown location kind '\(key)'", at: pair.key,
                              notes: [Suggestion.note(for: key, in: ["profile", "user"], expected: "one of")])
                return nil
            }
            guard let name = context.string(pair.value, "the \(kind.rawValue) of a location") else { return nil }
            if kind == .user, let problem = NameRules.usernameProblem(name) {
                context.error("config.bad-username", problem, at: pair.value)
                return nil
            }
            return Location(kind: kind, name: name, origin: SourceOrigin(node))
        }
    }
}
