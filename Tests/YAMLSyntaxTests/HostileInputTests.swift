import Testing
import TestSupport
import YAMLSyntax

/// Whatever the bytes, parsing returns a document or a located error, and every position it
/// reports lies inside the file. None of these inputs may trap.
@Suite struct HostileInputTests {
    static let config = """
        # yaml-language-server: $schema=../../schemas/vccctl.schema.json
        version: 1
        orgs:
          prod:
            environment: production
          sandbox: {environment: sandbox}
        defaults: &defaults
          link: {org: prod, apiUser: "vcc-api@acme.example"}
        accounts:
          ACME-EU-01:
            <<: *defaults
            token: {env: VCC_TOKEN_ACME_EU}
            locations:
              prod: [org, {profile: Support Agent}, {user: jane@acme.example}]
              sandbox:
                - org
                - profile: 'Support Agent'
          ACME-US-02:
            token: {env: VCC_TOKEN_ACME_US}
            note: |
              literal text
                kept indented
            locations: {prod: [{user: "ünïcødé@acme.example"}]}

        """

    // MARK: The contract

    /// The text positions are measured against: UTF-16 input is read as what it transcodes to.
    static func measuredText(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 2, (bytes[0], bytes[1]) == (0xFF, 0xFE) || (bytes[0], bytes[1]) == (0xFE, 0xFF)
        else { return bytes }
        let littleEndian = bytes[0] == 0xFF
        var units: [UInt16] = []
        var index = 2
        while index + 1 < bytes.count {
            let (a, b) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// Parses `bytes` and checks the contract; returns the result for further checks.
    @discardableResult
    static func expectWellFormedOutcome(
        _ bytes: [UInt8], limits: YAMLLimits = .default, walkNodes: Bool = true, _ label: @autoclosure () -> String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> YAMLParseResult {
        let path = "hostile.yaml"
        let result = YAMLParser.parse(SourceText(path: path, bytes: bytes), limits: limits)
        let measured = SourceText(path: path, bytes: measuredText(bytes))
        let lineStarts = measured.lineStarts()

        func check(_ range: SourceRange, _ what: @autoclosure () -> String) {
            for position in [range.start, range.end] {
                let inFile = position.line >= 1 && position.column >= 1 && position.line <= lineStarts.count + 1
                var inLine = true
                if inFile, position.line <= lineStarts.count {
                    let start = lineStarts[position.line - 1]
                    let end = position.line < lineStarts.count ? lineStarts[position.line] : measured.bytes.count
                    inLine = position.column <= end - start + 1
                }
                #expect(inFile && inLine, "\(label()): \(what()) at \(position) outside \(lineStarts.count) lines",
                        sourceLocation: sourceLocation)
            }
            #expect(range.start <= range.end, "\(label()): \(what()) range \(range) is reversed",
                    sourceLocation: sourceLocation)
        }

        if result.document == nil {
            #expect(result.hasErrors, "\(label()): no document and no error", sourceLocation: sourceLocation)
            #expect(result.diagnostics.contains { $0.severity == .error && $0.location != nil },
                    "\(label()): no located error: \(result.diagnostics)", sourceLocation: sourceLocation)
        }
        for diagnostic in result.diagnostics {
            #expect(!diagnostic.message.isEmpty, sourceLocation: sourceLocation)
            if let location = diagnostic.location {
                #expect(location.file == path, sourceLocation: sourceLocation)
                check(location.range, "\(diagnostic.code) '\(diagnostic.message)'")
            }
            for note in diagnostic.notes {
                if let location = note.location { check(location.range, "note '\(note.message)'") }
            }
        }
        if walkNodes, let root = result.document?.root {
            var stack = [root]
            var visited = 0
            while let node = stack.popLast(), visited < 100_000 {
                visited += 1
                check(node.range, "node \(node.kind)")
                switch node.kind {
                case .scalar: _ = node.scalar
                case .sequence: stack.append(contentsOf: node.elements)
                case .mapping: for pair in node.pairs { stack.append(pair.key); stack.append(pair.value) }
                }
            }
            // Equality walks the whole tree (deep ones included) and must not depend on anything but
            // the input: a second parse of the same bytes gives an equal tree.
            let again = YAMLParser.parse(SourceText(path: path, bytes: bytes), limits: limits).document?.root
            #expect(again == root, "\(label()): parsing the same bytes twice gave different trees", sourceLocation: sourceLocation)
        }
        return result
    }

    @Test func theValidConfigurationParses() throws {
        let result = Self.expectWellFormedOutcome(Array(Self.config.utf8), "config")
        #expect(result.diagnostics.isEmpty)
        let root = try #require(result.document?.root)
        #expect(root["accounts"]?["ACME-EU-01"]?["link"]?["org"]?.scalar == "prod")
    }

