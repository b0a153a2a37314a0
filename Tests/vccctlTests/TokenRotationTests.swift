import Foundation
import Testing
import OrgSimulator
import TestSupport

/// Tokens are write-only: vccctl sees a rotation only through the fingerprint of the value in the
/// environment, compared with the one it applied.
@Suite struct TokenRotationTests {
    /// Whether the embedded org's secret of `key` in prod is `token` (it keeps a salted hash).
    static func orgHolds(_ token: String, key: String, in workspace: EndToEndWorkspace) throws -> Bool {
        try OrgSimulator(path: workspace.path + "/.vccctl/org.sqlite").tokenMatches(org: "prod", clientId: key, token: token)
    }

    @Test func aChangedEnvironmentValueIsARotation() throws {
        var workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
        let before = try workspace.expect(["state", "show", "secret.prod[\"ACME-EU-01\"]"], status: 0).stdout
        // The org holds exactly the tokens of the environment (as a salted hash; a wrong one does not match).
        let original = Canaries.eu(workspace)
        #expect(try Self.orgHolds(original, key: "ACME-EU-01", in: workspace))
        #expect(try Self.orgHolds(Canaries.us(workspace), key: "ACME-US-01", in: workspace))
        #expect(try !Self.orgHolds(Canaries.us(workspace), key: "ACME-EU-01", in: workspace))

        let rotated = "CANARY-eu-rotated-" + UUID().uuidString
        workspace.environment["VCC_TOKEN_ACME_EU"] = rotated
        let plan = try workspace.expect(["plan", "--detailed-exitcode"], status: 2)
        #expect(plan.stdout.contains("# secret.prod[\"ACME-EU-01\"] will be rotated"), "\(plan.stdout)")
        #expect(plan.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."))
        #expect(!plan.stdout.contains("ACME-US-01\"] will be"), "only the changed token rotates")
        #expect(!plan.stdout.contains(rotated))
        // A new token is not drift: nothing changed outside vccctl.
        try workspace.expect(["drift", "--detailed-exitcode"], status: 0)

        let json = try workspace.expect(["plan", "--format", "json"], status: 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let changes = try #require(document["changes"] as? [[String: Any]])
        #expect(changes.count == 1)
        #expect(changes.first?["action"] as? String == "rotate")
        #expect(changes.first?["token_variable"] as? String == "VCC_TOKEN_ACME_EU")

        let apply = try workspace.expect(["apply", "--auto-approve"], status: 0)
        #expect(apply.stdout.contains("secret.prod[\"ACME-EU-01\"]: done"))
        try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
        let after = try workspace.expect(["state", "show", "secret.prod[\"ACME-EU-01\"]"], status: 0).stdout
        #expect(before != after, "the state keeps the new fingerprint")
        // The org now holds the rotated token, not the old one; the other account's is untouched.
        #expect(try Self.orgHolds(rotated, key: "ACME-EU-01", in: workspace))
        #expect(try !Self.orgHolds(original, key: "ACME-EU-01", in: workspace))
        #expect(try Self.orgHolds(Canaries.us(workspace), key: "ACME-US-01", in: workspace))

        // An unset variable stops the plan, naming the variable.
        workspace.environment["VCC_TOKEN_ACME_EU"] = nil
        let unset = try workspace.expect(["plan"], status: 1)
        #expect(unset.stderr.contains("VCC_TOKEN_ACME_EU"), "\(unset.stderr)")
    }

    @Test func aTokenClearedOutOfBandIsSetAgainNotRotated() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        try workspace.expect(["sim", "clear-token", "--org", "prod", "--key", "ACME-US-01"], status: 0)
        let plan = try workspace.expect(["plan", "--detailed-exitcode"], status: 2)
        #expect(plan.stdout.contains("# secret.prod[\"ACME-US-01\"] will be set again"), "\(plan.stdout)")
        try workspace.expect(["apply", "--auto-approve"], status: 0)
        try workspace.expect(["plan", "--detailed-exitcode"], status: 0)
        try workspace.expect(["drift", "--detailed-exitcode"], status: 0)
    }
}
