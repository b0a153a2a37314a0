import Testing
import YAMLSyntax

@Suite struct NodeTreeTests {
    // MARK: Scalars

    @Test func plainScalarsKeepTheirExactText() throws {
        let root = try parseRoot("""
            zip: 0123
            flag: no
            number: 1e3
            octal: 0o17
            version: 1.10
            time: 12:30
            """)
        #expect(root["zip"]?.scalar == "0123")
        #expect(root["flag"]?.scalar == "no")
        #expect(root["number"]?.scalar == "1e3")
        #expect(root["octal"]?.scalar == "0o17")
        #expect(root["version"]?.scalar == "1.10")
        #expect(root["time"]?.scalar == "12:30")
        for pair in root.pairs {
            #expect(pair.value.scalarStyle == .plain, "\(pair.key)")
            #expect(pair.value.tag == nil)
            #expect(!pair.value.isNull)
        }
    }

    @Test func nullsArePlainUntaggedTildeNullOrEmpty() throws {
        let root = try parseRoot("""
            tilde: ~
            word: null
            capital: Null
            upper: NULL
            empty:
            quotedTilde: "~"
            quotedNull: 'null'
            tagged: !!str ~
            mixed: nULL
            """)
        for key in ["tilde", "word", "capital", "upper", "empty"] {
            let node = try #require(root.pairs.first { $0.key.scalar == key }?.value)
            #expect(node.isNull, "\(key) should be null")
        }
        #expect(root["empty"]?.scalar == "")
        #expect(root["quotedTilde"]?.isNull == false)
        #expect(root["quotedNull"]?.isNull == false)
        #expect(root["tagged"]?.isNull == false)
        #expect(root["tagged"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["mixed"]?.isNull == false)
    }

    @Test func scalarStylesAreRecorded() throws {
        let root = try parseRoot("""
            plain: text
            single: 'it''s'
            double: "tab\\there \\u00e9"
            literal: |
              line one
              line two
            folded: >
              a
              b
            """)
        #expect(root["plain"]?.scalarStyle == .plain)
        #expect(root["single"]?.scalarStyle == .singleQuoted)
        #expect(root["single"]?.scalar == "it's")
        #expect(root["double"]?.scalarStyle == .doubleQuoted)
        #expect(root["double"]?.scalar == "tab\there é")
        #expect(root["literal"]?.scalarStyle == .literal)
        #expect(root["literal"]?.scalar == "line one\nline two\n")
        #expect(root["folded"]?.scalarStyle == .folded)
        #expect(root["folded"]?.scalar == "a b", "clipped: the last line has no break")
        #expect(root.scalarStyle == nil, "a mapping has no scalar style")
        #expect(root.scalar == nil)
    }

    @Test func isScalarComparesTheWholeText() throws {
        let root = try parseRoot("key: value")
        let value = try #require(root["key"])
        #expect(value.isScalar("value"))
        #expect(!value.isScalar("valu"))
        #expect(!value.isScalar("values"))
        #expect(!value.isScalar("VALUE"))
        #expect(!root.isScalar("key"), "a mapping is not a scalar")
        #expect(root["missing"] == nil)
    }

    @Test func explicitTagsAreKept() throws {
        let root = try parseRoot("""
            a: !!str 1
            b: !custom {x: 1}
            c: 1
            """)
        #expect(root["a"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["b"]?.tag == "!custom")
        #expect(root["b"]?.kind == .mapping)
        #expect(root["c"]?.tag == nil)
    }

    // MARK: Collections

