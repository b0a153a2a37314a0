import SOQL
import Testing

@Suite struct SOQLEvaluatorTests {
    private let u = Fixtures.usernames

    @Test func stringEqualityIgnoresCase() throws {
        #expect(try u("SELECT Id FROM User WHERE Username = 'JANE@EXAMPLE.COM'", Fixtures.users) == ["jane@example.com"])
        #expect(try u("SELECT Id FROM User WHERE username = 'john@example.com'", Fixtures.users) == ["JOHN@example.com"])
        #expect(try u("SELECT Id FROM User WHERE Username IN ('BOB@example.com', 'nobody')", Fixtures.users) == ["bob@example.com"])
    }

    @Test func notEqualAndNotInIncludeNulls() throws {
        // Profile.Name is null for user 4 (no profile): SOQL's != and NOT IN still match it.
        #expect(
            try u("SELECT Id FROM User WHERE Profile.Name != 'agent'", Fixtures.users)
                == ["jane@example.com", "zed%100@example.com", "bob@example.com"])
        #expect(
            try u("SELECT Id FROM User WHERE Profile.Name NOT IN ('Agent', 'System Administrator')", Fixtures.users)
                == ["zed%100@example.com"])
        #expect(try u("SELECT Id FROM User WHERE Profile.Name IN ('Agent', null)", Fixtures.users).count == 3)
    }

    @Test func nullComparisons() throws {
        #expect(try u("SELECT Id FROM User WHERE ProfileId = null", Fixtures.users) == ["zed%100@example.com"])
        #expect(try u("SELECT Id FROM User WHERE ProfileId != null", Fixtures.users).count == 4)
        #expect(try u("SELECT Id FROM User WHERE Rank = null", Fixtures.users) == ["ann_o'brien@example.com", "bob@example.com"])
        // Ordering comparisons never match a null.
        #expect(try u("SELECT Id FROM User WHERE Rank < 100", Fixtures.users).count == 3)
        // '' on an Id field means null.
        #expect(try u("SELECT Id FROM User WHERE ProfileId = ''", Fixtures.users) == ["zed%100@example.com"])
    }

    @Test func numbersBooleansAndDates() throws {
        #expect(try u("SELECT Id FROM User WHERE Rank >= 2", Fixtures.users) == ["jane@example.com", "zed%100@example.com"])
        #expect(try u("SELECT Id FROM User WHERE Rank = 1.0", Fixtures.users) == ["JOHN@example.com"])
        #expect(try u("SELECT Id FROM User WHERE IsActive = false", Fixtures.users) == ["ann_o'brien@example.com"])
        #expect(try u("SELECT Id FROM User WHERE CreatedDate < 2026-01-01T00:00:00Z", Fixtures.users) == ["ann_o'brien@example.com"])
        // The same instant written in another zone.
        #expect(try u("SELECT Id FROM User WHERE CreatedDate = 2026-03-01T13:00:00+01:00", Fixtures.users) == ["zed%100@example.com"])
        #expect(try u("SELECT Id FROM User WHERE CreatedDate > 2026-02-01T00:00:00.000+0000", Fixtures.users) == ["zed%100@example.com"])
    }

    @Test func likeIgnoresCaseAndHonoursWildcardsAndEscapes() throws {
        #expect(try u("SELECT Id FROM User WHERE Username LIKE 'J%'", Fixtures.users) == ["jane@example.com", "JOHN@example.com"])
        #expect(try u("SELECT Id FROM User WHERE Username LIKE '_ob@%'", Fixtures.users) == ["bob@example.com"])
        #expect(try u("SELECT Id FROM User WHERE Username LIKE '%\\%1%'", Fixtures.users) == ["zed%100@example.com"])
        #expect(try u("SELECT Id FROM User WHERE Username LIKE '%\\_%'", Fixtures.users) == ["ann_o'brien@example.com"])
        #expect(try u("SELECT Id FROM User WHERE Username LIKE '%O\\'B%'", Fixtures.users) == ["ann_o'brien@example.com"])
        // Without the escape, _ is any one character and % any run.
        #expect(try u("SELECT Id FROM User WHERE Username LIKE 'ann_o%'", Fixtures.users) == ["ann_o'brien@example.com"])
        #expect(try u("SELECT Id FROM User WHERE Username LIKE 'jane'", Fixtures.users).isEmpty)
        #expect(try u("SELECT Id FROM User WHERE Username LIKE '%'", Fixtures.users).count == 5)
    }

    @Test func likeOnNonASCIIText() throws {
        let rows = [Fixtures.user(1, "ÉLODIE@example.com"), Fixtures.user(2, "eloise@example.com")]
        #expect(try u("SELECT Id FROM User WHERE Username LIKE 'élo%'", rows) == ["ÉLODIE@example.com"])
        #expect(try u("SELECT Id FROM User WHERE Username = 'élodie@EXAMPLE.com'", rows) == ["ÉLODIE@example.com"])
    }

    @Test func fifteenAndEighteenCharacterIds() throws {
        let id18 = Fixtures.id("005", 2)
        let id15 = String(id18.prefix(15))
        #expect(try u("SELECT Id FROM User WHERE Id = '\(id15)'", Fixtures.users) == ["JOHN@example.com"])
        #expect(try u("SELECT Id FROM User WHERE Id = '\(id18.lowercased())'", Fixtures.users) == ["JOHN@example.com"])
        #expect(try u("SELECT Id FROM User WHERE Id IN ('\(id15)', '\(Fixtures.id("005", 5))')", Fixtures.users) == ["JOHN@example.com", "bob@example.com"])
        #expect(try u("SELECT Id FROM User WHERE ProfileId = '00e000000000002'", Fixtures.users) == ["JOHN@example.com", "ann_o'brien@example.com"])
        // 15-character Ids are case-sensitive: a case change is another record.
        let row = SOQLRow(type: "User", fields: ["Id": .string("005abcdefghijklAAA"), "Username": .string("x")])
        #expect(try u("SELECT Id FROM User WHERE Id = '005ABCDEFGHIJKL'", [row]).isEmpty)
        #expect(try u("SELECT Id FROM User WHERE Id = '005abcdefghijkl'", [row]) == ["x"])
        #expect(try u("SELECT Id FROM User WHERE Id != '005ABCDEFGHIJKL'", [row]) == ["x"])
    }

    @Test func andOrNot() throws {
        #expect(try u("SELECT Id FROM User WHERE IsActive = true AND (Rank = 1 OR Rank = 2)", Fixtures.users) == ["JOHN@example.com", "zed%100@example.com"])
        #expect(try u("SELECT Id FROM User WHERE NOT (IsActive = true OR Rank = 2)", Fixtures.users) == ["ann_o'brien@example.com"])
        #expect(try u("SELECT Id FROM User WHERE NOT Username LIKE '%@example.com'", Fixtures.users).isEmpty)
    }

    @Test func ordersWithSalesforceNullPlacement() throws {
        // Rank: jane 3, john 1, ann null, zed 2, bob null. ASC puts nulls first, DESC last.
        #expect(
            try u("SELECT Id FROM User ORDER BY Rank", Fixtures.users)
                == ["ann_o'brien@example.com", "bob@example.com", "JOHN@example.com", "zed%100@example.com", "jane@example.com"])
        #expect(
            try u("SELECT Id FROM User ORDER BY Rank DESC", Fixtures.users)
                == ["jane@example.com", "zed%100@example.com", "JOHN@example.com", "ann_o'brien@example.com", "bob@example.com"])
        #expect(
            try u("SELECT Id FROM User ORDER BY Rank ASC NULLS LAST, Username DESC", Fixtures.users)
                == ["JOHN@example.com", "zed%100@example.com", "jane@example.com", "bob@example.com", "ann_o'brien@example.com"])
        #expect(
            try u("SELECT Id FROM User ORDER BY Rank DESC NULLS FIRST", Fixtures.users).prefix(2)
                == ["ann_o'brien@example.com", "bob@example.com"])
    }

    @Test func ordersStringsIgnoringCaseAndThroughRelationships() throws {
        #expect(
            try u("SELECT Id FROM User ORDER BY Username", Fixtures.users)
                == ["ann_o'brien@example.com", "bob@example.com", "jane@example.com", "JOHN@example.com", "zed%100@example.com"])
        #expect(
            try u("SELECT Id FROM User ORDER BY Profile.Name DESC, Username", Fixtures.users)
                == ["bob@example.com", "jane@example.com", "ann_o'brien@example.com", "JOHN@example.com", "zed%100@example.com"])
        #expect(try u("SELECT Id FROM User ORDER BY CreatedDate DESC LIMIT 1", Fixtures.users) == ["zed%100@example.com"])
    }

    @Test func ordersLongAndNonASCIIStringsLikeAFullComparison() throws {
        let names = [
            "prefixprefixprefix-b", "prefixprefixprefix-A", "Prefix", "prefix", "ábc", "abc", "abz", "zzz", "é", "",
        ]
        let rows = names.enumerated().map { Fixtures.user($0.offset + 1, $0.element) }
        #expect(
            try u("SELECT Id FROM User ORDER BY Username", rows)
                == ["", "abc", "abz", "Prefix", "prefix", "prefixprefixprefix-A", "prefixprefixprefix-b", "zzz", "ábc", "é"])
        #expect(
            try u("SELECT Id FROM User ORDER BY Username DESC", rows)
                == ["é", "ábc", "zzz", "prefixprefixprefix-b", "prefixprefixprefix-A", "Prefix", "prefix", "abz", "abc", ""])
    }

    @Test func ordersNumbersAcrossSignsAndKinds() throws {
        let ranks: [SOQLFieldValue] = [.number(-2.5), .integer(3), .number(0), .integer(-10), .number(1e9), .number(-0.0), .integer(10)]
        let rows = ranks.enumerated().map { Fixtures.user($0.offset + 1, "u\($0.offset)", rank: $0.element) }
        #expect(try u("SELECT Id FROM User ORDER BY Rank", rows) == ["u3", "u0", "u2", "u5", "u1", "u6", "u4"])
        // Equal ranks fall through to the second key.
        #expect(try u("SELECT Id FROM User ORDER BY Rank DESC, Username DESC", rows) == ["u4", "u6", "u1", "u5", "u2", "u0", "u3"])
    }

    @Test func limitAndOffset() throws {
        #expect(try u("SELECT Id FROM User ORDER BY Username LIMIT 2", Fixtures.users) == ["ann_o'brien@example.com", "bob@example.com"])
        #expect(try u("SELECT Id FROM User ORDER BY Username LIMIT 2 OFFSET 3", Fixtures.users) == ["JOHN@example.com", "zed%100@example.com"])
        #expect(try u("SELECT Id FROM User OFFSET 10", Fixtures.users).isEmpty)
        #expect(try u("SELECT Id FROM User LIMIT 0", Fixtures.users).isEmpty)
        let result = try Fixtures.evaluator.run(try SOQLQuery.parse("SELECT Id FROM User LIMIT 3"), rows: Fixtures.users)
        #expect(result.totalSize == 3)
        #expect(!result.isCount)
    }

    @Test func handBuiltExtremeLimitsDoNotTrap() throws {
        let evaluator = Fixtures.evaluator
        let huge = SOQLQuery(object: "User", items: [.field(["Id"])], limit: Int.max, offset: 1)
        #expect(try evaluator.run(huge, rows: Fixtures.users).totalSize == 4)
        let negative = SOQLQuery(object: "User", items: [.field(["Id"])], limit: -3, offset: -7)
        #expect(try evaluator.run(negative, rows: Fixtures.users).totalSize == 0)
    }

    @Test func countReturnsTheNumberWithoutRows() throws {
        let all = try Fixtures.evaluator.run(try SOQLQuery.parse("SELECT COUNT() FROM User WHERE IsActive = true"), rows: Fixtures.users)
        #expect(all.isCount)
        #expect(all.totalSize == 4)
        #expect(all.rows.isEmpty)
        let limited = try Fixtures.evaluator.run(try SOQLQuery.parse("SELECT COUNT() FROM User LIMIT 1"), rows: Fixtures.users)
        #expect(limited.totalSize == 1)
    }

    @Test func fieldNamesInRowsAreFoundIgnoringCase() throws {
        let row = SOQLRow(type: "User", fields: ["Id": .string(Fixtures.id("005", 9)), "USERNAME": .string("shouty")])
        #expect(try u("SELECT Id FROM User WHERE Username = 'SHOUTY'", [row]).count == 1)
        #expect(row.value(of: "username") == .string("shouty"))
        #expect(row.value(of: "missing") == .null)
    }
}
