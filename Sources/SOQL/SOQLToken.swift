/// One lexical token of a SOQL query, with where it starts (for Salesforce's
/// "ERROR at Row:R:Column:C" messages).
struct SOQLToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        /// A quoted string, escapes decoded.
        case string(String)
        /// A number as written, sign included.
        case number(String)
        case dateTime(String)
        case comma, dot, openParen, closeParen
        /// `=`, `!=`, `<>`, `<`, `<=`, `>`, `>=`.
        case comparison(String)
        /// Any other character (`*`, `:`, `;`...): never valid, reported as unexpected.
        case other(String)
        case end
    }

    var kind: Kind
    /// Offset in Unicode scalars from the start of the text.
    var offset: Int
    /// The text as written, for messages.
    var text: String

    /// How Salesforce names the token in "unexpected token: ..." messages.
    var quoted: String {
        kind == .end ? "<EOF>" : "'\(text)'"
    }

    /// Whether this is the identifier `keyword`, ignoring case.
    func isKeyword(_ keyword: String) -> Bool {
        if case .identifier(let name) = kind { return SOQLText.equalsIgnoringCase(name, keyword) }
        return false
    }
}