    @Test func sequencesAndMappingsNest() throws {
        let root = try parseRoot("""
            accounts:
              ACME-EU-01:
                token: {env: VCC_TOKEN}
                locations:
                  prod: [org, {profile: Support Agent}, {user: jane@acme.example}]
            empty-list: []
            empty-map: {}
            block-list:
              - a
              - - nested
                - pair
            """)
        #expect(root.kind == .mapping)
        #expect(root.count == 4)
        #expect(root.pairs.map { $0.key.scalar } == ["accounts", "empty-list", "empty-map", "block-list"])

        let account = try #require(root["accounts"]?["ACME-EU-01"])
        #expect(account.kind == .mapping)
        #expect(account["token"]?["env"]?.scalar == "VCC_TOKEN")
        let prod = try #require(account["locations"]?["prod"])
        #expect(prod.kind == .sequence)
        #expect(prod.count == 3)
        #expect(prod.elements[0].scalar == "org")
        #expect(prod.elements[1]["profile"]?.scalar == "Support Agent")
        #expect(prod.elements[2]["user"]?.scalar == "jane@acme.example")

        #expect(root["empty-list"]?.kind == .sequence)
        #expect(root["empty-list"]?.count == 0)
        #expect(root["empty-map"]?.kind == .mapping)
        #expect(root["empty-map"]?.count == 0)

        let list = try #require(root["block-list"])
        #expect(list.elements.map(\.kind) == [.scalar, .sequence])
        #expect(list.elements[1].elements.map(\.scalar) == ["nested", "pair"])
        #expect(list.description == "[a, [nested, pair]]")
    }

    @Test func collectionAccessorsAreEmptyForOtherKinds() throws {
        let root = try parseRoot("list: [a, b]\nscalar: x")
        let list = try #require(root["list"])
        let scalar = try #require(root["scalar"])
        #expect(list.pairs.isEmpty)
        #expect(list["a"] == nil)
        #expect(scalar.elements.isEmpty)
        #expect(scalar.pairs.isEmpty)
        #expect(scalar.count == 0)
        #expect(root.elements.isEmpty)
    }

    @Test func aScalarCanBeTheRoot() throws {
        let root = try parseRoot("just text\n")
        #expect(root.kind == .scalar)
        #expect(root.scalar == "just text")
    }

    @Test func nodeCountCountsDistinctNodes() throws {
        let result = YAMLParser.parse("a: [1, 2]\nb: x\n")
        let document = try #require(result.document)
        // root mapping, a, sequence, 1, 2, b, x
        #expect(document.nodeCount == 7)
        #expect(document.path == "<string>")
    }

    // MARK: Ranges

    static let rangeText = """
        name: vcc
        items:
          - one
          - "two"
        map: {k: v}

        """

    /// Checks the ranges of several nodes of `rangeText`, whatever line breaks or BOM it was saved with.
    static func expectRangesOfRangeText(_ root: YAMLNode, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        #expect(root.range.start == at(1, 1), sourceLocation: sourceLocation)
        let name = try #require(root.pairs.first, sourceLocation: sourceLocation)
        #expect(name.key.range == span(1, 1, 1, 5), sourceLocation: sourceLocation)
        #expect(name.value.range == span(1, 7, 1, 10), sourceLocation: sourceLocation)

        let items = try #require(root["items"], sourceLocation: sourceLocation)
        #expect(root.pairs[1].key.range == span(2, 1, 2, 6), sourceLocation: sourceLocation)
        #expect(items.range.start == at(3, 3), sourceLocation: sourceLocation)
        #expect(items.elements[0].range == span(3, 5, 3, 8), sourceLocation: sourceLocation)
        #expect(items.elements[1].range == span(4, 5, 4, 10), "the range covers the quotes", sourceLocation: sourceLocation)

        let map = try #require(root["map"], sourceLocation: sourceLocation)
        #expect(root.pairs[2].key.range == span(5, 1, 5, 4), sourceLocation: sourceLocation)
        #expect(map.range == span(5, 6, 5, 12), "a flow mapping spans its braces", sourceLocation: sourceLocation)
        #expect(map.pairs[0].key.range == span(5, 7, 5, 8), sourceLocation: sourceLocation)
        #expect(map.pairs[0].value.range == span(5, 10, 5, 11), sourceLocation: sourceLocation)
    }

