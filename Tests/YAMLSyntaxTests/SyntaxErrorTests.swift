import Testing
import YAMLSyntax

@Suite struct SyntaxErrorTests {
    @Test func tabIndentationIsLocatedAndExplained() throws {
        let diagnostic = try singleError("accounts:\n\tACME: {}\n", code: "yaml.syntax")
        #expect(diagnostic.location?.range.start == at(2, 1))
        #expect(diagnostic.notes.contains { $0.message.contains("tabs") && $0.location == nil })
    }

    @Test func tabAfterSpacesIsExplainedToo() throws {
        let diagnostic = try singleError("a:\n  b: 1\n  \tc: 2\n", code: "yaml.syntax")
        #expect(diagnostic.location?.range.start.line == 3)
        #expect(diagnostic.notes.contains { $0.message.contains("tabs") })
    }

    @Test func anUnterminatedQuoteNamesWhereItStarted() throws {
        let diagnostic = try singleError("a: 1\nb: \"never closed\nc: 2\n", code: "yaml.syntax")
        #expect(diagnostic.location?.range.start == at(4, 1), "libyaml notices at the end of the stream")
        #expect(diagnostic.notes.contains { $0.location?.range.start == at(2, 4) }, "the quote that opened it")
        #expect(diagnostic.notes.contains { $0.message.contains("never closed") })
    }

    @Test func anUnterminatedSingleQuoteAtTheEndWithoutANewline() throws {
        let diagnostic = try singleError("a: 'open", code: "yaml.syntax")
        #expect(diagnostic.location?.range.start == at(1, 9))
        #expect(diagnostic.notes.contains { $0.location?.range.start == at(1, 4) })
    }

    @Test func badIndentationPointsAtTheMisalignedLine() throws {
        let diagnostic = try singleError("orgs:\n  prod: 1\n dev: 2\n", code: "yaml.syntax")
        #expect(diagnostic.location?.range.start == at(3, 2))
        #expect(diagnostic.notes.contains { $0.message.contains("indentation") })
    }

    @Test func aValueWithAColonIsExplained() throws {
        let diagnostic = try singleError("key: value: x\n", code: "yaml.syntax")
        #expect(diagnostic.location?.range.start == at(1, 11))
        #expect(diagnostic.notes.contains { $0.message.contains("quoted") })
    }

    @Test func aReservedIndicatorIsExplained() throws {
        let diagnostic = try singleError("user: @jane\n", code: "yaml.syntax")
        #expect(diagnostic.location?.range.start == at(1, 7))
        #expect(diagnostic.notes.contains { $0.message.contains("'@'") })
    }

    @Test func anUnclosedFlowSequence() throws {
        let diagnostic = try singleError("a: [1, 2\nb: 3\n", code: "yaml.syntax")
        let start = try #require(diagnostic.location?.range.start)
        #expect(start.line >= 2 && start.line <= 3)
    }

    @Test func aSecondDocumentIsAnErrorAtItsSeparator() throws {
        let result = YAMLParser.parse("a: 1\n---\nb: 2\n", path: "test.yaml")
        #expect(result.document == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.code == "yaml.multiple-documents")
        #expect(diagnostic.location?.range == span(2, 1, 2, 4))
        #expect(!diagnostic.notes.isEmpty)
    }

    @Test func anExplicitFirstDocumentIsFine() throws {
        let root = try parseRoot("%YAML 1.1\n---\na: 1\n...\n")
        #expect(root["a"]?.scalar == "1")
    }

    @Test func aSecondDocumentAfterAnEndMarkerIsAnError() throws {
        let diagnostic = try singleError("a: 1\n...\n---\nb: 2\n", code: "yaml.multiple-documents")
        #expect(diagnostic.location?.range.start == at(3, 1))
    }

    @Test func diagnosticsBeforeAFatalErrorAreKept() throws {
        let result = YAMLParser.parse("a: 1\na: 2\n---\nb: 2\n")
        #expect(result.document == nil)
        #expect(result.diagnostics.map(\.code) == ["yaml.duplicate-key", "yaml.multiple-documents"])
    }

    // MARK: Encoding

    @Test func anInvalidLeadingByteIsLocated() throws {
        let bytes = Array("a: 1\nb: caf".utf8) + [0xFF] + Array("\nc: 3\n".utf8)
        let diagnostic = try singleError(bytes: bytes, code: "yaml.encoding")
        #expect(diagnostic.location?.range.start == at(2, 7))
        #expect(diagnostic.message.contains("0xFF"))
        #expect(diagnostic.message.contains("offset 11"))
    }

    @Test func aTruncatedSequenceIsLocatedAtItsFirstByte() throws {
        // 0xC3 starts a two-byte sequence, but 'x' cannot continue it: the broken character is the
        // one at 0xC3, not the 'x' after it.
        let bytes = Array("a: 1\nb: caf".utf8) + [0xC3] + Array("x\n".utf8)
        let diagnostic = try singleError(bytes: bytes, code: "yaml.encoding")
        #expect(diagnostic.location?.range.start == at(2, 7))
        #expect(diagnostic.message.contains("0xC3"))
    }

