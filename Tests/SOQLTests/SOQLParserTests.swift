import SOQL
import Testing

@Suite struct SOQLParserTests {
    @Test func parsesEveryClause() throws {
        let query = try SOQLQuery.parse(
            "select Id, Profile.Name, SetupOwner.Username from User where IsActive = true and Name != null "
                + "order by Name desc nulls first, Id limit 10 offset 5")
        #expect(
            query
                == SOQLQuery(
                    object: "User",
                    items: [.field(["Id"]), .field(["Profile", "Name"]), .field(["SetupOwner", "Username"])],
                    condition: .and([
                        .compare(["IsActive"], .equal, .boolean(true)), .compare(["Name"], .notEqual, .null),
                    ]),
                    ordering: [
                        SOQLOrdering(path: ["Name"], ascending: false, nullsFirst: true),
                        SOQLOrdering(path: ["Id"], ascending: true, nullsFirst: true),
                    ],
                    limit: 10, offset: 5))
    }

    @Test func defaultsNullsFirstForAscendingAndLastForDescending() throws {
        let query = try SOQLQuery.parse("SELECT Id FROM User ORDER BY Name ASC, Email DESC, Id NULLS LAST")
        #expect(query.ordering.map(\.nullsFirst) == [true, false, false])
        #expect(query.ordering.map(\.ascending) == [true, false, true])
    }

    @Test func parsesLiterals() throws {
        let query = try SOQLQuery.parse(
            #"SELECT Id FROM User WHERE Name IN ('a\'b', 'c\\d', 'e\nf', 'g\%h\_i', -1.5, 42, true, FALSE, NULL, "#
                + "2026-01-02T03:04:05Z, 2026-01-02T03:04:05.000+0000, 2026-01-02)")
        guard case .inList(_, let values, negated: false) = query.condition else {
            Issue.record("not an IN list: \(String(describing: query.condition))")
            return
        }
        #expect(
            values == [
                .string("a'b"), .string(#"c\d"#), .string("e\nf"), .string(#"g\%h\_i"#), .number(-1.5), .number(42),
                .boolean(true), .boolean(false), .null, .dateTime("2026-01-02T03:04:05Z"),
                .dateTime("2026-01-02T03:04:05.000+0000"), .dateTime("2026-01-02"),
            ])
    }

    @Test func parsesOperators() throws {
        let query = try SOQLQuery.parse(
            "SELECT Id FROM User WHERE (A = 1 OR B != 2 OR C <> 3) AND D < 4 AND E <= 5 AND F > 6 AND G >= 7 "
                + "AND H LIKE 'x%' AND I NOT IN ('y') AND NOT J = 'z'")
        #expect(
            query.condition
                == .and([
                    .or([
                        .compare(["A"], .equal, .number(1)), .compare(["B"], .notEqual, .number(2)),
                        .compare(["C"], .notEqual, .number(3)),
                    ]),
                    .compare(["D"], .less, .number(4)), .compare(["E"], .lessOrEqual, .number(5)),
                    .compare(["F"], .greater, .number(6)), .compare(["G"], .greaterOrEqual, .number(7)),
                    .compare(["H"], .like, .string("x%")), .inList(["I"], [.string("y")], negated: true),
                    .not(.compare(["J"], .equal, .string("z"))),
                ]))
    }

    @Test func parsesCountAndTypeOf() throws {
        #expect(try SOQLQuery.parse("SELECT COUNT() FROM User").items == [.count])
        let query = try SOQLQuery.parse(
            "SELECT Id, TYPEOF What WHEN Account THEN Phone, NumberOfEmployees WHEN Opportunity THEN Amount "
                + "ELSE Name END, Subject FROM Event")
        #expect(
            query.items == [
                .field(["Id"]),
                .typeOf(
                    relationship: "What",
                    whens: [
                        SOQLTypeOfBranch(type: "Account", fields: [["Phone"], ["NumberOfEmployees"]]),
                        SOQLTypeOfBranch(type: "Opportunity", fields: [["Amount"]]),
                    ],
                    otherwise: [["Name"]]),
                .field(["Subject"]),
            ])
    }

    @Test(arguments: [
        "SELECT Id FROM User",
        "SELECT COUNT() FROM User WHERE IsActive = true LIMIT 1",
        "SELECT Id, Profile.Name, A.B.C.D.E.F FROM User WHERE (Name = 'x' OR Name LIKE 'y\\%z') AND NOT (Id IN ('1', null))",
        "SELECT TYPEOF What WHEN Account THEN Phone, Owner.Name ELSE Name END FROM Event ORDER BY Subject DESC NULLS FIRST",
        "SELECT Id FROM User WHERE CreatedDate > 2026-01-02T03:04:05Z AND Rank >= -2.5 AND Name NOT IN ('a', 'b')",
        "SELECT Id FROM User WHERE NOT NOT Name = 'O\\'Brien \\\\ \\n' ORDER BY Name ASC NULLS LAST LIMIT 5 OFFSET 10",
    ])
    func roundTripsThroughItsText(text: String) throws {
        let query = try SOQLQuery.parse(text)
        #expect(try SOQLQuery.parse(query.description) == query)
    }

    @Test func keywordsIgnoreCaseButNamesKeepTheirSpelling() throws {
        let query = try SOQLQuery.parse("sElEcT iD FrOm uSeR wHeRe nAmE LiKe 'A%' OrDeR bY nAmE dEsC")
        #expect(query.object == "uSeR")
        #expect(query.items == [.field(["iD"])])
        #expect(query.condition == .compare(["nAmE"], .like, .string("A%")))
    }

    @Test func keepsNestingBelowTheLimit() throws {
        let deep = String(repeating: "(", count: 60) + "Name = 'x'" + String(repeating: ")", count: 60)
        #expect(try SOQLQuery.parse("SELECT Id FROM User WHERE " + deep).condition == .compare(["Name"], .equal, .string("x")))
    }
}
