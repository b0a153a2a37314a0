import YAMLSyntax

/// Collects the findings of decoding one file and offers the schema-shaped readers the decoders
/// share: each reports a located, actionable error and returns nil instead of throwing, so that
/// decoding goes on and one run reports every mistake of the file.
final class DecodeContext {
    var diagnostics: [Diagnostic] = []
    /// Ranges of literal secrets found in the file, masked wherever the file's lines are shown.
    var secretRanges: [SourceRange] = []

    func error(_ code: String, _ message: String, at node: YAMLNode, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.error(code, message, at: node.location, notes: notes))
    }

    func warning(_ code: String, _ message: String, at node: YAMLNode, notes: [Diagnostic.Note] = []) {
        diagnostics.append(.warning(code, message, at: node.location, notes: notes))
    }

    func wrongType(_ node: YAMLNode, _ what: String, expected: String, hint: String? = nil) {
        let found = node.isNull ? "nothing (null)" : node.kind.description
        error("config.wrong-type", "\(what) must be \(expected), not \(found)", at: node,
              notes: hint.map { [.init($0)] } ?? [])
    }

    /// The pairs of a mapping. A null counts as an empty mapping where `nullIsEmpty`, as YAML
    /// writes a key whose entries were all removed.
    func pairs(_ node: YAMLNode, _ what: String, expected: String = "a mapping", nullIsEmpty: Bool = false,
               hint: String? = nil) -> YAMLNode.Pairs? {
        if node.kind == .mapping { return node.pairs }
        if nullIsEmpty, node.isNull { return node.pairs }
        wrongType(node, what, expected: expected, hint: hint)
        return nil
    }

    /// The known fields of a mapping. Unknown keys get a did-you-mean; missing required keys are
    /// reported at the mapping. Keys must be scalars.
    ///
    /// `keysMayBeSecret` is for mappings that stand where a credential belongs (`token: {…}`):
    /// `{X}` is the mapping `X: null`, so an unknown key there may be the credential itself. It is
    /// masked with its value and never repeated. Elsewhere, the value of an unknown key named like
    /// a credential (`tokn: …`) is masked.
    func fields(_ node: YAMLNode, _ what: String, known: [String], required: [String] = [],
                hint: String? = nil, keysMayBeSecret: Bool = false) -> [String: YAMLNode]? {
        guard let pairs = pairs(node, what, hint: hint) else { return nil }
        var found: [String: YAMLNode] = [:]
        for pair in pairs {
            let isKnown = pair.key.kind == .scalar && pair.key.scalar.map { known.contains($0) } == true
            if !isKnown, keysMayBeSecret {
                secretRanges += [pair.key.range, pair.value.range]
            }
            guard let key = pair.key.scalar, pair.key.kind == .scalar else {
                error("config.wrong-type", "keys of \(what) must be plain names, not \(pair.key.kind)", at: pair.key)
                continue
            }
            if known.contains(key) {
                found[key] = pair.value
            } else if keysMayBeSecret {
                error("config.unknown-key", "unknown key in \(what); it is not shown: it may be a pasted credential",
                      at: pair.key, notes: [Suggestion.note(for: key, in: known, expected: "only")])
            } else {
                // A mapping under it (`tokn: {env: NAME}`) is left to the line rule, which shows a
                // reference as written and masks anything else inside.
                if CredentialKeyRule.isCredentialLike(key), pair.value.kind != .mapping { secretRanges.append(pair.value.range) }
                error("config.unknown-key", "unknown key '\(DiagnosticText.quoted(key))' in \(what)", at: pair.key,
                      notes: [Suggestion.note(for: key, in: known, expected: "one of")])
            }
        }
        for key in required where found[key] == nil {
            error("config.missing-field", "\(what) is missing '\(key)'", at: node)
        }
        return found
    }

    /// A non-empty scalar string, exactly as written. `what` is built only for a finding: this runs
    /// once per location, and building the phrase each time cost more than the check.
    func string(_ node: YAMLNode, _ what: @autoclosure () -> String) -> String? {
        guard node.kind == .scalar, !node.isNull, let text = node.scalar else {
            wrongType(node, what(), expected: "a string")
            return nil
        }
        if text.isEmpty {
            error("config.empty", "\(what()) must not be empty", at: node)
            return nil
        }
        return text
    }

    /// The `version` every file starts with: present, the plain integer `supported`. `document`
    /// names the kind of file in messages ("configuration", "connection-settings").
    @discardableResult
    func version(_ node: YAMLNode?, root: YAMLNode, supported: Int, document: String, missing: String) -> Int? {
        guard let node else {
            error("config.missing-field", missing, at: root,
                  notes: [.init("add 'version: \(supported)' as the first line")])
            return nil
        }
        guard node.kind == .scalar, node.scalarStyle == .plain, let text = node.scalar, let number = Int(text) else {
            wrongType(node, "'version'", expected: "the integer \(supported)")
            return nil
        }
        guard number == supported else {
            error("config.bad-version", "unsupported \(document) version \(number)", at: node,
                  notes: [.init("this vccctl reads version \(supported)")])
            return nil
        }
        return number
    }

    /// One value of a closed set, with a did-you-mean for near misses.
    func choice<T: RawRepresentable & CaseIterable>(_ node: YAMLNode, _ what: String, as type: T.Type) -> T?
    where T.RawValue == String {
        guard let text = string(node, what) else { return nil }
        if let value = T(rawValue: text) { return value }
        let options = T.allCases.map(\.rawValue)
        error("config.bad-value", "'\(DiagnosticText.quoted(text))' is not a valid \(what)", at: node,
              notes: [Suggestion.note(for: text, in: options, expected: "one of")])
        return nil
    }
}
