import YAMLSyntax

/// Reads `{env: NAME}`, the one form a credential takes in vccctl's files (the token of an
/// account, every credential of the connection settings). Whatever stands where a reference
/// belongs may be the credential itself: it is masked wherever the line is shown, and no message
/// repeats it.
struct EnvironmentReferenceDecoder {
    /// How a value written in place of `{env: NAME}` is reported.
    struct LiteralFinding {
        var code: String
        var message: String
        var notes: [Diagnostic.Note]
    }

    let context: DecodeContext

    /// A credential: `{env: NAME}`, where a scalar is taken to be the credential itself (reported
    /// by `literal`, built only then) and anything but a mapping or null is masked.
    /// `example` is a variable name for the hint.
    func decodeCredential(_ node: YAMLNode, _ what: String, example: String,
                          literal: () -> LiteralFinding) -> EnvironmentReference? {
        guard node.kind == .mapping else {
            // Whatever was written here instead of {env: NAME} may be the credential itself.
            if !node.isNull { context.secretRanges.append(node.range) }
            if node.kind == .scalar, !node.isNull {
                let finding = literal()
                context.error(finding.code, finding.message, at: node, notes: finding.notes)
            } else {
                context.wrongType(node, what, expected: "{env: NAME}")
            }
            return nil
        }
        return decodeReference(node, what, example: example)
    }

    /// `{env: NAME}` given as a mapping (the caller has checked the kind).
    func decodeReference(_ node: YAMLNode, _ what: String, example: String) -> EnvironmentReference? {
        // Only `env` is allowed; any other key, or its value, may be a pasted credential.
        guard let fields = context.fields(node, what, known: ["env"], required: ["env"], keysMayBeSecret: true),
              let envNode = fields["env"], let name = context.string(envNode, "the environment variable of \(what)")
        else { return nil }
        if let problem = NameRules.environmentVariableProblem(name) {
            let hint = Diagnostic.Note("use letters, digits and '_', not starting with a digit (\(example))")
            if Self.isWordLike(name) {
                // Wrong only by its first character: a typo, safe to repeat.
                context.error("config.bad-env-name", problem, at: envNode, notes: [hint])
            } else {
                // Characters no variable name holds: possibly the credential pasted in. Masked,
                // never repeated.
                context.secretRanges.append(envNode.range)
                context.error("config.bad-env-name", "the environment variable of \(what) is not a valid name", at: envNode,
                              notes: [hint, .init("the name is not shown: it may be a pasted credential")])
            }
            return nil
        }
        return EnvironmentReference(name: name, origin: SourceOrigin(node))
    }

    /// Only ASCII letters, digits and `_`.
    private static func isWordLike(_ text: String) -> Bool {
        text.utf8.allSatisfy { byte in
            ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
        }
    }
}
