import YAMLSyntax

/// Decodes `token: {env: NAME}` through the shared `EnvironmentReferenceDecoder`: anything that
/// could hold a token value is masked wherever the line is shown, and no message repeats it.
struct TokenReferenceDecoder {
    let context: DecodeContext

    func decode(_ node: YAMLNode, account: String) -> TokenReference? {
        let what = "'token' of account '\(account)'"
        let reference = EnvironmentReferenceDecoder(context: context).decodeCredential(
            node, what, example: "VCC_TOKEN_ACME"
        ) {
            .init(code: "config.literal-token",
                  message: "\(what) is written in the file; tokens are referenced by environment variable, never written",
                  notes: [.init("write 'token: {env: VCC_TOKEN_…}' and set that variable where vccctl runs"),
                          .init("this token is now in the file's history: regenerate it in the VCC Admin Portal")])
        }
        return reference.map { TokenReference(environmentVariable: $0.name, origin: $0.origin) }
    }
}