    @Test func rangesAreOneBasedAndExact() throws {
        let root = try parseRoot(Self.rangeText)
        try Self.expectRangesOfRangeText(root)
        #expect(root.location.file == "test.yaml")
        #expect(root["name"]?.location.description == "test.yaml:1:7")
    }

    @Test func rangesAreTheSameWithCRLFLineBreaks() throws {
        let crlf = Self.rangeText.replacing("\n", with: "\r\n")
        #expect(crlf.utf8.contains(0x0D))
        let root = try parseRoot(crlf)
        try Self.expectRangesOfRangeText(root)
        #expect(root["items"]?.elements[0].scalar == "one", "no carriage return leaks into scalars")
    }

    @Test func rangesAreTheSameWithLoneCarriageReturns() throws {
        let cr = Self.rangeText.replacing("\n", with: "\r")
        try Self.expectRangesOfRangeText(try parseRoot(cr))
    }

    @Test func rangesAreTheSameAfterAUTF8ByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(Self.rangeText.utf8)
        let result = parse(bytes: bytes)
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.document?.root)
        #expect(root["name"]?.scalar == "vcc")
        #expect(root.pairs[0].key.scalar == "name", "the BOM is not part of the first key")
        try Self.expectRangesOfRangeText(root)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let root = try parseRoot("név: \"ő\"\nx: 日本語\ny: ok\n")
        #expect(root.pairs[0].key.range == span(1, 1, 1, 4))
        #expect(root.pairs[0].value.range == span(1, 6, 1, 9))
        #expect(root["x"]?.range == span(2, 4, 2, 7))
        #expect(root["y"]?.range == span(3, 4, 3, 6))
    }

    @Test func multiLineScalarRangesSpanTheirLines() throws {
        let root = try parseRoot("a: |\n  one\n  two\nb: \"x\n  y\"\n")
        let literal = try #require(root["a"])
        #expect(literal.range.start == at(1, 4))
        #expect(literal.range.end.line == 4, "a block scalar ends where the next key starts")
        let quoted = try #require(root["b"])
        #expect(quoted.range == span(4, 4, 5, 5))
        #expect(quoted.scalar == "x y")
    }

    // MARK: Equality

    @Test func equalityIgnoresPositionsAndStyle() throws {
        let block = try parseRoot("""
            # leading comment moves everything down


            a: 1
            b:
              - x
              - 'y'
            c: {k: v}
            """)
        let flow = try parseRoot(#"{a: "1", b: [x, "y"], c: {k: v}}"#)
        #expect(block == flow)
        #expect(block["a"] == flow["a"])
        #expect(block["a"]?.range != flow["a"]?.range)
        #expect(block["a"]?.scalarStyle != flow["a"]?.scalarStyle)
    }

    @Test func equalityComparesTextAndStructure() throws {
        let base = try parseRoot("a: 1\nb: [x, y]")
        #expect(base != (try parseRoot("a: 2\nb: [x, y]")), "scalar text differs")
        #expect(base != (try parseRoot("a: 1\nb: [x, y, z]")), "element count differs")
        #expect(base != (try parseRoot("a: 1\nb: [x, z]")), "element differs")
        #expect(base != (try parseRoot("a: 1\nc: [x, y]")), "key differs")
        #expect(base != (try parseRoot("a: 1\nb: {x: y}")), "kind differs")
        #expect(base != (try parseRoot("a: 1")), "pair count differs")
        #expect(base != (try parseRoot("a: !!str 1\nb: [x, y]")), "tag differs")
        #expect(base == (try parseRoot("a: 1\nb: [x, y]\n")))
    }

    @Test func equalityOfScalarsWithDifferentLengths() throws {
        let a = try parseRoot("abc")
        let b = try parseRoot("abcd")
        #expect(a != b)
        #expect(b != a)
        #expect(try parseRoot("''") == (try parseRoot("\"\"")))
    }

    @Test func descriptionRendersFlowStyle() throws {
        let root = try parseRoot("a: 1\nb: [x, {c: d}]")
        #expect(root.description == "{a: 1, b: [x, {c: d}]}")
    }
}
