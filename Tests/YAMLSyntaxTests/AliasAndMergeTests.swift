import Testing
import YAMLSyntax

@Suite struct AliasAndMergeTests {
    // MARK: Aliases

    @Test func anAliasSharesTheAnchoredNode() throws {
        let result = YAMLParser.parse("""
            base: &b {region: eu, tier: [gold]}
            use: *b
            again: *b
            """)
        #expect(result.diagnostics.isEmpty)
        let document = try #require(result.document)
        let root = try #require(document.root)
        let base = try #require(root["base"])
        let use = try #require(root["use"])
        #expect(use == base)
        #expect(use.range == base.range, "an alias is the anchored node itself, positions included")
        #expect(use["tier"]?.elements.first?.scalar == "gold")
        #expect(root["again"]?["region"]?.scalar == "eu")
        // root, 3 keys, base mapping, 2 keys, eu, tier list, gold: aliases add no nodes.
        #expect(document.nodeCount == 10)
    }

    @Test func anAnchoredScalarCanBeAliasedAsKeyAndValue() throws {
        let root = try parseRoot("a: &v value\nb: *v\n&k key: 1\nlist: [*v, *k]\n")
        #expect(root["b"]?.scalar == "value")
        #expect(root["list"]?.elements.map(\.scalar) == ["value", "key"])
        #expect(root["key"]?.scalar == "1")
    }

    @Test func aRedefinedAnchorNamesTheLatestNode() throws {
        let root = try parseRoot("a: &x one\nb: *x\nc: &x two\nd: *x\n")
        #expect(root["b"]?.scalar == "one")
        #expect(root["d"]?.scalar == "two")
    }

    @Test func anAliasedDuplicateKeyIsReported() throws {
        let result = YAMLParser.parse("&k name: 1\n*k : 2\n")
        #expect(result.diagnostics.map(\.code) == ["yaml.duplicate-key"])
        #expect(result.diagnostics.first?.notes.first?.location?.range.start == at(1, 1))
    }

    @Test func anUndefinedAliasIsAnError() throws {
        let diagnostic = try singleError("a: 1\nb: *nope\n", code: "yaml.undefined-alias")
        #expect(diagnostic.location?.range == span(2, 4, 2, 9))
        #expect(diagnostic.message.contains("*nope"))
    }

    @Test func anAliasBeforeItsAnchorIsUndefined() throws {
        let diagnostic = try singleError("a: *later\nb: &later x\n", code: "yaml.undefined-alias")
        #expect(diagnostic.location?.range.start == at(1, 4))
    }

    @Test func anAliasInsideItsOwnAnchoredSequenceIsRecursive() throws {
        let result = YAMLParser.parse("&a [*a]", path: "test.yaml")
        #expect(result.document == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.code == "yaml.recursive-alias")
        #expect(diagnostic.location?.range.start == at(1, 5))
        #expect(diagnostic.notes.first?.location?.range.start == at(1, 1))
    }

    @Test func anAliasDeepInsideItsOwnAnchoredMappingIsRecursive() throws {
        let diagnostic = try singleError("""
            top: &m
              child:
                list: [1, *m]
            """, code: "yaml.recursive-alias")
        #expect(diagnostic.location?.range.start == at(3, 15))
        #expect(diagnostic.notes.first?.location?.range.start.line == 1)
    }

    @Test func aModestlySharedDocumentIsWithinTheBudget() throws {
        // Three levels of ten: a thousand expanded nodes.
        let root = try parseRoot("""
            a: &a [x, x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            """)
        #expect(root["c"]?.elements.last?.elements.last?.elements.last?.scalar == "x")
    }

