/// The line-level half of the secrets rule: which characters of one source line may be a
/// credential, read from the line's text alone. It needs no document tree, so it also covers the
/// lines a syntax error quotes, a duplicate key, or a key vccctl does not know.
///
/// On a line, the value of a credential-like key (`CredentialKeyRule`) is secret: in block
/// context to the end of the line, in a flow collection to the next `,` or closing bracket. Inside
/// a secret collection (`token: {…}`) or a secret block (the lines indented under `token:`), every
/// key and scalar is secret except `env`, credential-like keys, and the variable name in
/// `env: NAME`. A password in a URL (`scheme://user:password@host`) is secret anywhere.
struct CredentialLineScan {
    /// Scalar offsets of the line to mask.
    private(set) var masked: [Range<Int>] = []
    /// Whether the lines indented under this one continue a secret (`token:` with its value on
    /// the next lines, a block scalar, an unclosed `{` or quote).
    private(set) var opensSecretBlock = false

    private struct Frame {
        var secret: Bool
    }

    /// Scans `line`; `insideSecretBlock` when an enclosing line opened a secret block.
    init(_ line: [Unicode.Scalar], insideSecretBlock: Bool) {
        scan(line, blockSecret: insideSecretBlock)
        maskURLPasswords(line)
    }

    private mutating func scan(_ s: [Unicode.Scalar], blockSecret: Bool) {
        var stack: [Frame] = []
        var pendingSecretValue = false
        var afterEnv = false
        var i = 0
        let n = s.count
        while i < n {
            let c = s[i]
            if c == " " || c == "\t" {
                i += 1
                continue
            }
            if c == "#", i == 0 || s[i - 1] == " " || s[i - 1] == "\t" { break }
            let inFlow = !stack.isEmpty
            let secretHere = stack.last?.secret ?? blockSecret
            if c == "{" || c == "[" {
                stack.append(Frame(secret: secretHere || pendingSecretValue))
                pendingSecretValue = false
                afterEnv = false
                i += 1
                continue
            }
            // In block context the value of a credential key runs to the end of the line (a plain
            // scalar may hold blanks and ': '; a broken line is masked all the same). In a secret
            // block, only `env: NAME` and credential keys (whose values are then checked) show.
            if !inFlow, pendingSecretValue || secretHere {
                let token = Self.token(s, from: i, inFlow: false)
                if !pendingSecretValue {
                    if token.isKey, Self.keepsKeyVisible(s[token.range]) {
                        afterEnv = Self.text(s[token.range]) == "env"
                        pendingSecretValue = !afterEnv
                        i = token.afterColon
                        continue
                    }
                    if !token.isKey, afterEnv, token.isPlain, Self.isVariableName(s[token.range]),
                       Self.onlyCommentFollows(s, from: token.range.upperBound) {
                        return
                    }
                }
                masked.append(i..<n)
                opensSecretBlock = true
                return
            }
            if c == "}" || c == "]" {
                if !stack.isEmpty { stack.removeLast() }
                i += 1
                continue
            }
            if c == ",", inFlow {
                pendingSecretValue = false
                afterEnv = false
                i += 1
                continue
            }
            if c == "-" || c == "?" || c == ":", !inFlow, i + 1 == n || Self.isBlank(s[i + 1]) {
                i += 1
                continue
            }
            let token = Self.token(s, from: i, inFlow: inFlow)
            let text = Self.text(s[token.range])
            if token.isKey {
                if secretHere, !Self.keepsKeyVisible(s[token.range]) { masked.append(token.range) }
                afterEnv = secretHere && text == "env"
                pendingSecretValue = !afterEnv && CredentialKeyRule.isCredentialLike(text)
                i = token.afterColon
                continue
            }
            if pendingSecretValue || secretHere {
                let safe = afterEnv && token.isPlain && Self.isVariableName(s[token.range])
                if !token.isTerminated {
                    masked.append(token.range.lowerBound..<n)
                    opensSecretBlock = true
                    return
                }
                if !safe { masked.append(token.range) }
            }
            pendingSecretValue = false
            afterEnv = false
            i = max(token.range.upperBound, i + 1)
        }
        if pendingSecretValue || stack.contains(where: \.secret) { opensSecretBlock = true }
    }

