import Foundation
import Testing
import TestSupport

/// The whole loop on examples/quickstart with the built binary: declare, plan, apply, give the
/// links' consent, edit, change things by hand, see the drift, converge again.
@Suite struct ReconcileLoopTests {
    /// seed → apply (links wait) → consent → converged at once; the next apply records the links
    /// in state and resolves the pending history entry that waited for them.
    static func converged(_ workspace: EndToEndWorkspace) throws {
        let first = try workspace.expect(["apply", "--auto-approve"], status: 3)
        #expect(first.stdout.contains("Plan: 10 to add, 0 to change, 0 to destroy."))
        #expect(first.stdout.contains("link[\"ACME-EU-01\"]: waiting for consent"))
        #expect(first.stdout.contains("log in directly as vcc-api@acme.example"))
        #expect(try workspace.history().map(\.status) == ["pending"])
        try workspace.expect(["sim", "consent", "--account", "ACME-EU-01"], status: 0)
        try workspace.expect(["sim", "consent", "--account", "ACME-US-01"], status: 0)
        // Linked exactly as declared: converged, whatever state records.
        let consented = try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
        #expect(consented.stdout.contains("No changes."))
        #expect(!consented.stdout.contains("adopt"))
        #expect(consented.stdout.contains("Note: link[\"ACME-EU-01\"] is observed as declared; the next apply records it in state."))
        try workspace.expect(["drift", "--detailed-exitcode"], status: 0)
        let record = try workspace.expect(["apply", "--auto-approve"], status: 0)
        #expect(record.stdout.contains("link[\"ACME-US-01\"]: recorded in state (observed as declared)"))
        #expect(try workspace.stateAddresses().contains("link[\"ACME-EU-01\"]"))
        // The apply that waited is finished: one entry, succeeded, holding the links' outcomes.
        let history = try workspace.history()
        #expect(history.map(\.status) == ["succeeded"])
        let clean = try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
        #expect(clean.stdout.contains("No changes."))
        #expect(!clean.stdout.contains("Note:"))
    }

    @Test func applyEditApplyConverges() throws {
        let workspace = try EndToEndWorkspace.quickstart()
        defer { workspace.remove() }
        let fresh = try workspace.expect(["plan", "--detailed-exitcode"], status: 2)
        #expect(fresh.stdout.contains("# setting.prod.org will be created"))
        try Self.converged(workspace)
        try workspace.expect(["drift", "--detailed-exitcode"], status: 0)

        // Move jane from the European account to the North American one.
        try workspace.editConfig { text in
            text.replacingOccurrences(of: "        - {user: jane@acme.example}\n", with: "")
                .replacingOccurrences(of: "        - {user: lee@acme.example}\n",
                                      with: "        - {user: lee@acme.example}\n        - {user: jane@acme.example}\n")
        }
        let edited = try workspace.expect(["plan", "--detailed-exitcode"], status: 2)
        #expect(edited.stdout.contains("~ setting.prod.user[\"jane@acme.example\"]"), "\(edited.stdout)")
        #expect(edited.stdout.contains("\"ACME-EU-01\" -> \"ACME-US-01\""), "\(edited.stdout)")
        #expect(edited.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."))
        // An edit is not drift: nothing changed outside vccctl.
        try workspace.expect(["drift", "--detailed-exitcode"], status: 0)
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
        let jane = try workspace.orgSettings().filter { $0.address == "setting.prod.user[\"jane@acme.example\"]" }
        #expect(jane.map(\.key) == ["ACME-US-01"])
    }