    // MARK: Random bytes

    @Test func randomBytes() {
        var generator = SeededGenerator(seed: 0x5EED_0001)
        for round in 0..<200 {
            let length = [0, 1, 2, 3, 7, 64, 255, 1_024, 4_096][round % 9] + Int.random(in: 0...3, using: &generator)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            Self.expectWellFormedOutcome(bytes, "random buffer \(round) of \(length) bytes")
        }
    }

    @Test func randomTextFromYAMLsAlphabet() {
        // Bytes that reach deep into the scanner and parser instead of failing as invalid UTF-8.
        let alphabet = Array("abcxyz019 \n\n  \t:-[]{},&*!|>'\"#%@`?~.\r<".utf8) + Array("é日".utf8)
        var generator = SeededGenerator(seed: 0x5EED_0002)
        for round in 0..<300 {
            let length = Int.random(in: 0...600, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            Self.expectWellFormedOutcome(bytes, "random text \(round): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    // MARK: Mutations of a valid configuration

    static func mutate(_ bytes: [UInt8], using generator: inout SeededGenerator) -> ([UInt8], String) {
        var bytes = bytes
        var steps: [String] = []
        let insertions: [[UInt8]] = [":", "-", "[", "{", "]", "}", "&", "*", "\t", "'", "\"", "<<: ", "&a ", "*a", "? ", "|", "\n", "---\n", "\u{0}", "\u{FEFF}", "\u{2028}"]
            .map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x80]]
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0 where !bytes.isEmpty:
                let bit = UInt8(1) << UInt8.random(in: 0...7, using: &generator)
                bytes[position] ^= bit
                steps.append("flip \(bit) at \(position)")
            case 1:
                bytes.removeSubrange(position...)
                steps.append("truncate at \(position)")
            case 2 where !bytes.isEmpty:
                let count = Int.random(in: 1...min(16, bytes.count - position), using: &generator)
                bytes.removeSubrange(position..<(position + count))
                steps.append("delete \(count) at \(position)")
            case 3 where !bytes.isEmpty:
                // Duplicate a line-sized chunk elsewhere, which makes duplicate keys and odd indentation.
                let count = Int.random(in: 1...min(40, bytes.count - position), using: &generator)
                let chunk = Array(bytes[position..<(position + count)])
                let target = Int.random(in: 0...bytes.count, using: &generator)
                bytes.insert(contentsOf: chunk, at: target)
                steps.append("copy \(count) from \(position) to \(target)")
            default:
                let insertion = insertions.randomElement(using: &generator)!
                bytes.insert(contentsOf: insertion, at: position)
                steps.append("insert \(insertion) at \(position)")
            }
        }
        return (bytes, steps.joined(separator: ", "))
    }

    @Test func mutationsOfAValidConfiguration() {
        var generator = SeededGenerator(seed: 0x5EED_0003)
        let original = Array(Self.config.utf8)
        var documents = 0, failures = 0
        for round in 0..<1_000 {
            let (bytes, steps) = Self.mutate(original, using: &generator)
            let result = Self.expectWellFormedOutcome(bytes, "mutant \(round): \(steps)")
            if result.document != nil { documents += 1 } else { failures += 1 }
        }
        // The corpus is only worth something if it exercises both outcomes.
        #expect(documents > 50)
        #expect(failures > 50)
    }

    @Test func mutationsInCRLFAndUTF16() {
        var generator = SeededGenerator(seed: 0x5EED_0004)
        let crlf = Array(Self.config.replacing("\n", with: "\r\n").utf8)
        let utf16 = Self.utf16LittleEndianWithBOM(Self.config)
        for round in 0..<200 {
            let (mutant, steps) = Self.mutate(round.isMultiple(of: 2) ? crlf : utf16, using: &generator)
            Self.expectWellFormedOutcome(mutant, "\(round.isMultiple(of: 2) ? "CRLF" : "UTF-16") mutant \(round): \(steps)")
        }
    }

    // MARK: Deep nesting

    @Test(arguments: [10, 255, 256, 257, 300, 5_000])
    func deepBlockMappings(depth: Int) {
        var text = ""
        for level in 0..<depth {
            text += String(repeating: " ", count: level) + "k\(level):\n"
        }
        let result = Self.expectWellFormedOutcome(Array(text.utf8), "block mappings \(depth) deep")
        #expect((result.document != nil) == (depth <= 256), "the innermost value is a null scalar, not a collection")
        if depth > 256 {
            #expect(result.diagnostics.map(\.code) == ["yaml.too-deep"])
        }
    }

