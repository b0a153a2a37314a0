import Foundation
import Testing
import TestSupport

/// One contract per output: every `--format json` of the built binary is ONE document that
/// passes its schema in schemas/ (checked by check-jsonschema), with snake_case keys and
/// RFC 3339 times.
@Suite struct JSONOutputContractTests {
    /// Runs `arguments`, expects `status`, and checks that stdout is one document passing `schema`.
    @discardableResult
    static func document(_ workspace: EndToEndWorkspace, _ arguments: [String], status: Int32, schema: String,
                         sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try workspace.expect(arguments, status: status, sourceLocation: sourceLocation)
        #expect(try JSONSchemaCheck.problems(result.stdout, schema: schema) == nil,
                "vccctl \(arguments.joined(separator: " ")) against \(schema)", sourceLocation: sourceLocation)
        // JSONSerialization refuses trailing text: a second document would fail here.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                                  sourceLocation: sourceLocation)
        #expect(Self.camelCaseKeys(object).isEmpty, "camelCase keys: \(Self.camelCaseKeys(object))", sourceLocation: sourceLocation)
        return object
    }

    /// Keys with an upper-case letter, anywhere in the document.
    static func camelCaseKeys(_ value: Any) -> [String] {
        if let object = value as? [String: Any] {
            return object.flatMap { key, value in (key.contains { $0.isUppercase } ? [key] : []) + camelCaseKeys(value) }
        }
        if let array = value as? [Any] { return array.flatMap(camelCaseKeys) }
        return []
    }

    @Test func everyJSONOutputPassesItsSchema() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        try Self.document(workspace, ["validate", "--format", "json"], status: 0, schema: "validate.schema.json")
        try Self.document(workspace, ["plan", "--format", "json"], status: 0, schema: "plan.schema.json")
        try workspace.expect(["plan", "--out", "first.plan"], status: 0)
        try Self.document(workspace, ["show", "first.plan", "--format", "json"], status: 0, schema: "plan.schema.json")

        // A saved plan applied: the plan and the result in one document.
        let applied = try Self.document(workspace, ["apply", "first.plan", "--format", "json"], status: 0, schema: "apply.schema.json")
        let plan = try #require(applied["plan"] as? [String: Any])
        let result = try #require(applied["result"] as? [String: Any])
        #expect((plan["changes"] as? [Any])?.count == (result["outcomes"] as? [Any])?.count)
        #expect(result["failed"] as? Int == 0 && (result["applied"] as? Int ?? 0) > 0, "\(result)")

        // Nothing to do: still one document, its result null; planned now or saved.
        let unchanged = try Self.document(workspace, ["apply", "--auto-approve", "--format", "json"], status: 0,
                                          schema: "apply.schema.json")
        #expect(unchanged["result"] is NSNull, "\(unchanged)")
        try workspace.expect(["plan", "--out", "empty.plan"], status: 0)
        let savedUnchanged = try Self.document(workspace, ["apply", "empty.plan", "--format", "json"], status: 0,
                                               schema: "apply.schema.json")
        #expect(savedUnchanged["result"] is NSNull, "\(savedUnchanged)")

        try Self.document(workspace, ["drift", "--format", "json"], status: 0, schema: "drift.schema.json")
        try Self.document(workspace, ["state", "list", "--format", "json"], status: 0, schema: "state-list.schema.json")
        let summary = try Self.document(workspace, ["state", "show", "--format", "json"], status: 0, schema: "state-show.schema.json")
        #expect(summary["lock"] is NSNull && (summary["resources"] as? Int ?? 0) > 0, "\(summary)")
        for address in try workspace.stateAddresses() {
            let shown = try Self.document(workspace, ["state", "show", address, "--format", "json"], status: 0,
                                          schema: "state-show.schema.json")
            #expect(shown["address"] as? String == address)
        }
        let history = try Self.document(workspace, ["state", "history", "--format", "json"], status: 0,
                                        schema: "state-history.schema.json")
        let applies = try #require(history["applies"] as? [[String: Any]])
        #expect(!applies.isEmpty)
        for entry in applies {
            // RFC 3339 in UTC, never seconds since 1970.
            let started = try #require(entry["started_at"] as? String, "\(entry)")
            #expect(started.hasSuffix("Z") && (try? Date(started, strategy: .iso8601)) != nil, "\(started)")
        }
        try Self.document(workspace, ["sim", "api-usage", "--format", "json"], status: 0, schema: "sim-api-usage.schema.json")
        let shown = try Self.document(workspace, ["sim", "show"], status: 0, schema: "sim-show.schema.json")
        #expect((shown["orgs"] as? [[String: Any]])?.first?["name"] as? String == "prod", "\(shown)")
        try Self.document(workspace, ["explain", "user", "sam@acme.example", "--format", "json"], status: 0,
                          schema: "explain.schema.json")
    }

    @Test func anInvalidConfigurationIsStillOneValidateDocument() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false, seed: false)
        defer { workspace.remove() }
        try workspace.editConfig { $0.replacingOccurrences(of: "environment: production", with: "environment: staging") }
        let report = try Self.document(workspace, ["validate", "--format", "json"], status: 1, schema: "validate.schema.json")
        #expect(report["valid"] as? Bool == false)
    }

    /// The check is not a formality: a document missing its content fails every schema.
    @Test(arguments: ["apply", "drift", "validate", "state-list", "state-show", "state-history", "sim-api-usage", "plan", "confirm",
                      "explain", "sim-show"])
    func aSkeletonDocumentFails(schema: String) throws {
        #expect(try JSONSchemaCheck.problems(#"{"format_version": 1}"#, schema: schema + ".schema.json") != nil)
    }

    @Test func historyTimesInEpochSecondsFailTheSchema() throws {
        let epoch = #"{"format_version": 1, "applies": [{"id": "a", "kind": "apply", "who": "w", "host": "h", "started_at": "1767225600.5", "plan_digest": "d", "status": "succeeded", "outcomes": []}]}"#
        #expect(try JSONSchemaCheck.problems(epoch, schema: "state-history.schema.json") != nil)
        let rfc3339 = epoch.replacingOccurrences(of: "1767225600.5", with: "2026-01-01T00:00:00Z")
        #expect(try JSONSchemaCheck.problems(rfc3339, schema: "state-history.schema.json") == nil)
    }

    @Test func applyAsJSONWithoutApprovalRefusesBeforePlanning() throws {
        let workspace = try EndToEndWorkspace.quickstart(links: false)
        defer { workspace.remove() }
        let refused = try workspace.expect(["apply", "--format", "json"], status: 1)
        #expect(refused.stdout.isEmpty, "\(refused.stdout)")
        #expect(refused.stderr.contains("--auto-approve"), "\(refused.stderr)")
        #expect(try workspace.history().isEmpty)
    }

    /// Waiting for consents prints progress: on standard error, so standard output stays one
    /// document. `script` gives the apply a terminal (the wait only happens on one).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ConsentWaitTests.script)))
    func consentProgressStaysOffStandardOutput() throws {
        let workspace = try EndToEndWorkspace.quickstart()
        defer { workspace.remove() }
        let command = "\(CommandRunner().executable) apply --auto-approve --format json --consent-timeout 60 2>progress.txt"
        let apply = try BackgroundCommand(executable: ConsentWaitTests.script, arguments: ["-qec", command, "/dev/null"],
                                          directory: workspace.path, environment: workspace.environment)
        // The document is written before the wait begins.
        #expect(apply.waitForOutput(#""result""#), "\(apply.stdout)")
        try workspace.expect(["sim", "consent", "--account", "ACME-EU-01"], status: 0)
        try workspace.expect(["sim", "consent", "--account", "ACME-US-01"], status: 0)
        #expect(apply.wait() == 0, "\(apply.stdout)")
        let progress = try String(contentsOfFile: workspace.path + "/progress.txt", encoding: .utf8)
        #expect(progress.contains("Waiting up to 60 s") && progress.contains("link[\"ACME-EU-01\"]: linked"), "\(progress)")
        // The terminal turns each newline into CR LF.
        let stdout = apply.stdout.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(!stdout.contains("Waiting up to") && !stdout.contains(": linked"), "\(stdout)")
        #expect(try JSONSchemaCheck.problems(stdout, schema: "apply.schema.json") == nil, "\(stdout)")
    }
}