    @Test func outOfBandChangesAreDriftOfTheirClassAndApplyRepairsThem() throws {
        let workspace = try EndToEndWorkspace.quickstart()
        defer { workspace.remove() }
        try Self.converged(workspace)

        try workspace.expect(["sim", "delete-setting", "--org", "prod", "--user", "sam@acme.example"], status: 0)
        try workspace.expect(["sim", "set-setting", "--org", "prod", "--user", "lee@acme.example", "--key", "ACME-EU-01"], status: 0)
        try workspace.expect(["sim", "set-setting", "--org", "prod", "--user", "ada@acme.example", "--key", "ACME-US-01"], status: 0)
        try workspace.expect(["sim", "clear-token", "--org", "prod", "--key", "ACME-EU-01"], status: 0)
        try workspace.expect(["sim", "legacy", "--account", "ACME-US-01"], status: 0)

        let text = try workspace.expect(["drift", "--detailed-exitcode"], status: 2)
        #expect(text.stdout.contains("Drift: 5 findings"), "\(text.stdout)")
        #expect(try workspace.driftClasses() == [
            "setting.prod.user[\"sam@acme.example\"]": "deleted-outside",
            "setting.prod.user[\"lee@acme.example\"]": "changed-outside",
            "setting.prod.user[\"ada@acme.example\"]": "unmanaged",
            "secret.prod[\"ACME-EU-01\"]": "token-cleared",
            "link[\"ACME-US-01\"]": "link-legacy",
        ])
        // Drift is refresh only: running it again finds the same.
        try workspace.expect(["drift", "--detailed-exitcode"], status: 2)

        // Apply repairs what it manages; the Legacy link is relinked and waits for consent.
        let repair = try workspace.expect(["apply", "--auto-approve"], status: 3)
        #expect(repair.stdout.contains("# setting.prod.user[\"sam@acme.example\"] will be created"), "\(repair.stdout)")
        #expect(repair.stdout.contains("# secret.prod[\"ACME-EU-01\"] will be set again"))
        #expect(repair.stdout.contains("# link[\"ACME-US-01\"] will be relinked"))
        #expect(!repair.stdout.contains("ada@acme.example\"] will be"), "an unmanaged record is reported, not touched")

        // The consent comes from someone else than the declared API user ("log in as").
        try workspace.expect(["sim", "consent", "--account", "ACME-US-01", "--as", "admin@acme.example"], status: 0)
        #expect(try workspace.driftClasses() == [
            "setting.prod.user[\"ada@acme.example\"]": "unmanaged",
            "link[\"ACME-US-01\"]": "linked-as-other-user",
        ])
        let wrongUser = try workspace.expect(["drift", "--detailed-exitcode"], status: 2)
        #expect(wrongUser.stdout.contains("log in directly as vcc-api@acme.example"), "\(wrongUser.stdout)")
        try workspace.expect(["apply", "--auto-approve"], status: 3)
        try workspace.expect(["sim", "consent", "--account", "ACME-US-01"], status: 0)
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        #expect(try workspace.driftClasses() == ["setting.prod.user[\"ada@acme.example\"]": "unmanaged"])

        // The record nobody declared: declaring it adopts it as it is.
        try workspace.editConfig { text in
            text.replacingOccurrences(of: "        - {user: lee@acme.example}\n",
                                      with: "        - {user: lee@acme.example}\n        - {user: ada@acme.example}\n")
        }
        let adopt = try workspace.expect(["plan", "--detailed-exitcode"], status: 2)
        #expect(adopt.stdout.contains("# setting.prod.user[\"ada@acme.example\"] will be adopted into state"), "\(adopt.stdout)")
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        let clean = try workspace.expect(["drift", "--detailed-exitcode"], status: 0)
        #expect(clean.stdout.contains("No drift."))
        try workspace.expect(["plan", "--detailed-exitcode"], status: 0)

        let settings = try workspace.orgSettings()
        #expect(Set(settings.map(\.address)) == Set(try workspace.stateAddresses().filter { $0.hasPrefix("setting.") }))
        #expect(settings.count == 7)
        let accounts = try workspace.orgAccounts()
        #expect(accounts["ACME-US-01"]?["status"] as? String == "linked")
        #expect(accounts["ACME-US-01"]?["linked_as_username"] as? String == "vcc-api@acme.example")
    }

    @Test func anUnlinkOutOfBandIsALinkChangeThatApplyStartsAgain() throws {
        let workspace = try EndToEndWorkspace.quickstart()
        defer { workspace.remove() }
        try Self.converged(workspace)
        try workspace.expect(["sim", "unlink", "--account", "ACME-EU-01"], status: 0)
        try workspace.expect(["drift", "--detailed-exitcode"], status: 2)
        #expect(try workspace.driftClasses() == ["link[\"ACME-EU-01\"]": "link-changed"])
        let relink = try workspace.expect(["apply", "--auto-approve"], status: 3)
        #expect(relink.stdout.contains("Link VCC account ACME-EU-01 to org 'prod' through vcc-api@acme.example"), "\(relink.stdout)")
        #expect(relink.stdout.contains("vccctl sim consent --account ACME-EU-01"), "\(relink.stdout)")
        try workspace.expect(["sim", "consent", "--account", "ACME-EU-01"], status: 0)
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        try workspace.expect(["drift", "--detailed-exitcode"], status: 0)
        try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
    }

    @Test func aLinkWaitingForConsentStaysAChangeUntilGiven() throws {
        let workspace = try EndToEndWorkspace.quickstart()
        defer { workspace.remove() }
        try workspace.expect(["apply", "--auto-approve"], status: 3)
        let pending = try workspace.expect(["plan", "--detailed-exitcode"], status: 2)
        #expect(pending.stdout.contains("still waits for vcc-api@acme.example's consent"), "\(pending.stdout)")
        #expect(pending.stdout.contains("Plan: 2 to add, 0 to change, 0 to destroy."))
        // Applying again without the consent starts nothing new and still waits.
        try workspace.expect(["apply", "--auto-approve"], status: 3)
        let history = try workspace.expect(["state", "history", "--format", "json"], status: 0)
        #expect(history.stdout.contains("CONSENT_REQUIRED"))
    }
}
