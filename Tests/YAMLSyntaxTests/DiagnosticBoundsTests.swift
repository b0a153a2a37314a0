import Testing
import YAMLSyntax

/// A hostile file can hold a 10 MB key or scalar: no diagnostic may repeat it whole.
@Suite struct DiagnosticBoundsTests {
    @Test func aHugeDuplicateKeyIsQuotedClipped() {
        let key = String(repeating: "k", count: 200_000)
        // Explicit keys: libyaml allows implicit ones only up to 1024 characters.
        let result = YAMLParser.parse("? \(key)\n: 1\n? \(key)\n: 2\n")
        let duplicate = result.diagnostics.first { $0.code == "yaml.duplicate-key" }
        #expect(duplicate?.message == "duplicate key '\(String(repeating: "k", count: 63))…' in this mapping")
    }

    @Test func everyMessageAndNoteIsBounded() {
        let long = String(repeating: "é", count: 10_000)
        let diagnostic = Diagnostic.error("test.long", "bad " + long, notes: [.init(long)])
        #expect(diagnostic.message.unicodeScalars.count == DiagnosticText.messageLimit)
        #expect(diagnostic.message.hasSuffix("é…"))
        #expect(diagnostic.notes[0].message.unicodeScalars.count == DiagnosticText.messageLimit)
        #expect(Diagnostic.error("test.short", "short").message == "short")
    }

    @Test func quotedValuesAreClippedToTheirLimit() {
        #expect(DiagnosticText.quoted("tokn") == "tokn")
        let exact = String(repeating: "a", count: DiagnosticText.quotedValueLimit)
        #expect(DiagnosticText.quoted(exact) == exact)
        #expect(DiagnosticText.quoted(exact + "b") == String(exact.dropLast()) + "…")
    }
}
