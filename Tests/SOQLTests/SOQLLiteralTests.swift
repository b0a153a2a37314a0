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
}
