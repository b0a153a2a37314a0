import Foundation
import Testing
import TestSupport

/// On a terminal, apply waits for the links' consents and records each link as it completes.
/// `script` gives the apply a pseudo-terminal, as a person's shell would.
@Suite struct ConsentWaitTests {
    static let script = "/usr/bin/script"

    func applyOnATerminal(_ workspace: EndToEndWorkspace, timeout: Int) throws -> BackgroundCommand {
        let command = "\(CommandRunner().executable) apply --auto-approve --consent-timeout \(timeout)"
        return try BackgroundCommand(executable: Self.script, arguments: ["-qec", command, "/dev/null"],
                                     directory: workspace.path, environment: workspace.environment)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func waitsForTheConsentsAndRecordsTheLinks() throws {
        let workspace = try EndToEndWorkspace.quickstart()
        defer { workspace.remove() }
        let apply = try applyOnATerminal(workspace, timeout: 60)
        #expect(apply.waitForOutput("Waiting up to 60 s for the consent of 2 links"), "\(apply.stdout)")
        try workspace.expect(["sim", "consent", "--account", "ACME-EU-01"], status: 0)
        try workspace.expect(["sim", "consent", "--account", "ACME-US-01"], status: 0)
        #expect(apply.wait() == 0, "\(apply.stdout)")
        #expect(apply.stdout.contains("link[\"ACME-EU-01\"]: linked"))
        #expect(apply.stdout.contains("link[\"ACME-US-01\"]: linked"))
        // Recorded already: the next plan has nothing to record.
        let plan = try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
        #expect(!plan.stdout.contains("Note:"))
        // One apply, one history entry: the consents landed in it and finished it.
        #expect(try workspace.history().map(\.status) == ["succeeded"])
        let history = try workspace.expect(["state", "history"], status: 0).stdout
        #expect(history.contains("succeeded  10 applied, 0 failed"), "\(history)")
        #expect(history.contains("succeeded: what it left waiting was done later, resolved at "), "\(history)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func aConsentByAnotherUserIsNotTakenForTheLink() throws {
        let workspace = try EndToEndWorkspace.quickstart()
        defer { workspace.remove() }
        let apply = try applyOnATerminal(workspace, timeout: 3)
        #expect(apply.waitForOutput("Waiting up to 3 s"), "\(apply.stdout)")
        try workspace.expect(["sim", "consent", "--account", "ACME-EU-01", "--as", "admin@acme.example"], status: 0)
        try workspace.expect(["sim", "consent", "--account", "ACME-US-01"], status: 0)
        #expect(apply.wait() == 3, "\(apply.stdout)")
        #expect(!apply.stdout.contains("link[\"ACME-EU-01\"]: linked"))
        let drift = try workspace.driftClasses()
        #expect(drift["link[\"ACME-EU-01\"]"] == "linked-as-other-user")
    }
}