    @Test(arguments: [10, 256, 257, 10_000])
    func deepBlockSequencesOnOneLine(depth: Int) {
        let text = String(repeating: "- ", count: depth) + "x\n"
        let result = Self.expectWellFormedOutcome(Array(text.utf8), "block sequences \(depth) deep")
        #expect((result.document != nil) == (depth <= 256))
    }

    @Test(arguments: [100_000])
    func deepFlowCollections(depth: Int) {
        let mappings = String(repeating: "{a: ", count: depth) + "x" + String(repeating: "}", count: depth)
        Self.expectWellFormedOutcome(Array(mappings.utf8), "flow mappings \(depth) deep")
        let mixed = String(repeating: "[{k: ", count: depth / 2)
        Self.expectWellFormedOutcome(Array(mixed.utf8), "unclosed mixed flow \(depth) deep")
        let unclosed = String(repeating: "[", count: depth)
        let result = Self.expectWellFormedOutcome(Array(unclosed.utf8), "unclosed sequences \(depth) deep")
        #expect(result.diagnostics.map(\.code) == ["yaml.too-deep"])
    }

    @Test func deepNestingThroughAliases() {
        // Each anchor wraps the previous one in 200 more levels: the text stays shallow, the tree
        // does not. Consumers recurse over the tree, so it must be refused as too deep.
        var text = "a0: &a0 x\n"
        for level in 1...50 {
            text += "a\(level): &a\(level) " + String(repeating: "[", count: 200) + "*a\(level - 1)"
                + String(repeating: "]", count: 200) + "\n"
        }
        let result = Self.expectWellFormedOutcome(Array(text.utf8), walkNodes: false, "aliases nesting 10,000 deep")
        #expect(result.diagnostics.map(\.code) == ["yaml.too-deep"])
    }

    // MARK: Large input

    /// About 2 kB of configuration per account, all accounts in one mapping, each with a 1.8 kB note.
    static func largeConfiguration(accounts: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(accounts * 2_050)
        bytes += Array("version: 1\norgs: {prod: {environment: production}}\naccounts:\n".utf8)
        let noteLine = Array("      lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor\n".utf8)
        for index in 0..<accounts {
            let key = String(index)
            bytes += Array("""
                  ACME-\(key):
                    token: {env: VCC_TOKEN_\(key)}
                    locations:
                      prod: [org, {profile: Support Agent}, {user: "user\(key)@acme.example"}]
                    note: |

                """.utf8)
            for _ in 0..<22 { bytes += noteLine }
        }
        return bytes
    }

    @Test func aFiftyMegabyteFileParses() throws {
        let bytes = Self.largeConfiguration(accounts: 25_000)
        #expect(bytes.count > 50_000_000)
        let result = YAMLParser.parse(SourceText(path: "large.yaml", bytes: bytes))
        #expect(result.diagnostics.isEmpty)
        let accounts = try #require(result.document?.root?["accounts"])
        #expect(accounts.count == 25_000)
        #expect(accounts.pairs.last?.value["locations"]?["prod"]?.elements.last?["user"]?.scalar == "user24999@acme.example")
    }

    @Test func aLargeFileWithAnErrorAtTheEnd() throws {
        // Smaller than the one above: building a diagnostic indexes the file's lines, which is slow
        // in a debug build.
        var bytes = Self.largeConfiguration(accounts: 2_500)
        bytes += Array("  ACME-0:\n    token: {env: X}\n  broken: [\n".utf8)
        let lines = SourceText(path: "", bytes: bytes).lineStarts().count
        let result = YAMLParser.parse(SourceText(path: "large.yaml", bytes: bytes))
        #expect(bytes.count > 5_000_000)
        #expect(result.document == nil)
        let codes = result.diagnostics.map(\.code)
        // The repeated ACME-0 is not reported: duplicates are found when a mapping closes, and
        // this one never does.
        #expect(codes == ["yaml.syntax"])
        let syntax = try #require(result.diagnostics.last?.location)
        #expect(syntax.range.start.line >= lines - 1 && syntax.range.start.line <= lines)
    }

    // MARK: Binary-looking data

    @Test func nulHeavyData() {
        var generator = SeededGenerator(seed: 0x5EED_0005)
        for round in 0..<50 {
            let bytes = (0..<Int.random(in: 1...2_000, using: &generator)).map { _ in
                Int.random(in: 0..<4, using: &generator) == 0 ? UInt8.random(in: 0...255, using: &generator) : 0
            }
            let result = Self.expectWellFormedOutcome(bytes, "NUL-heavy buffer \(round)")
            if bytes.first == 0 {
                #expect(result.diagnostics.first?.code == "yaml.encoding")
            }
        }
        let text = Self.expectWellFormedOutcome(Array("a: 1\n".utf8) + [UInt8](repeating: 0, count: 100), "text then NULs")
        #expect(text.diagnostics.map { $0.location?.range.start } == [at(2, 1)])
    }