    @Test func anIncompleteSequenceAtTheEndIsLocated() throws {
        let bytes = Array("a: é\nb: caf".utf8) + [0xE9]
        let diagnostic = try singleError(bytes: bytes, code: "yaml.encoding")
        #expect(diagnostic.location?.range.start == at(2, 7))
    }

    @Test func anInvalidByteAfterMultiByteCharactersCountsCharacters() throws {
        let bytes = Array("név: ő".utf8) + [0x80]
        let diagnostic = try singleError(bytes: bytes, code: "yaml.encoding")
        #expect(diagnostic.location?.range.start == at(1, 7))
    }

    @Test func anInvalidByteAfterABOMIsLocatedAsTheEditorShowsIt() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: ".utf8) + [0xFF]
        let diagnostic = try singleError(bytes: bytes, code: "yaml.encoding")
        #expect(diagnostic.location?.range.start == at(1, 4), "the byte order mark takes no column")
    }

    @Test func anInvalidByteAfterCRLFLines() throws {
        let bytes = Array("a: 1\r\nb: 2\r\nc: ".utf8) + [0xFE]
        let diagnostic = try singleError(bytes: bytes, code: "yaml.encoding")
        #expect(diagnostic.location?.range.start == at(3, 4))
    }

    @Test(arguments: [0x00, 0x01, 0x07, 0x1B, 0x7F] as [UInt8])
    func aControlCharacterIsAnEncodingError(byte: UInt8) throws {
        let bytes = Array("a: 1\nb: x".utf8) + [byte] + Array("y\n".utf8)
        let diagnostic = try singleError(bytes: bytes, code: "yaml.encoding")
        #expect(diagnostic.location?.range.start == at(2, 5))
        #expect(diagnostic.message.contains("control character"))
    }

    // MARK: Line breaks libyaml counts

    @Test(arguments: ["\u{85}", "\u{2028}", "\u{2029}"])
    func unicodeLineBreaksCountAsLibYAMLCountsThem(lineBreak: String) throws {
        // YAML 1.1 (and libyaml) treat NEL, LS and PS as line breaks: the diagnostic's line must be
        // one the file's line index knows, so that it can be quoted.
        let text = "a: 1\(lineBreak)b: 2\(lineBreak)c: ]\n"
        let diagnostic = try singleError(text, code: "yaml.syntax")
        let start = try #require(diagnostic.location?.range.start)
        #expect(start == at(3, 4))
        let source = SourceText(path: "test.yaml", text: text)
        #expect(source.lineText(start.line, lineStarts: source.lineStarts()) == "c: ]")
    }

    // MARK: Limits

    @Test func deepFlowNestingIsRefused() throws {
        let diagnostic = try singleError(String(repeating: "[", count: 1_000), code: "yaml.too-deep")
        #expect(diagnostic.location?.range.start == at(1, 257))
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = YAMLLimits.default.maxDepth
        let text = String(repeating: "[", count: depth) + "x" + String(repeating: "]", count: depth)
        var node = try parseRoot(text)
        var levels = 0
        while node.kind == .sequence {
            levels += 1
            node = node.elements[0]
        }
        #expect(levels == depth)
        #expect(node.scalar == "x")
    }

    @Test func aSmallerDepthLimitIsHonoured() throws {
        let result = YAMLParser.parse("a:\n  b:\n    c: 1\n", limits: YAMLLimits(maxDepth: 2))
        #expect(result.diagnostics.map(\.code) == ["yaml.too-deep"])
        #expect(result.diagnostics.first?.location?.range.start == at(3, 5))
    }

    @Test func aFileLargerThanTheLimitIsRefusedBeforeParsing() throws {
        let result = YAMLParser.parse("a: [1, 2, 3]\n", limits: YAMLLimits(maxBytes: 4))
        #expect(result.document == nil)
        #expect(result.diagnostics.map(\.code) == ["yaml.too-large"])
        #expect(result.diagnostics.first?.location?.range.start == at(1, 1))
    }

    // MARK: Nothing to parse

    @Test func emptyInputIsADocumentWithoutRoot() throws {
        let result = parse(bytes: [])
        #expect(result.diagnostics.isEmpty)
        let document = try #require(result.document)
        #expect(document.root == nil)
        #expect(document.nodeCount == 0)
    }

    @Test(arguments: ["# only a comment", "# one\n\n   # two\n", "\n\n\n", "   ", "\r\n# c\r\n"])
    func aFileWithoutContentHasNoRoot(text: String) throws {
        let result = YAMLParser.parse(text)
        #expect(result.diagnostics.isEmpty)
        let document = try #require(result.document)
        #expect(document.root == nil)
    }

    @Test func aByteOrderMarkAloneHasNoRoot() throws {
        let result = parse(bytes: [0xEF, 0xBB, 0xBF])
        #expect(result.diagnostics.isEmpty)
        #expect(result.document != nil)
        #expect(result.document?.root == nil)
    }

    @Test func anExplicitEmptyDocumentHasANullRoot() throws {
        let root = try parseRoot("---\n")
        #expect(root.isNull)
    }
}
