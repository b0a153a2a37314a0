/// The one rule of which keys hold, or may hold, a credential. Everything written under such a
/// key is masked wherever vccctl quotes a line, and no message repeats it (docs/configuration.md,
/// "Secrets in files"). The rule is deliberately wider than the keys the schemas define: a
/// misspelt `tokn:` or a stray `password:` holds a credential just as well.
public enum CredentialKeyRule {
    /// Words that make any key holding them credential-like (`token`, `vccToken`, `api_token`,
    /// `clientSecret`, `privateKey`, …), compared without case, `_` or `-`.
    static let words = ["token", "secret", "password", "passwd", "passphrase", "credential", "privatekey",
                        "consumerkey", "clientid", "apikey", "accesskey", "bearer"]
    /// Keys of the schemas that hold a word above but never a credential: a field's API name and
    /// the URL of a token endpoint, both worth showing in a finding about them.
    static let exceptions = ["retiredtokenfield", "tokenurl"]
    /// Words a misspelling of which is credential-like too (`tokn`, `toekn`, `secert`).
    static let misspelt = ["token", "secret", "password"]

    /// Whether the key `name` holds, or may hold, a credential.
    public static func isCredentialLike(_ name: String) -> Bool {
        // Keys are short; a long "key" is a scalar in the wrong place, and it is masked by the
        // decoder that finds it, not by its name.
        guard name.utf8.count <= 64 else { return false }
        let folded = Array(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" && $0 != " " })
        guard !folded.isEmpty else { return false }
        let text = String(String.UnicodeScalarView(folded))
        if exceptions.contains(text) { return false }
        if words.contains(where: { text.contains($0) }) { return true }
        return misspelt.contains { word in
            let target = Array(word.unicodeScalars)
            let allowed = target.count <= 5 ? 1 : 2
            return abs(folded.count - target.count) <= allowed && distance(folded, target) <= allowed
        }
    }

    /// Edit distance counting a swap of neighbours as one edit (`toekn` is one edit from `token`).
    private static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
