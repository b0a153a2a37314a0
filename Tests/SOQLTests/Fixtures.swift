import SOQL

/// A small org: users with profiles, events pointing at accounts or opportunities (polymorphic
/// `What`), and a hierarchy custom setting whose `SetupOwner` is a user, profile or organization.
enum Fixtures {
    static let schema = SOQLSchema(objects: [
        .init(
            name: "User",
            fields: ["Id", "Username", "Name", "Email", "IsActive", "ProfileId", "CreatedDate", "ManagerId", "Rank"],
            relationships: ["Profile": ["Profile"], "Manager": ["User"]]
        ),
        .init(name: "Profile", fields: ["Id", "Name"]),
        .init(name: "Account", fields: ["Id", "Name", "Phone", "NumberOfEmployees"]),
        .init(name: "Opportunity", fields: ["Id", "Name", "Amount"]),
        .init(name: "Organization", fields: ["Id", "Name"]),
        .init(
            name: "Event", fields: ["Id", "Subject", "WhatId"],
            relationships: ["What": ["Account", "Opportunity"]]
        ),
        .init(
            name: "nvmContactWorld__Settings__c", fields: ["Id", "SetupOwnerId", "nvmContactWorld__Enabled__c"],
            relationships: ["SetupOwner": ["User", "Profile", "Organization"]]
        ),
    ])

    static let evaluator = SOQLEvaluator(schema: schema, apiVersion: "67.0")

    static let admin = SOQLRow(type: "Profile", fields: ["Id": .string("00e000000000001AAA"), "Name": .string("System Administrator")])
    static let agent = SOQLRow(type: "Profile", fields: ["Id": .string("00e000000000002AAA"), "Name": .string("Agent")])

    static func user(
        _ n: Int, _ username: String, profile: SOQLRow? = nil, active: Bool = true, rank: SOQLFieldValue = .null,
        created: String = "2026-01-02T03:04:05.000+0000"
    ) -> SOQLRow {
        var fields: [String: SOQLFieldValue] = [
            "Id": .string(id("005", n)),
            "Username": .string(username),
            "Name": .string("User \(n)"),
            "IsActive": .boolean(active),
            "CreatedDate": .dateTime(created),
            "Rank": rank,
        ]
        if let profile {
            fields["ProfileId"] = profile.fields["Id"]
            fields["Profile"] = .record(profile)
        } else {
            fields["ProfileId"] = .null
            fields["Profile"] = .null
        }
        return SOQLRow(type: "User", fields: fields)
    }

    /// An 18-character Id: three-character prefix, the number zero-padded to 12 digits, "AAA".
    static func id(_ prefix: String, _ n: Int) -> String {
        let digits = String(n)
        return prefix + String(repeating: "0", count: 12 - digits.count) + digits + "AAA"
    }

    static let users: [SOQLRow] = [
        user(1, "jane@example.com", profile: admin, rank: .integer(3)),
        user(2, "JOHN@example.com", profile: agent, rank: .integer(1)),
        user(3, "ann_o'brien@example.com", profile: agent, active: false, rank: .null,
             created: "2025-06-01T00:00:00.000+0000"),
        user(4, "zed%100@example.com", rank: .integer(2), created: "2026-03-01T12:00:00.000+0000"),
        user(5, "bob@example.com", profile: admin, rank: .null),
    ]

    /// Runs `soql` over `rows` and answers the usernames in result order.
    static func usernames(_ soql: String, _ rows: [SOQLRow] = users) throws -> [String] {
        let query = try SOQLQuery.parse(soql)
        return try evaluator.run(query, rows: rows).rows.map { row in
            guard case .string(let name) = row.fields["Username"] else { return "?" }
            return name
        }
    }
}
