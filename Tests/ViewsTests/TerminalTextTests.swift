import Foundation
import Testing
@testable import Views

/// Human output never carries a raw control character: only the colours `TerminalStyle` writes.
@Suite struct TerminalTextTests {
    static let hostile = "EVIL\u{1B}]0;pwned\u{07}\u{1B}[2J\r\u{7F}\u{9B}31m\u{202E}txt\u{2028}end"

    @Test func everyControlCharacterIsEscaped() {
        let out = TerminalText.forOutput("key " + Self.hostile + "\n\tnext line\n", keepingStyles: false)
        #expect(out == "key EVIL\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{d}\\u{7f}\\u{9b}31m\\u{202e}txt\\u{2028}end\n\tnext line\n")
        #expect(!out.unicodeScalars.contains { TerminalText.isUnsafe($0) })
    }

    @Test func printableTextIsUnchanged() {
        for text in ["plain ascii\n", "Zoë Straße 東京 🙂\n", "a\tb\n", ""] {
            #expect(TerminalText.forOutput(text, keepingStyles: false) == text)
        }
    }

    @Test func onlyTheStylesOwnSequencesSurviveOnATerminal() {
        let style = TerminalStyle(colored: true)
        let styled = style.red("error:") + " " + style.bold("unknown key '\u{1B}[8mhidden'") + "\n"
        let out = TerminalText.forOutput(styled, keepingStyles: true)
        #expect(out == "\u{1B}[1;31merror:\u{1B}[0m \u{1B}[1munknown key '\\u{1b}[8mhidden'\u{1B}[0m\n")
        // Without colour not even those: a log never holds an escape sequence.
        #expect(!TerminalText.forOutput(styled, keepingStyles: false).unicodeScalars.contains("\u{1B}"))
    }

    @Test func jsonEscapesWhatTheEncoderLeavesRaw() throws {
        let json = JSONText.encode(["key": Self.hostile])
        #expect(!json.unicodeScalars.contains { TerminalText.isUnsafe($0) })
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(decoded?["key"] == Self.hostile, "the same string, only escaped")
    }
}
