import SOQL
import Testing

@Suite struct SOQLProjectionTests {
    private func project(_ soql: String, _ rows: [SOQLRow]) throws -> [String] {
        let query = try SOQLQuery.parse(soql)
        let result = try Fixtures.evaluator.run(query, rows: rows)
        let texts = result.rows.map { Fixtures.evaluator.project($0, query).serialized() }
        // The compiled projection writes the same text, and its values are the same.
        let projection = Fixtures.evaluator.projection(for: query)
        #expect(result.rows.map { projection.serialized($0) } == texts)
        #expect(result.rows.map { projection.value($0) } == result.rows.map { Fixtures.evaluator.project($0, query) })
        return texts
    }

    @Test func shapesRecordsLikeSalesforce() throws {
        let json = try project(
            "SELECT Id, Username, Profile.Name, IsActive, Rank, CreatedDate FROM User WHERE Username = 'jane@example.com'",
            Fixtures.users)
        #expect(
            json == [
                #"{"attributes":{"type":"User","url":"/services/data/v67.0/sobjects/User/005000000000001AAA"},"#
                    + #""Id":"005000000000001AAA","Username":"jane@example.com","#
                    + #""Profile":{"attributes":{"type":"Profile","url":"/services/data/v67.0/sobjects/Profile/00e000000000001AAA"},"Name":"System Administrator"},"#
                    + #""IsActive":true,"Rank":3,"CreatedDate":"2026-01-02T03:04:05.000+0000"}"#
            ])
    }

    @Test func usesCanonicalSpellingAndMergesRelationshipFields() throws {
        let json = try project("select profile.name, USERNAME, Profile.Id from user where rank = 1", Fixtures.users)
        #expect(
            json == [
                #"{"attributes":{"type":"User","url":"/services/data/v67.0/sobjects/User/005000000000002AAA"},"#
                    + #""Profile":{"attributes":{"type":"Profile","url":"/services/data/v67.0/sobjects/Profile/00e000000000002AAA"},"Name":"Agent","Id":"00e000000000002AAA"},"#
                    + #""Username":"JOHN@example.com"}"#
            ])
    }

    @Test func nullRelationshipsAndFieldsAreNull() throws {
        let json = try project("SELECT Profile.Name, Rank, Email FROM User WHERE Username LIKE 'zed%'", Fixtures.users)
        #expect(
            json == [
                #"{"attributes":{"type":"User","url":"/services/data/v67.0/sobjects/User/005000000000004AAA"},"#
                    + #""Profile":null,"Rank":2,"Email":null}"#
            ])
    }

    @Test func nestsSeveralLevels() throws {
        var manager = Fixtures.users[0]
        manager.fields["Username"] = .string("boss@example.com")
        var worker = Fixtures.users[1]
        worker.fields["Manager"] = .record(manager)
        let json = try project("SELECT Manager.Profile.Name, Manager.Username FROM User", [worker])
        #expect(
            json == [
                #"{"attributes":{"type":"User","url":"/services/data/v67.0/sobjects/User/005000000000002AAA"},"#
                    + #""Manager":{"attributes":{"type":"User","url":"/services/data/v67.0/sobjects/User/005000000000001AAA"},"#
                    + #""Profile":{"attributes":{"type":"Profile","url":"/services/data/v67.0/sobjects/Profile/00e000000000001AAA"},"Name":"System Administrator"},"#
                    + #""Username":"boss@example.com"}}"#
            ])
    }

    private static let account = SOQLRow(
        type: "Account", fields: ["Id": .string(Fixtures.id("001", 1)), "Name": .string("Acme"), "Phone": .string("+44 1")])
    private static let opportunity = SOQLRow(
        type: "Opportunity", fields: ["Id": .string(Fixtures.id("006", 1)), "Name": .string("Big deal"), "Amount": .number(1500.5)])
    private static let events: [SOQLRow] = [
        SOQLRow(type: "Event", fields: ["Id": .string(Fixtures.id("00U", 1)), "Subject": .string("Call"), "What": .record(account)]),
        SOQLRow(type: "Event", fields: ["Id": .string(Fixtures.id("00U", 2)), "Subject": .string("Demo"), "What": .record(opportunity)]),
        SOQLRow(type: "Event", fields: ["Id": .string(Fixtures.id("00U", 3)), "Subject": .string("Lunch"), "What": .null]),
    ]

    @Test func typeOfProjectsTheMatchingBranch() throws {
        let json = try project(
            "SELECT Subject, TYPEOF What WHEN Account THEN Phone, Name WHEN Opportunity THEN Amount END FROM Event",
            Self.events)
        let url = "/services/data/v67.0/sobjects"
        #expect(
            json == [
                #"{"attributes":{"type":"Event","url":"\#(url)/Event/00U000000000001AAA"},"Subject":"Call","#
                    + #""What":{"attributes":{"type":"Account","url":"\#(url)/Account/001000000000001AAA"},"Phone":"+44 1","Name":"Acme"}}"#,
                #"{"attributes":{"type":"Event","url":"\#(url)/Event/00U000000000002AAA"},"Subject":"Demo","#
                    + #""What":{"attributes":{"type":"Opportunity","url":"\#(url)/Opportunity/006000000000001AAA"},"Amount":1500.5}}"#,
                #"{"attributes":{"type":"Event","url":"\#(url)/Event/00U000000000003AAA"},"Subject":"Lunch","What":null}"#,
            ])
    }

    @Test func typeOfFallsBackToElse() throws {
        let json = try project("SELECT TYPEOF what WHEN account THEN phone ELSE name END FROM Event WHERE Subject = 'Demo'", Self.events)
        #expect(
            json == [
                #"{"attributes":{"type":"Event","url":"/services/data/v67.0/sobjects/Event/00U000000000002AAA"},"#
                    + #""What":{"attributes":{"type":"Opportunity","url":"/services/data/v67.0/sobjects/Opportunity/006000000000001AAA"},"Name":"Big deal"}}"#
            ])
    }

    @Test func polymorphicParentsAnswerTheirType() throws {
        let org = SOQLRow(type: "Organization", fields: ["Id": .string(Fixtures.id("00D", 1)), "Name": .string("Acme Org")])
        let settings = [
            SOQLRow(type: "nvmContactWorld__Settings__c", fields: ["Id": .string(Fixtures.id("a01", 1)), "SetupOwner": .record(org)]),
            SOQLRow(type: "nvmContactWorld__Settings__c", fields: ["Id": .string(Fixtures.id("a01", 2)), "SetupOwner": .record(Fixtures.agent)]),
        ]
        let json = try project(
            "SELECT SetupOwner.type, SetupOwner.Name FROM nvmContactWorld__Settings__c WHERE SetupOwner.Type = 'profile'", settings)
        #expect(
            json == [
                #"{"attributes":{"type":"nvmContactWorld__Settings__c","url":"/services/data/v67.0/sobjects/nvmContactWorld__Settings__c/a01000000000002AAA"},"#
                    + #""SetupOwner":{"attributes":{"type":"Profile","url":"/services/data/v67.0/sobjects/Profile/00e000000000002AAA"},"Type":"Profile","Name":"Agent"}}"#
            ])
        // Type is only implied on polymorphic parents.
        #expect(throws: SOQLError.self) { try Fixtures.evaluator.validate(try SOQLQuery.parse("SELECT Profile.Type FROM User")) }
    }

    @Test func aRecordWithoutIdHasNoURL() {
        let query = SOQLQuery(object: "Profile", items: [.field(["Name"])])
        let row = SOQLRow(type: "Profile", fields: ["Name": .string("Guest")])
        #expect(Fixtures.evaluator.project(row, query).serialized() == #"{"attributes":{"type":"Profile"},"Name":"Guest"}"#)
    }

    @Test func compiledProjectionWritesWhatProjectSerializes() throws {
        let profile = SOQLRow(type: "Profile", fields: ["Id": .string("00e\"quoted\\"), "Name": .string("Tab\there \u{1}é")])
        let rows = [
            SOQLRow(type: "User", fields: [
                "Id": .string("005000000000009AAA"), "username": .string("lower-case key"), "Rank": .number(.infinity),
                "Name": .number(2.5), "Email": .integer(-7), "IsActive": .boolean(false), "Profile": .record(profile),
                "ProfileId": .record(profile), "Manager": .string("not a record"),
            ]),
            SOQLRow(type: "User", fields: ["Username": .string("no id")]),
            SOQLRow(type: "Us\"er", fields: ["Id": .string("x/\"y")]),
        ]
        let queries = try [
            "SELECT Id, Username, Rank, Name, Email, IsActive, ProfileId, Profile.Name, Profile.Id, Manager.Username FROM User",
            "SELECT Manager.Profile.Name, Profile.Name FROM User",
        ].map { try SOQLQuery.parse($0) } + [
            // Paths that do not resolve project as written.
            SOQLQuery(object: "User", items: [.field(["Nope"]), .field(["Profile", "Missing"]), .field(["username"])]),
        ]
        for query in queries {
            let projection = Fixtures.evaluator.projection(for: query)
            for row in rows {
                #expect(projection.serialized(row) == Fixtures.evaluator.project(row, query).serialized())
            }
        }
        // A query that never validated projects as written, through the compiled path too.
        let unvalidated = SOQLQuery(
            object: "Nothing", items: [.field(["A"]), .field(["B", "C"]), .typeOf(relationship: "What", whens: [.init(type: "X", fields: [["Y"]])], otherwise: [["Z"]])])
        let projection = SOQLEvaluator(schema: Fixtures.schema, apiVersion: "60.0").projection(for: unvalidated)
        #expect(projection.apiVersion == "60.0")
        for row in rows + Self.events {
            #expect(projection.serialized(row)
                == SOQLEvaluator(schema: Fixtures.schema, apiVersion: "60.0").project(row, unvalidated).serialized())
        }
    }
}