    @Test func fileHeadersOfBinaryFormats() {
        let headers: [(String, [UInt8])] = [
            ("PNG", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]),
            ("gzip", [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]),
            ("ELF", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]),
            ("ZIP", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]),
            ("PDF", Array("%PDF-1.7\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]),
            ("UTF-32LE BOM", [0xFF, 0xFE, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00]),
        ]
        var generator = SeededGenerator(seed: 0x5EED_0006)
        for (name, header) in headers {
            let bytes = header + (0..<512).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let result = Self.expectWellFormedOutcome(bytes, name)
            #expect(result.document == nil, "\(name) is not a configuration")
        }
        let png = YAMLParser.parse(SourceText(path: "logo.png", bytes: headers[0].1))
        #expect(png.diagnostics.map(\.code) == ["yaml.encoding"])
        #expect(png.diagnostics.first?.location?.range.start == at(1, 1))
    }

    // MARK: UTF-16

    static func utf16LittleEndianWithBOM(_ text: String) -> [UInt8] {
        [0xFF, 0xFE] + text.utf16.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
    }

    static func utf16BigEndianWithBOM(_ text: String) -> [UInt8] {
        [0xFE, 0xFF] + text.utf16.flatMap { [UInt8(truncatingIfNeeded: $0 >> 8), UInt8(truncatingIfNeeded: $0)] }
    }

    @Test func utf16WithBOMParsesLikeUTF8() throws {
        let text = Self.config + "emoji: \"🎧 headset\"\n"
        let utf8 = YAMLParser.parse(SourceText(path: "c.yaml", bytes: Array(text.utf8)))
        let utf8Root = try #require(utf8.document?.root)
        #expect(utf8.diagnostics.isEmpty)
        for (name, bytes) in [("LE", Self.utf16LittleEndianWithBOM(text)), ("BE", Self.utf16BigEndianWithBOM(text))] {
            let utf16 = Self.expectWellFormedOutcome(bytes, "UTF-16\(name)")
            #expect(utf16.diagnostics.isEmpty, "\(name)")
            let root = try #require(utf16.document?.root, "\(name)")
            #expect(root == utf8Root, "\(name)")
            #expect(root["emoji"]?.scalar == "🎧 headset", "\(name)")
            #expect(utf16.document?.nodeCount == utf8.document?.nodeCount, "\(name)")
            // Positions are the same as in the UTF-8 file.
            let user = try #require(root["accounts"]?["ACME-US-02"]?["locations"]?["prod"]?.elements.first?["user"])
            let utf8User = try #require(utf8Root["accounts"]?["ACME-US-02"]?["locations"]?["prod"]?.elements.first?["user"])
            #expect(user.range == utf8User.range, "\(name)")
            #expect(root["emoji"]?.range == utf8Root["emoji"]?.range, "\(name)")
        }
    }

    @Test func utf16DiagnosticsMatchUTF8Ones() throws {
        let text = "a: 1\nnamé: x\nnamé: y\nlist: [1, 2\n"
        let utf8 = YAMLParser.parse(SourceText(path: "c.yaml", bytes: Array(text.utf8)))
        let utf16 = YAMLParser.parse(SourceText(path: "c.yaml", bytes: Self.utf16LittleEndianWithBOM(text)))
        #expect(!utf8.diagnostics.isEmpty)
        #expect(utf16.diagnostics == utf8.diagnostics)
    }

    @Test func brokenUTF16DoesNotTrap() {
        let valid = Self.utf16LittleEndianWithBOM("a: 1\nb: [x, y]\n")
        Self.expectWellFormedOutcome(valid + [0x41], "odd byte count")
        Self.expectWellFormedOutcome([0xFF, 0xFE, 0x00, 0xD8, 0x61, 0x00], "lone high surrogate")
        Self.expectWellFormedOutcome([0xFE, 0xFF, 0xDC, 0x00], "lone low surrogate")
        Self.expectWellFormedOutcome([0xFF, 0xFE], "only a BOM")
        Self.expectWellFormedOutcome([0xFF], "half a BOM")
        Self.expectWellFormedOutcome(Self.utf16LittleEndianWithBOM("a: \u{0}\n"), "NUL in UTF-16")
        let withoutBOM = Array(Self.utf16LittleEndianWithBOM("a: 1\n").dropFirst(2))
        let result = Self.expectWellFormedOutcome(withoutBOM, "UTF-16 without a BOM")
        #expect(result.diagnostics.map(\.code) == ["yaml.encoding"])
    }
}
