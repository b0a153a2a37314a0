import Foundation
import Testing
import TestSupport

/// Owners changing under vccctl's records, with the built binary on examples/quickstart: a user
/// renamed in Setup (`sim rename-user`) is owner-changed drift, replaced or adopted by the plan; a
/// deactivated user is inactive-user drift; an org dropped from the configuration while state still
/// manages records there is an error that changes nothing.
@Suite struct OwnerChangeTests {
    static let sam = "setting.prod.user[\"sam@acme.example\"]"
    static let samOld = "setting.prod.user[\"sam.old@acme.example\"]"
    static let jane = "setting.prod.user[\"jane@acme.example\"]"

    /// A converged quickstart (no links, so no consent step) and sam's record Id.
    static func applied() throws -> (workspace: EndToEndWorkspace, samRecord: String) {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        let records = try workspace.orgSettings().filter { $0.address == sam }
        #expect(records.count == 1)
        return (workspace, try #require(records.first?.id))
    }

    /// `plan --format json`: each change's address and action, in plan order.
    static func changes(_ workspace: EndToEndWorkspace) throws -> [(address: String, action: String)] {
        let json = try workspace.expect(["plan", "--format", "json"], status: 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let changes = try #require(document["changes"] as? [[String: Any]])
        return try changes.map { (try #require($0["address"] as? String), try #require($0["action"] as? String)) }
    }

    static func rename(_ workspace: EndToEndWorkspace, _ from: String, to: String) throws {
        try workspace.expect(["sim", "rename-user", "--org", "prod", "--user", from, "--to", to], status: 0)
    }

    /// Swaps two usernames through a third, as an admin would have to (usernames are unique).
    static func swap(_ workspace: EndToEndWorkspace, _ first: String, _ second: String) throws {
        try rename(workspace, first, to: "swap@acme.example")
        try rename(workspace, second, to: first)
        try rename(workspace, "swap@acme.example", to: second)
    }

    /// The API calls the embedded prod org has counted so far.
    static func apiUsage(_ workspace: EndToEndWorkspace) throws -> Int {
        let orgs = try #require(try workspace.orgSnapshot()["orgs"] as? [[String: Any]])
        let prod = try #require(orgs.first { ($0["name"] as? String) == "prod" })
        return try #require(prod["api_calls"] as? Int)
    }

    @Test func aRenamedUserWhoseNameIsTakenAgainGetsANewRecord() throws {
        let (workspace, oldRecord) = try Self.applied()
        defer { workspace.remove() }
        let renamed = try workspace.expect(["sim", "rename-user", "--org", "prod", "--user", "sam@acme.example",
                                            "--to", "sam.old@acme.example"], status: 0)
        #expect(renamed.stdout.contains("Renamed user sam@acme.example"), "\(renamed.stdout)")
        try workspace.expect(["sim", "add-user", "--org", "prod", "sam@acme.example", "--profile", "Sales Agent"], status: 0)

        let drift = try workspace.expect(["drift", "--detailed-exitcode"], status: 2)
        #expect(drift.stdout.contains("[owner-changed]"), "\(drift.stdout)")
        let classes = try EndToEndWorkspace.driftClasses(
            json: try workspace.expect(["drift", "--detailed-exitcode", "--format", "json"], status: 2).stdout)
        #expect(classes[Self.sam] == "owner-changed", "\(classes)")
        #expect(Set(classes.values) == ["owner-changed"], "\(classes)")

        let changes = try Self.changes(workspace)
        #expect(changes.filter { $0.address == Self.sam }.map(\.action) == ["replace"], "\(changes)")
        #expect(!changes.contains { $0.address == Self.samOld }, "the moved record is replaced, not deleted on its own: \(changes)")
        let text = try workspace.expect(["plan", "--detailed-exitcode"], status: 2)
        #expect(text.stdout.contains("-/+ \(Self.sam)"), "\(text.stdout)")

        try workspace.expect(["apply", "--auto-approve"], status: 0)
        try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
        try workspace.expect(["drift", "--detailed-exitcode"], status: 0)
        let settings = try workspace.orgSettings()
        let sams = settings.filter { $0.address == Self.sam }
        #expect(sams.count == 1, "\(settings)")
        #expect(sams.first?.key == "ACME-US-01")
        #expect(sams.first?.id != oldRecord, "a record's owner cannot change: the new sam has a new record")
        #expect(!settings.contains { $0.address == Self.samOld }, "\(settings)")
        #expect(!settings.contains { $0.id == oldRecord })
    }

    @Test func aRenamedUserDeclaredUnderTheNewNameIsAdopted() throws {
        let (workspace, record) = try Self.applied()
        defer { workspace.remove() }
        try Self.rename(workspace, "sam@acme.example", to: "sam.old@acme.example")
        try workspace.editConfig {
            $0.replacingOccurrences(of: "{user: sam@acme.example}", with: "{user: sam.old@acme.example}")
        }

        let changes = try Self.changes(workspace)
        #expect(changes.filter { $0.address == Self.samOld }.map(\.action) == ["adopt"], "\(changes)")
        #expect(!changes.contains { $0.action == "delete" || $0.action == "replace" || $0.action == "create" }, "\(changes)")
        try workspace.expect(["plan", "--detailed-exitcode"], status: 2)

        try workspace.expect(["apply", "--auto-approve"], status: 0)
        try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
        let addresses = try workspace.stateAddresses()
        #expect(addresses.contains(Self.samOld) && !addresses.contains(Self.sam), "\(addresses)")
        let settings = try workspace.orgSettings()
        #expect(settings.filter { $0.address == Self.samOld }.map(\.id) == [record], "the same record, kept: \(settings)")
        #expect(!settings.contains { $0.address == Self.sam })
    }

    @Test func aRenamedUserNoLongerDeclaredHasTheMovedRecordDeleted() throws {
        let (workspace, record) = try Self.applied()
        defer { workspace.remove() }
        try Self.rename(workspace, "sam@acme.example", to: "sam.old@acme.example")
        try workspace.editConfig { $0.replacingOccurrences(of: "        - {user: sam@acme.example}\n", with: "") }

        let classes = try EndToEndWorkspace.driftClasses(
            json: try workspace.expect(["drift", "--detailed-exitcode", "--format", "json"], status: 2).stdout)
        #expect(classes == [Self.sam: "owner-changed"], "reported once, where vccctl made the record: \(classes)")
        let changes = try Self.changes(workspace)
        #expect(changes.map(\.address) == [Self.sam] && changes.map(\.action) == ["delete"], "\(changes)")

        try workspace.expect(["apply", "--auto-approve"], status: 0)
        try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
        #expect(!(try workspace.orgSettings()).contains { $0.id == record }, "the moved record is deleted")
        #expect(!(try workspace.stateAddresses()).contains(Self.sam))
    }

    /// Until a user of the old name exists again there is no owner to make the new record for:
    /// plan stops with an error that names the declared user (and the way out), never a crash.
    @Test func aRenamedUserWithoutASuccessorStopsThePlan() throws {
        let (workspace, record) = try Self.applied()
        defer { workspace.remove() }
        try Self.rename(workspace, "sam@acme.example", to: "sam.old@acme.example")
        let plan = try workspace.expect(["plan"], status: 1)
        #expect(plan.stderr.contains("user 'sam@acme.example' does not exist in org 'prod'"), "\(plan.stderr)")
        #expect(plan.stderr.contains("create the user first"), "\(plan.stderr)")
        try workspace.expect(["apply", "--auto-approve"], status: 1)
        #expect(try workspace.orgSettings().filter { $0.address == Self.samOld }.map(\.id) == [record], "nothing was applied")
    }

    /// The nightly drift job should report the rename, not fail: drift is refresh only, and the
    /// finding (owner-changed, with its fix) is what the admin needs to read.
    @Test
    func driftAfterARenameWithoutASuccessorReportsOwnerChanged() throws {
        let (workspace, _) = try Self.applied()
        defer { workspace.remove() }
        try Self.rename(workspace, "sam@acme.example", to: "sam.old@acme.example")
        let json = try workspace.expect(["drift", "--detailed-exitcode", "--format", "json"], status: 2)
        #expect(try EndToEndWorkspace.driftClasses(json: json.stdout)[Self.sam] == "owner-changed")
    }

    /// Two declared users swap usernames: each record now sits under the other's name. Both
    /// names are declared, so each location takes the record it finds and sets its own key.
    @Test func swappedUsernamesConvergeInOneApply() throws {
        let (workspace, samRecord) = try Self.applied()
        defer { workspace.remove() }
        let janeRecord = try #require(try workspace.orgSettings().first { $0.address == Self.jane }?.id)
        try Self.swap(workspace, "jane@acme.example", "sam@acme.example")
        try workspace.expect(["drift", "--detailed-exitcode"], status: 2)
        #expect(try Self.changes(workspace).map(\.action) == ["update", "update"])
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
        let settings = try workspace.orgSettings()
        #expect(settings.filter { $0.address == Self.jane }.map(\.key) == ["ACME-EU-01"])
        #expect(settings.filter { $0.address == Self.sam }.map(\.key) == ["ACME-US-01"])
        #expect(settings.filter { $0.address == Self.jane }.map(\.id) == [samRecord], "the record went with the user")
        #expect(settings.filter { $0.address == Self.sam }.map(\.id) == [janeRecord])
    }

    /// The swap above is an owner change, not a key edited outside vccctl; with equal keys it
    /// is reported as nothing at all.
    @Test
    func swappedUsernamesAreOwnerChangedDrift() throws {
        let (workspace, _) = try Self.applied()
        defer { workspace.remove() }
        try Self.swap(workspace, "jane@acme.example", "sam@acme.example")
        let json = try workspace.expect(["drift", "--detailed-exitcode", "--format", "json"], status: 2)
        #expect(try EndToEndWorkspace.driftClasses(json: json.stdout) == [Self.jane: "owner-changed", Self.sam: "owner-changed"])
        try workspace.expect(["apply", "--auto-approve"], status: 0)

        // sam and lee both hold ACME-US-01.
        try Self.swap(workspace, "sam@acme.example", "lee@acme.example")
        let same = try workspace.expect(["drift", "--detailed-exitcode", "--format", "json"], status: 2)
        #expect(try EndToEndWorkspace.driftClasses(json: same.stdout)[Self.sam] == "owner-changed")
    }

    /// A plan's estimate is what apply spends. A replace is a delete and a create: two writes
    /// that cannot share one sObject Collections request.
    @Test
    func replacesAreEstimatedAsTheCallsApplySpends() throws {
        let (workspace, _) = try Self.applied()
        defer { workspace.remove() }
        for user in ["sam", "lee"] {
            try Self.rename(workspace, "\(user)@acme.example", to: "\(user).old@acme.example")
            try workspace.expect(["sim", "add-user", "--org", "prod", "\(user)@acme.example", "--profile", "Sales Agent"], status: 0)
        }
        let json = try workspace.expect(["plan", "--format", "json"], status: 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let calls = try #require(document["api_calls"] as? [String: Int])
        let before = try Self.apiUsage(workspace)
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        #expect(try Self.apiUsage(workspace) - before == (calls["refresh"] ?? 0) + (calls["apply"] ?? 0), "\(calls)")
    }

    @Test func aDeactivatedUserIsInactiveUserDriftUntilReactivated() throws {
        let (workspace, _) = try Self.applied()
        defer { workspace.remove() }
        let user = ["--org", "prod", "--user", "jane@acme.example"]
        let deactivated = try workspace.expect(["sim", "deactivate-user"] + user, status: 0)
        #expect(deactivated.stdout.contains("is now inactive"), "\(deactivated.stdout)")

        let drift = try workspace.expect(["drift", "--detailed-exitcode"], status: 2)
        #expect(drift.stdout.contains("! \(Self.jane) [inactive-user]"), "\(drift.stdout)")
        #expect(drift.stdout.contains("user jane@acme.example is inactive"), "\(drift.stdout)")
        let json = try workspace.expect(["drift", "--detailed-exitcode", "--format", "json"], status: 2)
        #expect(try EndToEndWorkspace.driftClasses(json: json.stdout) == [Self.jane: "inactive-user"])
        // The record is where it should be: only its user is gone, so there is nothing to apply.
        #expect(try Self.changes(workspace).isEmpty)

        let again = try workspace.expect(["sim", "deactivate-user"] + user, status: 0)
        #expect(again.stdout.contains("was already inactive"), "\(again.stdout)")
        try workspace.expect(["sim", "activate-user"] + user, status: 0)
        try workspace.expect(["drift", "--detailed-exitcode"], status: 0)
    }

    @Test func badUserCommandsAreClearErrors() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        let before = try workspace.orgSnapshot() as NSDictionary
        let unknownOrg = try workspace.expect(["sim", "rename-user", "--org", "nope", "--user", "sam@acme.example",
                                               "--to", "x@acme.example"], status: 1)
        #expect(unknownOrg.stderr.contains("no simulated org named \"nope\""), "\(unknownOrg.stderr)")
        let unknownUser = try workspace.expect(["sim", "rename-user", "--org", "prod", "--user", "ghost@acme.example",
                                                "--to", "x@acme.example"], status: 1)
        #expect(unknownUser.stderr.contains("has no user with username \"ghost@acme.example\""), "\(unknownUser.stderr)")
        let taken = try workspace.expect(["sim", "rename-user", "--org", "prod", "--user", "sam@acme.example",
                                          "--to", "lee@acme.example"], status: 1)
        #expect(taken.stderr.contains("already has a user with username \"lee@acme.example\""), "\(taken.stderr)")
        for command in ["deactivate-user", "activate-user"] {
            let ghost = try workspace.expect(["sim", command, "--org", "prod", "--user", "ghost@acme.example"], status: 1)
            #expect(ghost.stderr.contains("ghost@acme.example"), "\(ghost.stderr)")
            try workspace.expect(["sim", command, "--org", "nope", "--user", "sam@acme.example"], status: 1)
            try workspace.expect(["sim", command, "--org", "prod"], status: 64)
        }
        try workspace.expect(["sim", "rename-user", "--org", "prod", "--user", "sam@acme.example"], status: 64)
        for result in [unknownOrg, unknownUser, taken] {
            #expect(result.stderr.hasPrefix("error: "), "one error line, no trace: \(result.stderr)")
        }
        #expect(try workspace.orgSnapshot() as NSDictionary == before, "a refused command changes nothing")
    }

    /// Records in an org the configuration stops declaring are neither dropped nor deleted
    /// silently: plan and apply fail, name the org and say both ways on. The way to delete them
    /// (declare the org with no locations, apply, then remove it) converges.
    @Test func droppingAnOrgWithManagedRecordsFailsAndChangesNothing() throws {
        let workspace = try EndToEndWorkspace(environment: Canaries().environment)
        defer { workspace.remove() }
        try workspace.directory.write("sim/directory.yaml", """
            orgs:
              prod: {environment: production, profiles: [Agent]}
              uat: {environment: sandbox, profiles: [Agent]}
            """)
        try workspace.expect(["sim", "seed", "sim/directory.yaml"], status: 0)
        /// The configuration: prod always, uat when `declaresUat`, with uat locations when given.
        func config(declaresUat: Bool, uatLocations: String? = nil) -> String {
            var text = "version: 1\norgs:\n  prod: {environment: production}\n"
            if declaresUat { text += "  uat: {environment: sandbox}\n" }
            text += "accounts:\n  ACME-EU-01:\n    token: {env: VCC_TOKEN_ACME_EU}\n    locations:\n      prod: [org]\n"
            if let uatLocations { text += "      uat: \(uatLocations)\n" }
            return text
        }
        try workspace.directory.write("vccctl.yaml", config(declaresUat: true, uatLocations: "[org, {profile: Agent}]"))
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        let state = try workspace.expect(["state", "list", "--format", "json"], status: 0).stdout
        #expect(state.contains("setting.uat.org"), "\(state)")
        let applies = try workspace.history().count

        try workspace.directory.write("vccctl.yaml", config(declaresUat: false))
        for command in [["plan"], ["plan", "--detailed-exitcode"], ["drift"], ["apply", "--auto-approve"]] {
            let failed = try workspace.expect(command, status: 1)
            #expect(failed.stderr.contains("state manages 2 settings records in org 'uat'"), "\(failed.stderr)")
            #expect(failed.stderr.contains("declare org 'uat' again with no locations, apply, then remove it"), "\(failed.stderr)")
            #expect(failed.stderr.contains("declare org 'uat' again with its locations"), "\(failed.stderr)")
        }
        #expect(try workspace.expect(["state", "list", "--format", "json"], status: 0).stdout == state)
        #expect(try workspace.history().count == applies, "nothing was applied")
        #expect(try workspace.orgSettings(org: "uat").count == 2, "the records stay in the org")

        // The first way on: declare the org with no locations, apply (deletes them), remove it.
        try workspace.directory.write("vccctl.yaml", config(declaresUat: true))
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        #expect(try workspace.orgSettings(org: "uat").isEmpty)
        try workspace.directory.write("vccctl.yaml", config(declaresUat: false))
        try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
        #expect(try !workspace.stateAddresses().contains { $0.hasPrefix("setting.uat") })
    }
}