    /// `scheme://user:password@host`: the password, wherever it stands on the line.
    private mutating func maskURLPasswords(_ s: [Unicode.Scalar]) {
        var i = 0
        while i + 2 < s.count {
            guard s[i] == ":", s[i + 1] == "/", s[i + 2] == "/" else {
                i += 1
                continue
            }
            var j = i + 3
            var colon: Int?
            while j < s.count, s[j] != "/", s[j] != "@", !Self.isBlank(s[j]) {
                if s[j] == ":", colon == nil { colon = j }
                j += 1
            }
            if j < s.count, s[j] == "@", let colon, colon + 1 < j { masked.append(colon + 1..<j) }
            i = j
        }
    }

    // MARK: Tokens

    private struct Token {
        var range: Range<Int>
        var isKey: Bool
        var afterColon: Int
        var isPlain: Bool
        var isTerminated: Bool
    }

    /// The scalar at `start` (quoted or plain) and whether a `:` makes it a key.
    private static func token(_ s: [Unicode.Scalar], from start: Int, inFlow: Bool) -> Token {
        let n = s.count
        var end = start
        var isPlain = true
        var terminated = true
        if s[start] == "\"" || s[start] == "'" {
            isPlain = false
            terminated = false
            let quote = s[start]
            end = start + 1
            while end < n {
                if quote == "\"", s[end] == "\\" {
                    end += 2
                    continue
                }
                if s[end] == quote {
                    if quote == "'", end + 1 < n, s[end + 1] == "'" {
                        end += 2
                        continue
                    }
                    end += 1
                    terminated = true
                    break
                }
                end += 1
            }
            end = min(end, n)
        } else {
            while end < n {
                let c = s[end]
                if c == ":", end + 1 == n || isBlank(s[end + 1]) || (inFlow && isFlowIndicator(s[end + 1])) { break }
                if inFlow, isFlowIndicator(c) { break }
                if c == "#", end > start, isBlank(s[end - 1]) { break }
                end += 1
            }
            // Trailing blanks belong to no scalar.
            while end > start + 1, isBlank(s[end - 1]) { end -= 1 }
            if end == start { end = start + 1 }
        }
        var j = end
        while j < n, isBlank(s[j]) { j += 1 }
        let isKey = terminated && j < n && s[j] == ":"
            && (j + 1 == n || isBlank(s[j + 1]) || (inFlow && isFlowIndicator(s[j + 1])) || !isPlain)
        return Token(range: start..<end, isKey: isKey, afterColon: isKey ? j + 1 : end, isPlain: isPlain,
                     isTerminated: terminated)
    }

    private static func keepsKeyVisible(_ key: ArraySlice<Unicode.Scalar>) -> Bool {
        let name = Self.text(key)
        return name == "env" || CredentialKeyRule.isCredentialLike(name)
    }

    private static func onlyCommentFollows(_ s: [Unicode.Scalar], from index: Int) -> Bool {
        var i = index
        while i < s.count, isBlank(s[i]) { i += 1 }
        return i == s.count || (s[i] == "#" && i > index)
    }

    private static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        let text = String(view)
        if let first = scalars.first, first == "\"" || first == "'", text.count >= 2 {
            return String(text.dropFirst().dropLast())
        }
        return text
    }

    /// `NAME` of `{env: NAME}` shown as written: ASCII letters, digits and `_`. A name that is
    /// wrong only by its first character is a typo the decoder repeats; anything else is masked.
    private static func isVariableName(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        !scalars.isEmpty && scalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    private static func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }

    private static func isFlowIndicator(_ c: Unicode.Scalar) -> Bool {
        c == "," || c == "{" || c == "}" || c == "[" || c == "]"
    }
}
