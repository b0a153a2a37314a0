import Foundation
import Testing
import OrgSimulator

@Suite struct DirectoryTests {
    @Test func seedIsIdempotent() throws {
        let fixture = try SimulatorFixture(seeded: false)
        defer { fixture.remove() }
        let first = try fixture.simulator.seed(SimulatorFixture.seed)
        #expect(first == SeedSummary(orgsAdded: 2, profilesAdded: 6, usersAdded: 5))
        let before = try fixture.simulator.snapshot()

        let again = try fixture.simulator.seed(SimulatorFixture.seed)
        #expect(again.isEmpty)
        #expect(try fixture.simulator.snapshot() == before, "a re-run changes nothing, Ids included")
    }

    @Test func seedAddsOnlyWhatIsMissing() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let before = try fixture.ids()
        var seed = SimulatorFixture.seed
        seed.orgs[0].profiles.append("Marketing")
        seed.orgs[0].users.append(UserSeed(username: "max@acme.example", profile: "Marketing"))
        // An existing user with other flags is left as it is: the seed only adds.
        seed.orgs[0].users[1].isActive = false

        let summary = try fixture.simulator.seed(seed)
        #expect(summary == SeedSummary(orgsAdded: 0, profilesAdded: 1, usersAdded: 1))
        let after = try fixture.ids()
        #expect(after.profiles["Support Agent"] == before.profiles["Support Agent"])
        #expect(after.profiles["Marketing"] != nil)
        #expect(after.users["max@acme.example"] != nil)
        let jane = try fixture.simulator.resolveOwners(org: "prod", profileNames: [], usernames: ["jane@acme.example"])
        #expect(jane.value.users["jane@acme.example"]?.isActive == true)
    }

    @Test func seedWithAnUnknownProfileAddsNothing() throws {
        let fixture = try SimulatorFixture(seeded: false)
        defer { fixture.remove() }
        let seed = DirectorySeed(orgs: [
            OrgSeed(name: "prod", environment: .production, profiles: ["Sales"],
                    users: [UserSeed(username: "x@acme.example", profile: "Nope")]),
        ])
        #expect(throws: SimulatorError.unknownProfile(org: "prod", name: "Nope")) {
            try fixture.simulator.seed(seed)
        }
        #expect(try fixture.simulator.orgs().isEmpty, "one transaction: all or nothing")
    }

    @Test func seedDecodesWithDefaultFlags() throws {
        let json = #"""
            {"orgs": [{"name": "prod", "environment": "sandbox",
                       "users": [{"username": "a@b.c", "profile": "P", "isApiOnly": true}]}]}
            """#
        let seed = try JSONDecoder().decode(DirectorySeed.self, from: Data(json.utf8))
        #expect(seed.orgs[0].profiles.isEmpty)
        #expect(seed.orgs[0].environment == .sandbox)
        #expect(seed.orgs[0].users[0] == UserSeed(username: "a@b.c", profile: "P", isApiOnly: true))
    }

    @Test func orgsGetOrgIds() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let orgs = try fixture.simulator.orgs()
        #expect(orgs.map(\.name) == ["prod", "uat"])
        for org in orgs {
            #expect(org.orgId.hasPrefix("00D"))
            #expect(org.orgId.count == 18)
        }
        #expect(orgs[0].orgId != orgs[1].orgId, "Ids differ between production and sandbox")
        #expect(try fixture.simulator.org(named: "uat")?.environment == .sandbox)
        #expect(try fixture.simulator.org(named: "nope") == nil)
    }

    @Test func addProfileAndUser() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let profileId = try fixture.simulator.addProfile(org: "prod", name: "Marketing")
        #expect(profileId.hasPrefix("00e"))
        let userId = try fixture.simulator.addUser(org: "prod", UserSeed(username: "max@acme.example", profile: "Marketing"))
        #expect(userId.hasPrefix("005"))
        #expect(throws: SimulatorError.duplicateProfile(org: "prod", name: "Marketing")) {
            try fixture.simulator.addProfile(org: "prod", name: "Marketing")
        }
        #expect(throws: SimulatorError.duplicateUser(org: "prod", username: "max@acme.example")) {
            try fixture.simulator.addUser(org: "prod", UserSeed(username: "max@acme.example", profile: "Sales"))
        }
        #expect(throws: SimulatorError.unknownOrg("nope")) {
            try fixture.simulator.addProfile(org: "nope", name: "Sales")
        }
        #expect(throws: SimulatorError.invalidName(what: "profile name", value: " ")) {
            try fixture.simulator.addProfile(org: "prod", name: " ")
        }
        #expect(throws: SimulatorError.duplicateOrg("prod")) {
            try fixture.simulator.addOrg(name: "prod", environment: .production)
        }
        // Profile names are per org: the sandbox may have its own "Marketing".
        #expect(try fixture.simulator.addProfile(org: "uat", name: "Marketing") != profileId)
    }

    @Test func resolveOwnersReturnsWhatExistsAndMeters() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let resolved = try fixture.simulator.resolveOwners(
            org: "prod", profileNames: ["Support Agent", "Nope", "Support Agent"],
            usernames: ["vcc-api@acme.example", "ghost@acme.example"])
        #expect(resolved.apiCalls == 2, "one query per kind")
        #expect(Set(resolved.value.profiles.keys) == ["Support Agent"])
        let apiUser = try #require(resolved.value.users["vcc-api@acme.example"])
        #expect(apiUser.isApiOnly && apiUser.hasApiUserPermissionSet && apiUser.isActive && !apiUser.mfaRequired)
        #expect(apiUser.profileName == "VCC API")
        #expect(resolved.value.users["ghost@acme.example"] == nil)
        #expect(resolved.value.orgId == (try fixture.simulator.org(named: "prod"))?.orgId)

        let profilesOnly = try fixture.simulator.resolveOwners(org: "prod", profileNames: ["Sales"], usernames: [])
        #expect(profilesOnly.apiCalls == 1)
        let nothing = try fixture.simulator.resolveOwners(org: "prod", profileNames: [], usernames: [])
        #expect(nothing.apiCalls == 0)
        #expect(try fixture.simulator.apiUsage(org: "prod") == 3)
        #expect(try fixture.simulator.apiUsage(org: "uat") == 0, "usage is per org")
    }

    @Test func resolveOwnersCountsOneCallPer2000Names() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let seed = DirectorySeed(orgs: [
            OrgSeed(name: "prod", environment: .production, profiles: ["Sales"],
                    users: (0..<4500).map { UserSeed(username: "agent\($0)@acme.example", profile: "Sales") }),
        ])
        #expect(try fixture.simulator.seed(seed).usersAdded == 4500)
        let names = (0..<4500).map { "agent\($0)@acme.example" }
        let resolved = try fixture.simulator.resolveOwners(org: "prod", profileNames: [], usernames: names)
        #expect(resolved.apiCalls == 3)
        #expect(resolved.value.users.count == 4500)
    }

    @Test func describeOwnersNamesIds() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let ids = try fixture.ids()
        let sales = try #require(ids.profiles["Sales"])
        let jane = try #require(ids.users["jane@acme.example"])
        let described = try fixture.simulator.describeOwners(
            org: "prod", ids: [ids.org, String(sales.prefix(15)), jane, "005000000000000AAA", "garbage"])
        #expect(described.value[ids.org]?.owner == .org)
        #expect(described.value[sales]?.owner == .profile("Sales"), "15-character Ids are accepted")
        #expect(described.value[jane]?.owner == .user("jane@acme.example"))
        #expect(described.value.count == 3)
        #expect(described.apiCalls == 2)
    }

    /// Many names are answered by one pass over the org, few by one lookup each: same answers.
    @Test func largeAndSmallRequestsAgree() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        try fixture.simulator.seed(DirectorySeed(orgs: [
            OrgSeed(name: "prod", environment: .production, profiles: ["Sales"],
                    users: (0..<600).map { UserSeed(username: "u\($0)@acme.example", profile: "Sales", isApiOnly: $0 % 2 == 0) }),
        ]))
        let ids = try fixture.ids()
        let manyNames = (0..<600).map { "u\($0)@acme.example" } + ["ghost@acme.example"]
        let many = try fixture.simulator.resolveOwners(org: "prod", profileNames: [], usernames: manyNames).value
        #expect(many.users.count == 600)
        for name in ["u0@acme.example", "u7@acme.example", "u599@acme.example"] {
            let few = try fixture.simulator.resolveOwners(org: "prod", profileNames: [], usernames: [name]).value
            #expect(few.users[name] == many.users[name])
            #expect(few.users[name]?.id == ids.users[name])
        }

        let ownerIds = Array(ids.users.values) + Array(ids.profiles.values) + [ids.org]
        let described = try fixture.simulator.describeOwners(org: "prod", ids: ownerIds).value
        #expect(described.count == ownerIds.count)
        for (username, id) in ids.users {
            #expect(described[id]?.owner == .user(username))
        }
        let one = try #require(ids.users["u5@acme.example"])
        #expect(try fixture.simulator.describeOwners(org: "prod", ids: [one]).value[one] == described[one])
        // Ids of another org name nothing here, by either path.
        let uat = try fixture.ids(org: "uat")
        #expect(try fixture.simulator.describeOwners(org: "prod", ids: Array(uat.users.values)).value.isEmpty)
    }
}