    @Test func billionLaughsIsRefused() throws {
        var lines = ["lol0: &lol0 [" + Array(repeating: "lol", count: 10).joined(separator: ", ") + "]"]
        for level in 1...8 {
            lines.append("lol\(level): &lol\(level) [" + Array(repeating: "*lol\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        let diagnostic = try singleError(lines.joined(separator: "\n"), code: "yaml.alias-expansion")
        let location = try #require(diagnostic.location)
        #expect((2...9).contains(location.range.start.line))
        let line = lines[location.range.start.line - 1]
        let column = location.range.start.column
        #expect(Array(line)[column - 1] == "*", "the diagnostic points at an alias: \(line)")
        #expect(!diagnostic.notes.isEmpty)
    }

    @Test func billionLaughsOfMappingsIsRefused() throws {
        var lines = ["m0: &m0 {a: lol, b: lol, c: lol, d: lol, e: lol, f: lol, g: lol, h: lol, i: lol, j: lol}"]
        for level in 1...8 {
            let pairs = "abcdefghij".map { "\($0): *m\(level - 1)" }.joined(separator: ", ")
            lines.append("m\(level): &m\(level) {\(pairs)}")
        }
        _ = try singleError(lines.joined(separator: "\n"), code: "yaml.alias-expansion")
    }

    @Test func theExpansionBudgetIsConfigurable() throws {
        let text = "a: &a [x, x, x, x]\nb: [*a, *a, *a, *a]\n"
        let strict = YAMLParser.parse(text, limits: YAMLLimits(expansionFactor: 1, minimumExpansionBudget: 10))
        #expect(strict.diagnostics.map(\.code) == ["yaml.alias-expansion"])
        #expect(strict.document == nil)
        let lenient = YAMLParser.parse(text, limits: YAMLLimits(expansionFactor: 1, minimumExpansionBudget: 100))
        #expect(lenient.diagnostics.isEmpty)
    }

    @Test func aliasesCannotNestDeeperThanTheLimit() throws {
        // Each level is three collections deep and names the one before: written depth stays at
        // four, but the composed tree is far deeper.
        var lines = ["l0: &l0 [[[x]]]"]
        for level in 1...5 {
            lines.append("l\(level): &l\(level) [[[*l\(level - 1)]]]")
        }
        let result = YAMLParser.parse(lines.joined(separator: "\n"), limits: YAMLLimits(maxDepth: 10))
        #expect(result.document == nil)
        #expect(result.diagnostics.map(\.code) == ["yaml.too-deep"])
        #expect(result.diagnostics.first?.location?.range.start == at(4, 12), "the alias that makes it too deep")
        #expect(result.diagnostics.first?.notes.first?.location?.range.start == at(3, 5), "the anchor it names")

        let shallow = YAMLParser.parse(lines.prefix(3).joined(separator: "\n"), limits: YAMLLimits(maxDepth: 10))
        #expect(shallow.diagnostics.isEmpty, "depth 1 + 3 + 3 + 3 is exactly the limit")
    }

    // MARK: Merge keys

    @Test func explicitKeysOverrideMergedOnes() throws {
        let root = try parseRoot("""
            defaults: &defaults
              region: eu
              tier: gold
              retries: 3
            before:
              tier: platinum
              <<: *defaults
            after:
              <<: *defaults
              tier: platinum
            """)
        for name in ["before", "after"] {
            let node = try #require(root.pairs.first { $0.key.scalar == name }?.value)
            #expect(node.count == 3, "\(name)")
            #expect(node["tier"]?.scalar == "platinum", "\(name)")
            #expect(node["region"]?.scalar == "eu", "\(name)")
            #expect(node["retries"]?.scalar == "3", "\(name)")
            #expect(!node.pairs.contains { $0.key.scalar == "<<" }, "the merge key itself is gone")
        }
        #expect(root["defaults"]?["tier"]?.scalar == "gold", "the merged mapping is unchanged")
    }

    @Test func inAListOfMergesTheEarlierWins() throws {
        let root = try parseRoot("""
            a: &a {k: from-a, only-a: 1}
            b: &b {k: from-b, only-b: 2}
            c:
              <<: [*a, *b]
            d:
              <<: [*b, *a]
            """)
        #expect(root["c"]?["k"]?.scalar == "from-a")
        #expect(root["c"]?.count == 3)
        #expect(root["c"]?["only-a"]?.scalar == "1")
        #expect(root["c"]?["only-b"]?.scalar == "2")
        #expect(root["d"]?["k"]?.scalar == "from-b")
    }

    @Test func anInlineMappingCanBeMerged() throws {
        let root = try parseRoot("m:\n  <<: {x: 1, y: 2}\n  y: 3\n")
        #expect(root["m"]?["x"]?.scalar == "1")
        #expect(root["m"]?["y"]?.scalar == "3")
    }

    @Test func mergesCompose() throws {
        let root = try parseRoot("""
            base: &base {a: 1, b: 1}
            mid: &mid
              <<: *base
              b: 2
            leaf:
              <<: *mid
              c: 3
            """)
        let leaf = try #require(root["leaf"])
        #expect(leaf.count == 3)
        #expect(leaf["a"]?.scalar == "1")
        #expect(leaf["b"]?.scalar == "2")
        #expect(leaf["c"]?.scalar == "3")
    }

    @Test func mergedKeysAreNotDuplicates() throws {
        let result = YAMLParser.parse("a: &a {k: 1}\nb: &b {k: 2}\nc: {<<: [*a, *b], k: 3}\n")
        #expect(result.diagnostics.isEmpty)
    }

    @Test func aQuotedMergeKeyIsAnOrdinaryKey() throws {
        let root = try parseRoot("a: &a {k: 1}\nb: {'<<': *a}\n")
        #expect(root["b"]?.pairs.first?.key.scalar == "<<")
        #expect(root["b"]?["k"] == nil)
    }

    @Test func twoMergeKeysAreBothApplied() throws {
        // Two `<<` keys in one mapping are not reported as duplicates; both merge, earlier first.
        let root = try parseRoot("a: &a {k: 1, x: 1}\nb: &b {k: 2, y: 2}\nc:\n  <<: *a\n  <<: *b\n")
        #expect(root["c"]?.count == 3)
        #expect(root["c"]?["k"]?.scalar == "1")
    }

    @Test func mergingAnAliasedScalarIsAnErrorAtTheMerge() throws {
        let diagnostic = try singleError("""
            s: &s hello
            m:
              <<: *s
            """, code: "yaml.bad-merge")
        #expect(diagnostic.location?.range.start.line == 3, "the merge is the mistake, not the anchored scalar")
        #expect(diagnostic.message.contains("a scalar"))
        #expect(diagnostic.notes.contains { $0.location?.range.start == at(1, 4) }, "a note shows what was merged")
    }

    @Test func mergingAPlainScalarIsAnError() throws {
        let diagnostic = try singleError("m:\n  <<: text\n", code: "yaml.bad-merge")
        #expect(diagnostic.location?.range.start.line == 2)
    }

    @Test func mergingAListThatHoldsAListIsAnError() throws {
        let diagnostic = try singleError("a: &a {k: 1}\nm:\n  <<: [*a, [x]]\n", code: "yaml.bad-merge")
        #expect(diagnostic.message.contains("a list"))
        #expect(diagnostic.location?.range.start.line == 3)
    }
}
