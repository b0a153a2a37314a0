/// Splits SOQL text into tokens. Works on Unicode scalars so that error columns count characters,
/// as Salesforce's do.
struct SOQLLexer {
    private let scalars: [Unicode.Scalar]
    private let source: String
    private var position = 0

    init(_ text: String) {
        source = text
        scalars = Array(text.unicodeScalars)
    }

    /// Every token, ending with `.end`.
    static func tokenize(_ text: String) throws(SOQLError) -> [SOQLToken] {
        var lexer = SOQLLexer(text)
        var tokens: [SOQLToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        position + ahead < scalars.count ? scalars[position + ahead] : nil
    }

    private func text(from start: Int) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[start..<position])
        return String(s)
    }

    private static func isDigit(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c.value &- 48 < 10
    }

    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        (c.value | 0x20) &- 97 < 26 || c == "_"
    }

    private static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || isDigit(c)
    }

    private mutating func next() throws(SOQLError) -> SOQLToken {
        while let c = peek(), c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
            position += 1
        }
        let start = position
        guard let c = peek() else { return SOQLToken(kind: .end, offset: start, text: "") }
        func token(_ kind: SOQLToken.Kind, length: Int) -> SOQLToken {
            position += length
            return SOQLToken(kind: kind, offset: start, text: text(from: start))
        }
        switch c {
        case ",": return token(.comma, length: 1)
        case ".": return token(.dot, length: 1)
        case "(": return token(.openParen, length: 1)
        case ")": return token(.closeParen, length: 1)
        case "=": return token(.comparison("="), length: 1)
        case "!":
            if peek(1) == "=" { return token(.comparison("!="), length: 2) }
            return token(.other("!"), length: 1)
        case "<":
            if peek(1) == "=" { return token(.comparison("<="), length: 2) }
            if peek(1) == ">" { return token(.comparison("<>"), length: 2) }
            return token(.comparison("<"), length: 1)
        case ">":
            if peek(1) == "=" { return token(.comparison(">="), length: 2) }
            return token(.comparison(">"), length: 1)
        case "'": return try string()
        default:
            if Self.isDigit(c) || ((c == "-" || c == "+") && Self.isDigit(peek(1))) {
                return try numberOrDate()
            }
            if Self.isIdentifierStart(c) {
                while let d = peek(), Self.isIdentifierPart(d) { position += 1 }
                let name = text(from: start)
                return SOQLToken(kind: .identifier(name), offset: start, text: name)
            }
            return token(.other(String(c)), length: 1)
        }
    }

    private mutating func string() throws(SOQLError) -> SOQLToken {
        let start = position
        position += 1
        var value = String.UnicodeScalarView()
        while true {
            guard let c = peek() else {
                throw SOQLParser.error(
                    in: source, at: position,
                    "line \(SOQLParser.location(in: source, at: position).row):"
                        + "\(SOQLParser.location(in: source, at: position).column) "
                        + "mismatched character '<EOF>' expecting '''")
            }
            position += 1
            if c == "'" { break }
            guard c == "\\" else {
                value.append(c)
                continue
            }
            guard let e = peek() else { continue }  // reported as unterminated on the next turn
            position += 1
            switch e {
            case "'", "\"", "\\": value.append(e)
            case "n": value.append("\n")
            case "r": value.append("\r")
            case "t": value.append("\t")
            case "b": value.append("\u{08}")
            case "f": value.append("\u{0C}")
            // Kept escaped: only LIKE gives them meaning (a literal % or _).
            case "%", "_":
                value.append("\\")
                value.append(e)
            default:
                let literal = text(from: start)
                throw SOQLParser.error(
                    in: source, at: position - 2,
                    "Invalid string literal '\(literal)'. Illegal character sequence '\\\(e)' in string literal.")
            }
        }
        return SOQLToken(kind: .string(String(value)), offset: start, text: text(from: start))
    }

    /// A number (`42`, `-1.5`) or a date / date-time literal (`2026-01-02T03:04:05Z`).
    private mutating func numberOrDate() throws(SOQLError) -> SOQLToken {
        let start = position
        if peek() == "-" || peek() == "+" { position += 1 }
        let digitsStart = position
        while Self.isDigit(peek()) { position += 1 }
        if position - digitsStart == 4, start == digitsStart, peek() == "-", Self.isDigit(peek(1)) {
            // Date literal: take the run of characters a date-time can hold, then check it.
            while let c = peek(), Self.isIdentifierPart(c) || c == "-" || c == ":" || c == "." || c == "+" {
                position += 1
            }
            let literal = text(from: start)
            guard SOQLDateTime.instant(literal) != nil else {
                throw SOQLParser.error(
                    in: source, at: start, "line \(SOQLParser.location(in: source, at: start).row):"
                        + "\(SOQLParser.location(in: source, at: start).column) no viable alternative at character '\(literal)'"
                )
            }
            return SOQLToken(kind: .dateTime(literal), offset: start, text: literal)
        }
        if peek() == ".", Self.isDigit(peek(1)) {
            position += 1
            while Self.isDigit(peek()) { position += 1 }
        }
        // `5abc` is not a number followed by a name: report the whole run as one bad token.
        if let c = peek(), Self.isIdentifierPart(c) {
            while let d = peek(), Self.isIdentifierPart(d) { position += 1 }
            let bad = text(from: start)
            return SOQLToken(kind: .other(bad), offset: start, text: bad)
        }
        let literal = text(from: start)
        return SOQLToken(kind: .number(literal), offset: start, text: literal)
    }
}
