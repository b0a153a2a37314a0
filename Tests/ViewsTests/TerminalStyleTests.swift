import Testing
@testable import Views

/// Colour ends where the styled text ends: never on the next line.
@Suite struct TerminalStyleTests {
    let style = TerminalStyle(colored: true)

    @Test func theResetComesBeforeATrailingNewline() {
        #expect(style.green("done\n") == "\u{1B}[32mdone\u{1B}[0m\n")
        #expect(style.bold("a\nb\n\n") == "\u{1B}[1ma\nb\u{1B}[0m\n\n")
        #expect(style.red("x") == "\u{1B}[1;31mx\u{1B}[0m")
        #expect(TerminalStyle.plain.green("done\n") == "done\n")
    }
}
