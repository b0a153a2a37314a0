import SOQL
import Testing

@Suite struct SOQLLiteralTests {
    @Test(arguments: [
        ("plain", "'plain'"),
        ("O'Brien", #"'O\'Brien'"#),
        (#"back\slash"#, #"'back\\slash'"#),
        ("two\nlines", #"'two\nlines'"#),
        (#"say "hi""#, #"'say \"hi\"'"#),
        ("Ünïcödé", "'Ünïcödé'"),
    ])
    func quotesEveryCharacterSOQLEscapes(input: String, expected: String) {
        #expect(SOQLLiteral.quote(input) == expected)
    }

    @Test(arguments: [
        ("vcc-api@", #"'vcc-api@%'"#),
        ("vcc_api@", #"'vcc\_api@%'"#),
        ("100%@", #"'100\%@%'"#),
        ("O'Brien@", #"'O\'Brien@%'"#),
        (#"back\slash@"#, #"'back\\\\slash@%'"#),
    ])
    func likePrefixEscapesLikesWildcards(prefix: String, expected: String) {
        #expect(SOQLLiteral.likePrefix(prefix) == expected)
    }
}
