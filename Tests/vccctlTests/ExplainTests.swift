import Foundation
import Testing
import TestSupport

/// `explain user`: the key a user effectively gets through the hierarchy (own record, else the
/// profile's, else the org default), and from which record, now and after apply.
@Suite struct ExplainTests {
    static func explain(_ workspace: EndToEndWorkspace, _ user: String) throws -> (now: String, configured: String) {
        let result = try workspace.expect(["explain", "user", user, "--org", "prod", "."], status: 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let now = try #require(lines.first { $0.hasPrefix("  now:") }, "\(result.stdout)")
        let configured = try #require(lines.first { $0.hasPrefix("  configured:") }, "\(result.stdout)")
        return (now.replacingOccurrences(of: "  now:", with: "").trimmingCharacters(in: .whitespaces),
                configured.replacingOccurrences(of: "  configured:", with: "").trimmingCharacters(in: .whitespaces))
    }

    @Test func eachLevelOfTheHierarchy() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        try workspace.expect(["apply", "--auto-approve"], status: 0)

        let sam = try workspace.expect(["explain", "user", "sam@acme.example", "--org", "prod", "."], status: 0)
        #expect(sam.stdout.hasPrefix("user sam@acme.example (profile Sales Agent) in org 'prod':\n"), "\(sam.stdout)")
        // Own record.
        #expect(try Self.explain(workspace, "sam@acme.example")
                == ("ACME-US-01, from the user 'sam@acme.example' record", "ACME-US-01, from the user 'sam@acme.example' record"))
        // Only a profile record: ada's profile, Support Agent.
        #expect(try Self.explain(workspace, "ada@acme.example")
                == ("ACME-EU-01, from the profile 'Support Agent' record", "ACME-EU-01, from the profile 'Support Agent' record"))
        // Neither: the API user's profile has no record.
        #expect(try Self.explain(workspace, "vcc-api@acme.example")
                == ("ACME-EU-01, from the org default record", "ACME-EU-01, from the org default record"))
        // A user's own record wins over the profile's even with the same key as the profile.
        #expect(try Self.explain(workspace, "jane@acme.example").now == "ACME-EU-01, from the user 'jane@acme.example' record")
    }

    /// The same answers as JSON, one document of schemas/explain.schema.json.
    @Test func asJSON() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        // Before apply: nothing now, the user's own record once configured.
        let result = try workspace.expect(["explain", "user", "sam@acme.example", "--format", "json", "."], status: 0)
        #expect(try JSONSchemaCheck.problems(result.stdout, schema: "explain.schema.json") == nil)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["org"] as? String == "prod" && object["profile"] as? String == "Sales Agent")
        let now = try #require(object["now"] as? [String: Any])
        #expect(now["account_key"] is NSNull && now["source"] is NSNull, "\(now)")
        let configured = try #require(object["configured"] as? [String: Any])
        #expect(configured["account_key"] as? String == "ACME-US-01")
        #expect((configured["source"] as? [String: Any])?["kind"] as? String == "user")
        #expect((configured["source"] as? [String: Any])?["name"] as? String == "sam@acme.example")
        try workspace.expect(["explain", "user", "sam@acme.example", "--format", "markdown", "."], status: 64)
    }

    @Test func nowAndConfiguredDifferUntilApplied() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        // Nothing applied yet: no record on the path.
        let fresh = try Self.explain(workspace, "sam@acme.example")
        #expect(fresh.now == "no account key (no record on the path carries one)")
        #expect(fresh.configured == "ACME-US-01, from the user 'sam@acme.example' record")
        try workspace.expect(["apply", "--auto-approve"], status: 0)

        // Out of band: ada gets a record of her own; the profile record of Support Agent goes away.
        try workspace.expect(["sim", "set-setting", "--org", "prod", "--user", "ada@acme.example", "--key", "ACME-US-01"], status: 0)
        #expect(try Self.explain(workspace, "ada@acme.example").now == "ACME-US-01, from the user 'ada@acme.example' record")
        try workspace.expect(["sim", "delete-setting", "--org", "prod", "--user", "ada@acme.example"], status: 0)
        try workspace.expect(["sim", "delete-setting", "--org", "prod", "--profile", "Support Agent"], status: 0)
        let ada = try Self.explain(workspace, "ada@acme.example")
        #expect(ada.now == "ACME-EU-01, from the org default record")
        #expect(ada.configured == "ACME-EU-01, from the profile 'Support Agent' record")

        // The configuration moves sam to the org default.
        try workspace.editConfig { $0.replacingOccurrences(of: "        - {user: sam@acme.example}\n", with: "") }
        let sam = try Self.explain(workspace, "sam@acme.example")
        #expect(sam.now == "ACME-US-01, from the user 'sam@acme.example' record")
        #expect(sam.configured == "ACME-US-01, from the profile 'Sales Agent' record")
    }

    @Test func unknownUsersAndOrgsAreErrors() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        let user = try workspace.run(["explain", "user", "nobody@acme.example", "--org", "prod"])
        #expect(user.status == 1)
        #expect(user.stderr.contains("user nobody@acme.example does not exist in org 'prod'"), "\(user.stderr)")
        let org = try workspace.run(["explain", "user", "sam@acme.example", "--org", "staging"])
        #expect(org.status == 1)
        #expect(org.stderr.contains("org 'staging' is not declared in the configuration"), "\(org.stderr)")
    }
}
