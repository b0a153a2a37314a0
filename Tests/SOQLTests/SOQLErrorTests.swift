import SOQL
import Testing

@Suite struct SOQLErrorTests {
    private func parseError(_ text: String) -> SOQLError? {
        do {
            _ = try SOQLQuery.parse(text)
            return nil
        } catch {
            return error
        }
    }

    private func validationError(_ text: String) throws -> SOQLError? {
        let query = try SOQLQuery.parse(text)
        do {
            try Fixtures.evaluator.validate(query)
            return nil
        } catch {
            return error
        }
    }

    @Test func reportsTheUnexpectedTokenWhereSalesforceDoes() {
        #expect(
            parseError("SELECT Id FROM User GROUP BY Name")
                == SOQLError(
                    code: "MALFORMED_QUERY",
                    message: "\nSELECT Id FROM User GROUP BY Name\n                    ^\nERROR at Row:1:Column:21\nunexpected token: 'GROUP'"
                ))
    }

    @Test(arguments: [
        ("SELECT Id FROM User GROUP BY Name", "'GROUP'"),
        ("SELECT Id, (SELECT Id FROM Contacts) FROM Account", "'('"),
        ("SELECT Id FROM User WHERE ProfileId IN (SELECT Id FROM Profile)", "'SELECT'"),
        ("SELECT Id FROM User FOR UPDATE", "'FOR'"),
        ("SELECT MAX(Rank) FROM User", "'MAX'"),
        ("SELECT COUNT(Id) FROM User", "'Id'"),
        ("SELECT Id FROM User WHERE CreatedDate = LAST_N_DAYS:30", "'LAST_N_DAYS'"),
        ("SELECT Id FROM User WHERE CreatedDate > TODAY", "'TODAY'"),
        ("SELECT Id FROM User WHERE Name = :name", "':'"),
        ("SELECT FROM User", "'FROM'"),
        ("SELECT * FROM User", "'*'"),
        ("SELECT Id FROM User WHERE", "<EOF>"),
        ("SELECT Id FROM User LIMIT 10 garbage", "'garbage'"),
        ("SELECT Id FROM User LIMIT -1", "'-1'"),
        ("SELECT Id FROM User LIMIT 1.5", "'1.5'"),
        ("SELECT Id FROM User WHERE A = 1 AND B = 2 OR C = 3", "'OR'"),
        ("SELECT Id FROM User WHERE A = 1 OR B = 2 AND C = 3", "'AND'"),
        ("SELECT Id FROM User WHERE Name IN ()", "')'"),
        ("SELECT Id FROM User WHERE Tags INCLUDES ('a')", "'INCLUDES'"),
        ("SELECT Id FROM User WITH SECURITY_ENFORCED", "'WITH'"),
        ("SELECT Id FROM User u", "'u'"),
        ("SELECT TYPEOF What END FROM Event", "'END'"),
        ("", "<EOF>"),
    ])
    func refusesWhatIsOutsideTheSubset(text: String, token: String) {
        let error = parseError(text)
        #expect(error?.code == "MALFORMED_QUERY")
        #expect(error?.message.hasSuffix("unexpected token: \(token)") == true, "\(String(describing: error))")
    }

    @Test func countsRowsAndColumnsOnLaterLines() {
        let error = parseError("SELECT Id\nFROM User\nWHERE Name = TODAY")
        #expect(error?.message == "\nWHERE Name = TODAY\n             ^\nERROR at Row:3:Column:14\nunexpected token: 'TODAY'")
    }

    @Test func refusesCountWithOtherItems() {
        #expect(parseError("SELECT Id, COUNT() FROM User")?.message.hasSuffix("COUNT() must be the only element in the SELECT list") == true)
        #expect(parseError("SELECT COUNT(), Id FROM User")?.code == "MALFORMED_QUERY")
    }

    @Test func refusesBadStringLiterals() {
        let unterminated = parseError("SELECT Id FROM User WHERE Name = 'abc")
        #expect(unterminated?.code == "MALFORMED_QUERY")
        #expect(unterminated?.message.hasSuffix("mismatched character '<EOF>' expecting '''") == true)
        let badEscape = parseError(#"SELECT Id FROM User WHERE Name = 'a\qb'"#)
        #expect(badEscape?.message.hasSuffix(#"Illegal character sequence '\q' in string literal."#) == true)
    }

    @Test func refusesBadDateTimes() {
        #expect(parseError("SELECT Id FROM User WHERE CreatedDate > 2026-13-01T00:00:00Z")?.code == "MALFORMED_QUERY")
        #expect(parseError("SELECT Id FROM User WHERE CreatedDate > 2026-01-01T00:00:00")?.code == "MALFORMED_QUERY")
    }

    @Test func refusesTooDeepNestingInsteadOfOverflowing() {
        let deep = String(repeating: "(", count: 100_000) + "Name = 'x'" + String(repeating: ")", count: 100_000)
        #expect(parseError("SELECT Id FROM User WHERE " + deep)?.code == "MALFORMED_QUERY")
        let nots = String(repeating: "NOT ", count: 100_000) + "Name = 'x'"
        #expect(parseError("SELECT Id FROM User WHERE " + nots)?.code == "MALFORMED_QUERY")
    }

    @Test func refusesPathsBeyondFiveRelationships() {
        #expect(parseError("SELECT A.B.C.D.E.F.G FROM User")?.code == "MALFORMED_QUERY")
    }

    @Test func unknownObjectIsInvalidType() throws {
        #expect(
            try validationError("SELECT Id FROM Nope")
                == SOQLError(
                    code: "INVALID_TYPE",
                    message: "sObject type 'Nope' is not supported. If you are attempting to use a custom object, be "
                        + "sure to append the '__c' after the entity name. Please reference your WSDL or the describe "
                        + "call for the appropriate names."))
    }

    @Test func unknownFieldIsInvalidField() throws {
        #expect(
            try validationError("SELECT Id, Foo FROM User")
                == SOQLError(
                    code: "INVALID_FIELD",
                    message: "No such column 'Foo' on entity 'User'. If you are attempting to use a custom field, be "
                        + "sure to append the '__c' after the custom field name. Please reference your WSDL or the "
                        + "describe call for the appropriate names."))
        #expect(try validationError("SELECT Id FROM User WHERE Foo = 1")?.message.hasPrefix("No such column 'Foo' on entity 'User'.") == true)
        #expect(try validationError("SELECT Id FROM User ORDER BY Foo")?.code == "INVALID_FIELD")
    }

    @Test func unknownRelationshipPathsAreInvalidField() throws {
        #expect(
            try validationError("SELECT Profil.Name FROM User")
                == SOQLError(
                    code: "INVALID_FIELD",
                    message: "Didn't understand relationship 'Profil' in field path. If you are attempting to use a "
                        + "custom relationship, be sure to append the '__r' after the custom relationship name. Please "
                        + "reference your WSDL or the describe call for the appropriate names."))
        #expect(try validationError("SELECT Profile.Nme FROM User")?.message.hasPrefix("No such column 'Nme' on entity 'Profile'.") == true)
        #expect(try validationError("SELECT Manager.Profile.Foo FROM User")?.message.hasPrefix("No such column 'Foo' on entity 'Profile'.") == true)
        // A relationship name is not a column.
        #expect(try validationError("SELECT Profile FROM User")?.code == "INVALID_FIELD")
        // A polymorphic parent answers with the Name entity.
        #expect(try validationError("SELECT SetupOwner.Nope FROM nvmContactWorld__Settings__c")?.message.hasPrefix("No such column 'Nope' on entity 'Name'.") == true)
    }

    @Test func acceptsKnownNamesInAnyCase() throws {
        #expect(try validationError("SELECT id, USERNAME, profile.name, manager.profile.NAME FROM user WHERE isactive = true") == nil)
        #expect(try validationError("SELECT SetupOwner.Name, SetupOwner.Username FROM nvmcontactworld__settings__c") == nil)
    }

    @Test func typeOfNeedsAPolymorphicRelationshipAndItsTargets() throws {
        #expect(try validationError("SELECT TYPEOF What WHEN Account THEN Phone ELSE Name END FROM Event") == nil)
        #expect(try validationError("SELECT TYPEOF Profile WHEN Profile THEN Name END FROM User")?.code == "INVALID_FIELD")
        #expect(try validationError("SELECT TYPEOF What WHEN User THEN Name END FROM Event")?.code == "INVALID_TYPE")
        #expect(try validationError("SELECT TYPEOF What WHEN Account THEN Amount END FROM Event")?.message.hasPrefix("No such column 'Amount' on entity 'Account'.") == true)
        #expect(try validationError("SELECT TYPEOF Who WHEN Account THEN Name END FROM Event")?.code == "INVALID_FIELD")
    }

    @Test func malformedIdsAreInvalidFilterValues() throws {
        #expect(
            try validationError("SELECT Id FROM User WHERE Id = 'abc'")
                == SOQLError(code: "INVALID_QUERY_FILTER_OPERATOR", message: "invalid ID field: abc"))
        #expect(try validationError("SELECT Id FROM User WHERE ProfileId IN ('00e000000000001', 'nope')")?.code == "INVALID_QUERY_FILTER_OPERATOR")
        #expect(try validationError("SELECT Id FROM User WHERE ProfileId = '00e000000000001' AND ManagerId = ''") == nil)
        #expect(try validationError("SELECT Id FROM User WHERE Name LIKE 5")?.code == "INVALID_QUERY_FILTER_OPERATOR")
    }

    @Test func offsetAbove2000IsOutOfRange() throws {
        #expect(try validationError("SELECT Id FROM User OFFSET 2000") == nil)
        #expect(
            try validationError("SELECT Id FROM User OFFSET 2001")
                == SOQLError(code: "NUMBER_OUTSIDE_VALID_RANGE", message: "Maximum SOQL offset allowed is 2000"))
    }

    @Test func runValidatesToo() throws {
        let query = try SOQLQuery.parse("SELECT Foo FROM User")
        #expect(throws: SOQLError.self) { try Fixtures.evaluator.run(query, rows: Fixtures.users) }
    }
}
