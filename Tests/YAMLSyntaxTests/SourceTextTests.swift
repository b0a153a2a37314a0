import Testing
import YAMLSyntax

/// The line index diagnostics are quoted with must agree with libyaml's marks.
@Suite struct SourceTextTests {
    @Test func lineStartsFollowEveryLineBreakYAMLKnows() {
        let source = SourceText(path: "f", text: "a\nb\r\nc\rd\u{85}e\u{2028}f\u{2029}g")
        #expect(source.lineStarts() == [0, 2, 5, 7, 10, 14, 18])
        let starts = source.lineStarts()
        #expect((1...7).map { source.lineText($0, lineStarts: starts) } == ["a", "b", "c", "d", "e", "f", "g"])
        #expect(source.lineText(0, lineStarts: starts) == nil)
        #expect(source.lineText(8, lineStarts: starts) == nil)
    }

    @Test func aTrailingLineBreakStartsAnEmptyLastLine() {
        let source = SourceText(path: "f", text: "a: 1\n")
        let starts = source.lineStarts()
        #expect(starts == [0, 5])
        #expect(source.lineText(2, lineStarts: starts) == "")
    }

    @Test func lineTextLeavesOutTheByteOrderMark() {
        let source = SourceText(path: "f", bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1\nb: 2".utf8))
        let starts = source.lineStarts()
        #expect(source.lineText(1, lineStarts: starts) == "a: 1")
        #expect(source.lineText(2, lineStarts: starts) == "b: 2")
        let onlyBOM = SourceText(path: "f", bytes: [0xEF, 0xBB, 0xBF])
        #expect(onlyBOM.lineText(1, lineStarts: onlyBOM.lineStarts()) == "")
    }

    @Test func positionsOfByteOffsetsCountCharacters() {
        let source = SourceText(path: "f", text: "név: ő\r\nx: 日本\u{2028}y")
        #expect(source.position(ofByteOffset: 0) == at(1, 1))
        #expect(source.position(ofByteOffset: 3) == at(1, 3), "é is two bytes, one column")
        #expect(source.position(ofByteOffset: 10) == at(2, 1), "after CR LF")
        #expect(source.position(ofByteOffset: 13) == at(2, 4))
        #expect(source.position(ofByteOffset: 16) == at(2, 5))
        #expect(source.position(ofByteOffset: 22) == at(3, 1), "after LS")
        #expect(source.position(ofByteOffset: 1_000) == at(3, 2), "clamped to the end")
        #expect(source.position(ofByteOffset: -5) == at(1, 1))
    }

    @Test func theByteOrderMarkTakesNoColumn() {
        let source = SourceText(path: "f", bytes: [0xEF, 0xBB, 0xBF] + Array("ab".utf8))
        #expect(source.position(ofByteOffset: 3) == at(1, 1))
        #expect(source.position(ofByteOffset: 4) == at(1, 2))
    }

    @Test func locationsCarryThePath() {
        let source = SourceText(path: "configs/prod.yaml", text: "")
        let location = source.location(span(2, 3, 2, 5))
        #expect(location.description == "configs/prod.yaml:2:3")
        #expect(location.range.description == "2:3-2:5")
    }
}
