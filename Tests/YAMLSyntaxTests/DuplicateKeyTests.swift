import Testing
import YAMLSyntax

@Suite struct DuplicateKeyTests {
    @Test func errorAtTheSecondKeyWithANoteAtTheFirst() throws {
        let result = YAMLParser.parse("""
            version: 1
            orgs: {}
            version: 2
            """, path: "dup.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(result.hasErrors)
        #expect(diagnostic.code == "yaml.duplicate-key")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.contains("'version'"))
        #expect(diagnostic.location == SourceLocation(file: "dup.yaml", range: span(3, 1, 3, 8)))
        #expect(diagnostic.notes.count == 1)
        #expect(diagnostic.notes.first?.location == SourceLocation(file: "dup.yaml", range: span(1, 1, 1, 8)))
    }

    @Test func theDocumentIsStillComposedAndKeepsTheFirstValue() throws {
        let result = YAMLParser.parse("a: first\nb: x\na: second\n")
        let root = try #require(result.document?.root, "a duplicate key does not stop composition")
        #expect(root.count == 2)
        #expect(root["a"]?.scalar == "first")
        #expect(root.pairs.map { $0.key.scalar } == ["a", "b"])
    }

    @Test func everyDuplicateIsReported() throws {
        let result = YAMLParser.parse("""
            a: 1
            inner:
              x: 1
              y: 2
              x: 3
              x: 4
            b: 2
            a: 3
            list:
              - k: 1
                k: 2
            """)
        #expect(result.document != nil)
        #expect(result.diagnostics.allSatisfy { $0.code == "yaml.duplicate-key" })
        let found = result.diagnostics.compactMap { diagnostic in
            diagnostic.location.map { ($0.range.start, diagnostic.notes.first?.location?.range.start) }
        }.sorted { $0.0 < $1.0 }
        #expect(found.map(\.0) == [at(5, 3), at(6, 3), at(8, 1), at(11, 5)])
        #expect(found.map(\.1) == [at(3, 3), at(3, 3), at(1, 1), at(10, 5)])
    }

    @Test func quotingDoesNotMakeAKeyDifferent() throws {
        let result = YAMLParser.parse("name: a\n'name': b\n\"name\": c\n")
        #expect(result.diagnostics.map(\.code) == ["yaml.duplicate-key", "yaml.duplicate-key"])
        #expect(result.diagnostics.map { $0.location?.range.start } == [at(2, 1), at(3, 1)])
        #expect(result.diagnostics.allSatisfy { $0.notes.first?.location?.range.start == at(1, 1) })
    }

    @Test func similarKeysAreNotDuplicates() throws {
        let root = try parseRoot("ab: 1\nba: 2\nabc: 3\nAb: 4\na b: 5\n'': 6\n? [ab]\n: 7\n? [ab]\n: 8\n")
        #expect(root.count == 8, "keys of equal length, case, prefixes and non-scalar keys do not clash")
    }

    @Test func theSameKeyInDifferentMappingsIsFine() throws {
        let root = try parseRoot("a: {k: 1}\nb: {k: 2}\nc: [{k: 1}, {k: 2}]\n")
        #expect(root["a"]?["k"]?.scalar == "1")
        #expect(root["b"]?["k"]?.scalar == "2")
    }

    /// Mappings with more than 16 keys switch from linear comparison to a hash table.
    @Test(arguments: [17, 18, 40, 1_000])
    func duplicatesAmongManyKeys(count: Int) throws {
        var lines = (1...count).map { "key\($0): \($0)" }
        // Duplicate an early key (found in the table built from the linear keys) and a late one.
        lines.append("key3: again")
        lines.append("key\(count): again")
        let result = YAMLParser.parse(lines.joined(separator: "\n"))
        #expect(result.document?.root?.count == count)
        #expect(result.document?.root?["key3"]?.scalar == "3")
        #expect(result.diagnostics.map(\.code) == ["yaml.duplicate-key", "yaml.duplicate-key"])
        #expect(result.diagnostics.map { $0.location?.range.start } == [at(count + 1, 1), at(count + 2, 1)])
        #expect(result.diagnostics.map { $0.notes.first?.location?.range.start } == [at(3, 1), at(count, 1)])
    }

    @Test func duplicateAmongFortyKeysRightAfterTheSwitchToHashing() throws {
        // Keys 1...40, where key 20 repeats key 17 (the one whose insertion built the table) and
        // key 40 repeats key 1.
        var lines = (1...40).map { "k\($0): v" }
        lines[19] = "k17: v"
        lines[39] = "k1: v"
        let result = YAMLParser.parse(lines.joined(separator: "\n"))
        #expect(result.document?.root?.count == 38)
        #expect(result.diagnostics.map { $0.location?.range.start } == [at(20, 1), at(40, 1)])
        #expect(result.diagnostics.map { $0.notes.first?.location?.range.start } == [at(17, 1), at(1, 1)])
    }

    @Test func noDuplicatesAmongManyDistinctKeys() throws {
        let text = (1...5_000).map { "key\($0): \($0)" }.joined(separator: "\n")
        let root = try parseRoot(text)
        #expect(root.count == 5_000)
        #expect(root.pairs.last?.value.scalar == "5000")
    }
}
