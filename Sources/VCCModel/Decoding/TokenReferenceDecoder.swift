import YAMLSyntax

/// Decodes `token: {env: NAME}`. Anything that could hold a token value is masked wherever the
/// line is shown, and no message repeats it.
struct TokenReferenceDecoder {
    let context: DecodeContext

    func decode(_ node: YAMLNode, account: String) -> TokenReference? {
        let what = "'token' of account '\(account)'"
        guard node.kind == .mapping else {
            // Whatever was written here instead of {env: NAME} may be the token itself.
            if !node.isNull { context.secretRanges.append(node.range) }
            if node.kind == .scalar, !node.isNull {
                context.error(
                    "config.literal-token", "\(what) is written in the file; tokens are referenced by environment variable, never written",
                    at: node,
                    notes: [.init("write 'token: {env: VCC_TOKEN_…}' and set that variable where vccctl runs"),
                            .init("this token is now in the file's history: regenerate it in the VCC Admin Portal")])
            } else {
                context.wrongType(node, what, expected: "{env: NAME}")
            }
            return nil
        }
        // Only `env` is allowed; the value of any other key may be a pasted token: mask it.
        for pair in node.pairs where !pair.key.isScalar("env") {
            context.secretRanges.append(pair.value.range)
        }
        guard let fields = context.fields(node, what, known: ["env"], required: ["env"]),
              let envNode = fields["env"], let name = context.string(envNode, "the environment variable of \(what)")
        else { return nil }
        if let problem = NameRules.environmentVariableProblem(name) {
            context.error("config.bad-env-name", problem, at: envNode,
                          notes: [.init("use letters, digits and '_', not starting with a digit (VCC_TOKEN_ACME)")])
            return nil
        }
        return TokenReference(environmentVariable: name, origin: SourceOrigin(node))
    }
}
