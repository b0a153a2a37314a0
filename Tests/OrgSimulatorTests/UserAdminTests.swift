import Testing
import OrgSimulator

/// Renaming, deactivating and reactivating users: Setup edits of an existing user.
@Suite struct UserAdminTests {
    @Test func renameKeepsTheIdAndTheRecordsTheUserOwns() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let simulator = fixture.simulator
        let jane = try #require(try fixture.ids().users["jane@acme.example"])
        let record = try simulator.setSetting(org: "prod", owner: .user("jane@acme.example"), clientId: "ACME-EU-01")

        #expect(try simulator.renameUser(org: "prod", from: "jane@acme.example", to: "jane.old@acme.example") == jane)
        let users = try fixture.ids().users
        #expect(users["jane.old@acme.example"] == jane)
        #expect(users["jane@acme.example"] == nil)
        // The record is the same record, now named by the new username.
        let settings = try #require(try simulator.snapshot().orgs.first { $0.org.name == "prod" }).settings
        #expect(settings.map(\.id) == [record.id])
        #expect(settings.first?.owner == .user("jane.old@acme.example"))
        #expect(settings.first?.ownerId == jane)

        // The old name is free again: a new user may take it, with a new Id.
        let newJane = try simulator.addUser(org: "prod", UserSeed(username: "jane@acme.example", profile: "Support Agent"))
        #expect(newJane != jane)
        #expect(try simulator.apiUsage(org: "prod") == 0, "Setup edits are no API calls")
    }

    @Test func renameRefusesATakenOrUnknownNameAndChangesNothing() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let simulator = fixture.simulator
        let before = try simulator.snapshot()
        #expect(throws: SimulatorError.duplicateUser(org: "prod", username: "admin@acme.example")) {
            try simulator.renameUser(org: "prod", from: "jane@acme.example", to: "admin@acme.example")
        }
        #expect(throws: SimulatorError.unknownUser(org: "prod", username: "ghost@acme.example")) {
            try simulator.renameUser(org: "prod", from: "ghost@acme.example", to: "ghost2@acme.example")
        }
        #expect(throws: SimulatorError.unknownOrg("nope")) {
            try simulator.renameUser(org: "nope", from: "jane@acme.example", to: "x@acme.example")
        }
        // Usernames are per org here: uat's user is unknown in prod.
        #expect(throws: SimulatorError.unknownUser(org: "prod", username: "vcc-api@acme.example.uat")) {
            try simulator.renameUser(org: "prod", from: "vcc-api@acme.example.uat", to: "x@acme.example")
        }
        #expect(throws: SimulatorError.invalidName(what: "username", value: " ")) {
            try simulator.renameUser(org: "prod", from: "jane@acme.example", to: " ")
        }
        #expect(try simulator.snapshot() == before)

        // Saving the user with its own name is no change at all.
        let jane = try #require(try fixture.ids().users["jane@acme.example"])
        #expect(try simulator.renameUser(org: "prod", from: "jane@acme.example", to: "jane@acme.example") == jane)
        #expect(try simulator.snapshot() == before)
    }

    /// VCC holds the consent of a user, not of a name: the link follows the rename, and the
    /// five-links rule still counts the renamed user's links.
    @Test func linksInForceFollowTheRenamedApiUser() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let simulator = fixture.simulator
        let keys = (1...5).map { "K\($0)" }
        for key in keys {
            try simulator.startLink(key: key, org: "prod", username: "vcc-api@acme.example")
            try simulator.giveConsent(key: key, as: "vcc-api@acme.example")
        }
        try simulator.renameUser(org: "prod", from: "vcc-api@acme.example", to: "vcc-api2@acme.example")
        for link in try simulator.linkStatuses(keys: keys) {
            #expect(link.linkedUsername == "vcc-api2@acme.example")
            #expect(link.linkedAsUsername == "vcc-api2@acme.example")
        }
        try simulator.startLink(key: "K6", org: "prod", username: "vcc-api2@acme.example")
        #expect(throws: SimulatorError.linkLimitReached(org: "prod", username: "vcc-api2@acme.example", linkedKeys: keys)) {
            try simulator.giveConsent(key: "K6", as: "vcc-api2@acme.example")
        }
    }

    @Test func deactivateAndReactivate() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        let simulator = fixture.simulator
        func isActive(_ username: String) throws -> Bool? {
            try simulator.resolveOwners(org: "prod", profileNames: [], usernames: [username]).value.users[username]?.isActive
        }
        #expect(try simulator.setUserActive(org: "prod", username: "jane@acme.example", active: false) == true)
        #expect(try isActive("jane@acme.example") == false)
        #expect(try simulator.setUserActive(org: "prod", username: "jane@acme.example", active: false) == false,
                "deactivating an inactive user is a no-op that says so")
        #expect(try isActive("jane@acme.example") == false)

        // An inactive user cannot log in, so cannot consent to a link.
        try simulator.startLink(key: "K", org: "prod", username: "jane@acme.example")
        #expect(throws: SimulatorError.consentUserInactive(org: "prod", username: "jane@acme.example")) {
            try simulator.giveConsent(key: "K", as: "jane@acme.example")
        }

        #expect(try simulator.setUserActive(org: "prod", username: "jane@acme.example", active: true) == false)
        #expect(try isActive("jane@acme.example") == true)
        #expect(try simulator.setUserActive(org: "prod", username: "former@acme.example", active: true) == false)
        #expect(try isActive("former@acme.example") == true)

        #expect(throws: SimulatorError.unknownUser(org: "prod", username: "ghost@acme.example")) {
            try simulator.setUserActive(org: "prod", username: "ghost@acme.example", active: false)
        }
        #expect(throws: SimulatorError.unknownOrg("nope")) {
            try simulator.setUserActive(org: "nope", username: "jane@acme.example", active: false)
        }
    }

    @Test func userAdminPersistsAcrossProcesses() throws {
        let fixture = try SimulatorFixture()
        defer { fixture.remove() }
        try fixture.simulator.renameUser(org: "prod", from: "jane@acme.example", to: "jane.old@acme.example")
        try fixture.simulator.setUserActive(org: "prod", username: "admin@acme.example", active: false)
        let reopened = try fixture.reopen()
        let users = try #require(try reopened.snapshot().orgs.first { $0.org.name == "prod" }).users
        #expect(users.contains { $0.username == "jane.old@acme.example" })
        #expect(!users.contains { $0.username == "jane@acme.example" })
        #expect(users.first { $0.username == "admin@acme.example" }?.isActive == false)
    }
}
